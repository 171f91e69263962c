/// One input file found under the spec's input paths.
public struct InputFile: Sendable {
    /// The path to open.
    public var fullPath: String
    /// The path shown in `sources` and rejects: relative to its input root (prefixed by the root when the spec lists several).
    public var displayPath: String
    /// Size in bytes at discovery.
    public var size: Int
    /// The input's snapshot date from `input.snapshot_dates`, if one matches.
    public var snapshotDay: Day?
    /// The format sniffed by `extract` (nil until then, or when the file was rejected before sniffing).
    public var format: String?
    /// Hex SHA-256 of the content, filled by `extract` (nil when unreadable).
    public var digest: String?

    public init(fullPath: String, displayPath: String, size: Int, snapshotDay: Day?) {
        self.fullPath = fullPath
        self.displayPath = displayPath
        self.size = size
        self.snapshotDay = snapshotDay
    }
}

/// Records in and out of one stage, and the rejects it made. No timings: these go into the release.
public struct StageCount: Sendable {
    public var op: String
    public var recordsIn: Int
    public var recordsOut: Int
    public var rejects: Int
}

extension StageCount {
    /// `{op, records_in, records_out, rejects}`, as the manifest and `shard.json` list it.
    public var json: JSONValue {
        .object([
            "op": .string(op),
            "records_in": .int(recordsIn),
            "records_out": .int(recordsOut),
            "rejects": .int(rejects),
        ])
    }
}

/// What a finished `write` stage did.
public struct Publication: Sendable {
    /// How the release ended.
    public enum Status: String, Sendable {
        case published
        case alreadyPublished = "already published"
        case dryRun = "dry run"
    }

    public var version: String
    /// The release directory (`out/paper-records/<version>`).
    public var directory: String
    public var status: Status
    public var shardCount: Int
    public var recordCount: Int
}

/// What flows between stages: the inputs, the records, the rejects and the counters.
///
/// Stages run on one batch of inputs (before `dedup-title`) or one chunk of papers (after it) at a time;
/// the runner's own dataset gathers inputs, rejects, counters and stage counts of the whole run, and
/// holds no records.
public struct Dataset: Sendable {
    public var inputs: [InputFile]
    /// The records of this batch or chunk.
    public var records: [PaperRecord] = []
    /// Records released (papers after `dedup-title`), counted as they stream into the release.
    public var recordCount = 0
    /// Records per label code, counted as they stream into the release (nil without a `label` stage).
    public var labelCounts: LabelCounts?
    public var rejects: [Reject] = []
    public var counters = Counters()
    /// Records in and out of each finished stage, in stage order (filled by the runner).
    public var stageCounts: [StageCount] = []
    /// Set by the `write` stage.
    public var publication: Publication?
    /// The taxonomy the `label` stage applied (nil without one).
    public var taxonomy: Taxonomy?

    /// Hex SHA-256 of the taxonomy file (nil without a `label` stage).
    public var taxonomyDigest: String? { taxonomy?.digest }

    public init(inputs: [InputFile]) {
        self.inputs = inputs
    }
}

/// What a stage may use while it runs.
public struct RunContext: Sendable {
    public var spec: PipelineSpec
    /// All parallel work goes through this executor.
    public var executor: ParallelExecutor
    /// Run every stage but write nothing.
    public var dryRun: Bool
    /// Records per chunk of parallel record work.
    public var chunkSize: Int

    public init(spec: PipelineSpec, executor: ParallelExecutor, dryRun: Bool, chunkSize: Int = 2048) {
        self.spec = spec
        self.executor = executor
        self.dryRun = dryRun
        self.chunkSize = chunkSize
    }
}

extension Dataset {
    /// Changes every record in place, in parallel chunks of `chunkSize`. A record for which `body` returns a reject
    /// is dropped and the reject kept, in record order; counters that `body` adds join the dataset's.
    mutating func updateRecords(
        executor: ParallelExecutor, chunkSize: Int, _ body: @Sendable (inout PaperRecord, inout Counters) -> Reject?
    ) {
        let outcomes = executor.updateChunks(&records, chunkSize: chunkSize) { offset, records in
            var counters = Counters()
            var rejects: [(offset: Int, reject: Reject)] = []
            for index in records.indices {
                if let reject = body(&records[index], &counters) { rejects.append((offset + index, reject)) }
            }
            return (counters, rejects)
        }
        var dropped: [Int] = []
        for (counters, rejects) in outcomes {
            self.counters.merge(counters)
            for (offset, reject) in rejects {
                dropped.append(offset)
                self.rejects.append(reject)
            }
        }
        records.removeSubranges(RangeSet(dropped, within: records))
    }
}
