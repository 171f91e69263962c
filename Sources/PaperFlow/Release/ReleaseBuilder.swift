/// Builds the files of a release from a finished dataset: data shards, `manifest.json`,
/// `schema.json`, `croissant.json`, the `README.md` card, `stats.json`, `rejects.jsonl.gz`,
/// `diff.json` and `SHA256SUMS`. Pure: it returns bytes and writes nothing.
public struct ReleaseBuilder: Sendable {
    public var spec: PipelineSpec
    public var version: ReleaseVersion
    public var gzip: GzipOptions
    /// Shards close before a line that would take them past this many uncompressed bytes.
    public var shardBytes: Int
    public var executor: ParallelExecutor
    /// The release `latest` pointed to before this run, for `diff.json`.
    public var previous: PublishedRelease?

    public init(
        spec: PipelineSpec, version: ReleaseVersion, gzip: GzipOptions, shardBytes: Int, executor: ParallelExecutor,
        previous: PublishedRelease?
    ) {
        self.spec = spec
        self.version = version
        self.gzip = gzip
        self.shardBytes = shardBytes
        self.executor = executor
        self.previous = previous
    }

    /// One data shard before and after compression.
    struct Shard: Sendable {
        var path: String
        var records: Int
        var jsonl: [UInt8]
        var gzip: [UInt8] = []
    }

    /// Every file of the release, sorted by path.
    public func files(for dataset: Dataset) throws -> [ReleaseFile] {
        let lines = executor.mapChunks(dataset.records, chunkSize: 2048) { chunk in
            chunk.map { (id: $0.id, line: RecordEncoder.line($0)) }
        }
        var sorter = InMemoryRecordSorter()
        for entry in lines { try sorter.add(id: entry.id, line: entry.line) }
        var released: [PublishedRelease.Line] = []
        var packed = pack(&sorter) { id, line in released.append(PublishedRelease.Line(id: id, bytes: Array(line.dropLast()))) }
        for index in packed.indices {
            packed[index].gzip = try Gzip.compress(packed[index].jsonl, options: gzip, executor: executor)
        }
        let shards = packed
        let shardDigests = executor.map(shards.count) { index in
            (gzip: SHA256Hex.digest(shards[index].gzip), jsonl: SHA256Hex.digest(shards[index].jsonl))
        }
        var files = shards.map { ReleaseFile(path: $0.path, bytes: $0.gzip) }
        files.append(ReleaseFile(path: "rejects.jsonl.gz", bytes: try Gzip.compress(rejectLines(dataset.rejects), options: gzip, executor: executor)))
        files.append(ReleaseFile(path: "stats.json", bytes: document(ReleaseStats.json(dataset))))
        files.append(ReleaseFile(path: "schema.json", bytes: document(SchemaDocument.json(datasetName: spec.name))))
        let croissantShards = zip(shards, shardDigests).map { CroissantDocument.Shard(path: $0.path, sha256: $1.gzip) }
        files.append(ReleaseFile(
            path: "croissant.json", bytes: document(CroissantDocument.json(spec: spec, version: version.name, shards: croissantShards))))
        files.append(ReleaseFile(path: "README.md", bytes: Array(DatasetCard.markdown(
            spec: spec, version: version.name, recordCount: dataset.records.count, shardCount: shards.count).utf8)))
        let diff = ReleaseDiff(from: previous.map { ($0.version, $0.lines) }, to: (version.name, released))
        files.append(ReleaseFile(path: "diff.json", bytes: document(diff.json)))
        let manifest = ReleaseManifest(
            spec: spec, version: version, dataset: dataset,
            shards: zip(shards, shardDigests).map { shard, digests in
                ReleaseManifest.Shard(
                    path: shard.path, records: shard.records, bytes: shard.gzip.count, sha256: digests.gzip,
                    uncompressedBytes: shard.jsonl.count, uncompressedSHA256: digests.jsonl)
            })
        files.append(ReleaseFile(path: "manifest.json", bytes: document(manifest.json)))
        files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        files.append(ReleaseFile(path: "SHA256SUMS", bytes: checksums(files)))
        return files
    }

    /// Cuts the sorted lines into shards of at most `shardBytes` (a longer single line gets a shard of its own);
    /// `each` sees every line in release order.
    func pack(_ sorter: inout some RecordSorter, each: (String, [UInt8]) -> Void) -> [Shard] {
        var contents: [(jsonl: [UInt8], records: Int)] = []
        var current: [UInt8] = []
        var records = 0
        sorter.forEachSorted { id, line in
            each(id, line)
            if !current.isEmpty && current.count + line.count > shardBytes {
                contents.append((current, records))
                current = []
                records = 0
            }
            current.append(contentsOf: line)
            records += 1
        }
        if records > 0 || contents.isEmpty { contents.append((current, records)) }
        return contents.enumerated().map { index, content in
            Shard(path: "data/" + Self.shardName(index, of: contents.count), records: content.records, jsonl: content.jsonl)
        }
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
    func checksums(_ files: [ReleaseFile]) -> [UInt8] {
        let digests = executor.map(files.count) { SHA256Hex.digest(files[$0].bytes) }
        var text = ""
        for (file, digest) in zip(files, digests) { text += digest + "  " + file.path + "\n" }
        return Array(text.utf8)
    }
}
