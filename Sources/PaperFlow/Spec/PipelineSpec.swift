import Foundation

/// A validated `pipeline.json`: inputs, stages with their parameters, limits and release settings.
///
/// Relative paths inside the spec are resolved against the directory that holds the spec file.
public struct PipelineSpec: Sendable {
    /// The spec format versions this build reads.
    public static let supportedVersions = [1]

    /// The spec file as the user named it (for messages).
    public var file: String
    /// Absolute directory of the spec file.
    public var directory: String
    /// Hex SHA-256 of the spec file's bytes.
    public var digest: String
    /// The spec format version (`version`).
    public var version: Int
    /// The dataset name (`name`).
    public var name: String
    public var input: InputSpec
    public var stages: [StageSpec]
    public var limits: Limits
    public var release: ReleaseSpec

    /// `path` made absolute against the spec's directory.
    public func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return directory == "/" ? "/" + path : directory + "/" + path
    }
}

/// `input`: what to read.
public struct InputSpec: Sendable {
    /// Files, directories or globs, as written in the spec.
    public var paths: [String]
    /// `snapshot_dates`: the day the pages under a path or glob were saved, in spec order.
    public var snapshotDates: [SnapshotDate]
}

/// One entry of `input.snapshot_dates`.
public struct SnapshotDate: Sendable {
    /// A path or glob, as written (relative to the spec directory like `input.paths`).
    public var pattern: String
    public var day: Day
}

/// One entry of `stages`: an operator and its validated parameters.
public struct StageSpec: Sendable {
    public var op: String
    public var operatorType: any PipelineOperator.Type
    public var parameters: ParameterValues
}

/// `limits` (DESIGN §7): a run that breaks one fails with exit 1 and publishes nothing.
public struct Limits: Sendable {
    /// Files over this size are `too-large` rejects.
    public var maxFileBytes = 33_554_432
    /// The run fails when more than this share of input files is rejected.
    public var maxRejectedFilesRatio = 0.05
    /// The run fails with fewer records than this.
    public var minRecords = 1
}

/// `release`: where and how the release is published.
public struct ReleaseSpec: Sendable {
    /// The release directory, relative to the spec directory (default `out/<name>`).
    public var dir: String
    /// The dataset license named in the dataset card.
    public var license = "other"
    /// How many releases to keep.
    public var keep = 14
}
