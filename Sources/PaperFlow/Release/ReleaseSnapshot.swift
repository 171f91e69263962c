/// The snapshot of a release that CI compares (DESIGN §6): one line per record (`id`, SHA-256 of its
/// canonical line) and the per-shard uncompressed digests. Card and metadata bytes are not part of it.
public struct ReleaseSnapshot: Sendable, Equatable {
    /// `id<TAB>sha256` lines, in release order.
    public var records: [(id: String, digest: String)]
    /// `path<TAB>records<TAB>uncompressed sha256` lines, in shard order.
    public var shards: [String]

    public static func == (lhs: ReleaseSnapshot, rhs: ReleaseSnapshot) -> Bool {
        lhs.records.elementsEqual(rhs.records) { $0.id == $1.id && $0.digest == $1.digest } && lhs.shards == rhs.shards
    }

    /// The snapshot of a published release.
    public init(_ release: PublishedRelease) {
        records = release.lines.map { ($0.id, SHA256Hex.digest($0.bytes + [UInt8(ascii: "\n")])) }
        shards = (release.manifest["shards"]?.arrayValue ?? []).compactMap { $0.objectValue }.map { shard in
            [shard["path"]?.stringValue ?? "", String(shard["records"]?.intValue ?? 0),
             shard["uncompressed_sha256"]?.stringValue ?? ""].joined(separator: "\t")
        }
    }

    /// A snapshot read back from the text of its two files.
    public init(recordsText: String, shardsText: String) {
        records = recordsText.split(separator: "\n").map { line in
            let parts = line.split(separator: "\t", maxSplits: 1)
            return (String(parts.first ?? ""), parts.count > 1 ? String(parts[1]) : "")
        }
        shards = shardsText.split(separator: "\n").map(String.init)
    }

    /// `snapshots/records.tsv`.
    public var recordsText: String {
        records.map { $0.id + "\t" + $0.digest + "\n" }.joined()
    }

    /// `snapshots/shards.tsv`.
    public var shardsText: String {
        shards.map { $0 + "\n" }.joined()
    }

    /// What differs from `expected`: ids added, removed or changed, and shard lines that differ. Empty when equal.
    public func differences(from expected: ReleaseSnapshot) -> [String] {
        var expectedByID: [String: String] = [:]
        for record in expected.records { expectedByID[record.id] = record.digest }
        var actualIDs = Set<String>()
        var lines: [String] = []
        for record in records {
            actualIDs.insert(record.id)
            guard let digest = expectedByID[record.id] else {
                lines.append("added: \(record.id)")
                continue
            }
            if digest != record.digest { lines.append("changed: \(record.id)") }
        }
        for record in expected.records where !actualIDs.contains(record.id) { lines.append("removed: \(record.id)") }
        if shards != expected.shards {
            lines.append("shards differ: expected \(expected.shards.joined(separator: " | ")), got \(shards.joined(separator: " | "))")
        }
        return lines
    }
}
