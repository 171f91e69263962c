/// Builds the metadata files of a release whose data shards are written: `manifest.json`, `schema.json`,
/// `croissant.json`, the `README.md` card, `stats.json`, `rejects.jsonl.gz`, `diff.json` and `SHA256SUMS`.
/// Pure: it returns bytes and writes nothing.
public struct ReleaseBuilder: Sendable {
    public var spec: PipelineSpec
    public var version: ReleaseVersion
    public var gzip: GzipOptions
    public var executor: ParallelExecutor

    public init(spec: PipelineSpec, version: ReleaseVersion, gzip: GzipOptions, executor: ParallelExecutor) {
        self.spec = spec
        self.version = version
        self.gzip = gzip
        self.executor = executor
    }

    /// The metadata files sorted by path, `SHA256SUMS` (which also lists the shards) last.
    func metadataFiles(for dataset: Dataset, shards: [ShardSink.Shard], diff: ReleaseDiff) throws -> [ReleaseFile] {
        var files: [ReleaseFile] = []
        files.append(ReleaseFile(path: "rejects.jsonl.gz", bytes: try Gzip.compress(rejectLines(dataset.rejects), options: gzip, executor: executor)))
        files.append(ReleaseFile(path: "stats.json", bytes: document(ReleaseStats.json(dataset))))
        files.append(ReleaseFile(path: "schema.json", bytes: document(SchemaDocument.json(datasetName: spec.name))))
        let croissantShards = shards.map { CroissantDocument.Shard(path: $0.path, sha256: $0.summary.compressedSHA256) }
        files.append(ReleaseFile(
            path: "croissant.json", bytes: document(CroissantDocument.json(spec: spec, version: version.name, shards: croissantShards))))
        files.append(ReleaseFile(path: "README.md", bytes: Array(DatasetCard.markdown(
            spec: spec, version: version.name, recordCount: dataset.recordCount, shardCount: shards.count).utf8)))
        files.append(ReleaseFile(path: "diff.json", bytes: document(diff.json)))
        let manifest = ReleaseManifest(
            spec: spec, version: version, dataset: dataset,
            shards: shards.map { shard in
                ReleaseManifest.Shard(
                    path: shard.path, records: shard.records, bytes: shard.summary.compressedBytes,
                    sha256: shard.summary.compressedSHA256, uncompressedBytes: shard.summary.uncompressedBytes,
                    uncompressedSHA256: shard.summary.uncompressedSHA256)
            })
        files.append(ReleaseFile(path: "manifest.json", bytes: document(manifest.json)))
        files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        let listed = files.map { (path: $0.path, sha256: SHA256Hex.digest($0.bytes)) }
            + shards.map { (path: $0.path, sha256: $0.summary.compressedSHA256) }
        files.append(ReleaseFile(path: "SHA256SUMS", bytes: checksums(listed)))
        return files
    }

    /// `train-00000-of-00003.jsonl.gz`
    static func shardName(_ index: Int, of count: Int) -> String {
        "train-" + zeroPadded(index, 5) + "-of-" + zeroPadded(count, 5) + ".jsonl.gz"
    }

    static func zeroPadded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// One JSON line per reject, `{reason, location, detail}`, sorted by location then reason.
    func rejectLines(_ rejects: [Reject]) -> [UInt8] {
        let sorted = rejects.sorted { lhs, rhs in
            if lhs.location != rhs.location { return lhs.location < rhs.location }
            if lhs.reason != rhs.reason { return lhs.reason < rhs.reason }
            return lhs.detail.utf8.lexicographicallyPrecedes(rhs.detail.utf8)
        }
        var out: [UInt8] = []
        for reject in sorted {
            let line = JSONValue.object([
                "reason": .string(reject.reason.rawValue),
                "location": .string(reject.location.description),
                "detail": .string(reject.detail),
            ])
            JSONWriter.append(line, pretty: false, to: &out)
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    func document(_ value: JSONValue) -> [UInt8] {
        var bytes = JSONWriter.serialize(value, pretty: true)
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// `sha256sum -c` format, sorted by path.
    func checksums(_ files: [(path: String, sha256: String)]) -> [UInt8] {
        var text = ""
        for file in files.sorted(by: { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }) {
            text += file.sha256 + "  " + file.path + "\n"
        }
        return Array(text.utf8)
    }
}
