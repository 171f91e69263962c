import Foundation

/// The release version rule of DESIGN §6: `<day>-<first 8 hex of a digest>` of the input content,
/// the spec, the taxonomy, the paperflow version, the schema version and the title-key version.
public struct ReleaseVersion: Sendable, Equatable {
    /// Hex SHA-256 over every input's display path, size and content digest, in input order.
    public let inputDigest: String
    /// The full digest behind the version.
    public let digest: String
    /// `2025-11-06-1a2b3c4d`, or the 8 hex alone when no day is known.
    public let name: String

    /// The version of a run over `inputs` with `spec`. `sourceDateEpoch` is `SOURCE_DATE_EPOCH` when set.
    public init(inputs: [InputFile], spec: PipelineSpec, taxonomyDigest: String?, sourceDateEpoch: String?) {
        var listing = ""
        for input in inputs {
            listing += input.displayPath + "\t" + String(input.size) + "\t" + (input.digest ?? "-") + "\n"
        }
        inputDigest = SHA256Hex.digest(listing)
        let material = [
            "input " + inputDigest,
            "spec " + spec.digest,
            "taxonomy " + (taxonomyDigest ?? "-"),
            "paperflow " + Versions.paperflow,
            "schema " + Versions.recordSchema,
            "title-key " + TitleKey.version,
        ].joined(separator: "\n")
        digest = SHA256Hex.digest(material)
        let short = String(digest.prefix(8))
        let day = Self.day(sourceDateEpoch: sourceDateEpoch) ?? inputs.compactMap(\.snapshotDay).max()
        name = day.map { $0.description + "-" + short } ?? short
    }

    /// The UTC day of `SOURCE_DATE_EPOCH` (seconds since 1970).
    static func day(sourceDateEpoch: String?) -> Day? {
        guard let text = sourceDateEpoch, let seconds = Int(text), seconds >= 0 else { return nil }
        return Day(daysSinceEpoch: seconds / 86_400)
    }

    /// Whether a directory name is a release of this digest (any day).
    public func matches(directoryName name: String) -> Bool {
        let short = String(digest.prefix(8))
        return name == short || name.hasSuffix("-" + short) && name.count == 11 + short.count
    }
}
