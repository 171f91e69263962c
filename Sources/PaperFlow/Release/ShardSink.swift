/// Streams record lines into the release's data shards (`data/train-0000k-of-0000N.jsonl.gz`), each one
/// gzip member compressed block by block on the executor's threads; no shard is ever held whole in memory.
///
/// A shard closes before a line that would take it past `shardBytes` uncompressed bytes (a longer single
/// line gets a shard of its own). Shards are written under temporary names, renamed once their count is
/// known. Without a directory (a dry run) lines are only counted.
final class ShardSink {
    /// One finished shard.
    struct Shard: Sendable {
        var path: String
        var records: Int
        var summary: GzipStreamSummary
    }

    private let directory: String?
    private let gzip: GzipOptions
    private let shardBytes: Int
    private let executor: ParallelExecutor
    private var finished: [Shard] = []
    private var file: FileWriter?
    private var writer: GzipStreamWriter?
    private var records = 0
    private var bytes = 0
    /// Called once the first shard file is complete (for fault injection).
    var firstShardWritten: () -> Void = {}

    init(directory: String?, gzip: GzipOptions, shardBytes: Int, executor: ParallelExecutor) {
        self.directory = directory
        self.gzip = gzip
        self.shardBytes = shardBytes
        self.executor = executor
    }

    /// Appends one canonical line (newline included).
    func append(_ line: ArraySlice<UInt8>) throws {
        if records > 0 && bytes + line.count > shardBytes { try closeShard() }
        if writer == nil && directory != nil { try openShard() }
        try writer?.append(line)
        records += 1
        bytes += line.count
    }

    /// Closes the last shard, renames every shard to its final name and returns them in order.
    func finish() throws -> [Shard] {
        if records > 0 || finished.isEmpty {
            if writer == nil && directory != nil { try openShard() }
            try closeShard()
        }
        var shards: [Shard] = []
        for (index, shard) in finished.enumerated() {
            let path = "data/" + ReleaseBuilder.shardName(index, of: finished.count)
            if let directory { try FileTree.rename(directory + "/" + shard.path, to: directory + "/" + path) }
            shards.append(Shard(path: path, records: shard.records, summary: shard.summary))
        }
        return shards
    }

    private var temporaryPath: String { "data/part-" + String(finished.count) + ".tmp" }

    private func openShard() throws {
        guard let directory else { return }
        try FileTree.makeDirectory(directory + "/data")
        let output = try FileWriter(path: directory + "/" + temporaryPath)
        file = output
        writer = try GzipStreamWriter(options: gzip, executor: executor) { bytes in try output.write(bytes) }
    }

    private func closeShard() throws {
        var summary = GzipStreamSummary(uncompressedBytes: bytes, compressedBytes: 0, uncompressedSHA256: "", compressedSHA256: "")
        if let open = writer.take() {
            summary = try open.finish()
            try file?.close(sync: true)
            file = nil
        }
        finished.append(Shard(path: temporaryPath, records: records, summary: summary))
        if finished.count == 1 { firstShardWritten() }
        records = 0
        bytes = 0
    }
}
