/// Versions that the release manifest records and the release version digests.
public enum Versions {
    /// This build of paperflow.
    public static let paperflow = "0.1.0"
    /// The record schema (semver: a new key is minor; a removed or renamed key or a changed type is major).
    public static let recordSchema = "1.0.0"
}
