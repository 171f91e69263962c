import Foundation

/// A run that cannot finish: exit status 1, nothing published, one line that says why.
public struct RunFailure: Error, CustomStringConvertible {
    public var message: String
    /// The report up to the failure, for the summary.
    public var report: RunReport?

    public var description: String { message }
}

/// One finished stage with its time (time goes to the run log and the summary, never the release).
public struct StageReport: Sendable {
    public var count: StageCount
    public var seconds: Double
}

/// What a run did: stages, rejects, counters, publication.
public struct RunReport: Sendable {
    public var stages: [StageReport] = []
    /// The whole run's inputs, rejects, counters and publication (no records: they stream into the release).
    public var dataset: Dataset
    public var jobs: Int
    public var seconds: Double = 0
    /// What a `--shard` run did, in one line.
    public var shardOutcome: String?
}

/// Runs a validated pipeline (DESIGN §7, §9): discovers inputs, runs the stages before `dedup-title` on
/// batches of input files, groups every record into papers, then streams the papers in id order through
/// the later stages into the release, checking the limits before anything is published.
///
/// Memory holds one batch, the keys of every record, and at most ``memoryBudget`` bytes of encoded
/// records; past that, records spill beside the release directory as sorted runs merged with a bounded
/// fan-in. `runShard` runs one shard's inputs up to `dedup-title`; `merge` finishes shards into the release
/// a one-machine `run` would publish, byte for byte.
public struct Runner: Sendable {
    public let spec: PipelineSpec
    public let executor: ParallelExecutor
    public let dryRun: Bool
    /// Input bytes per batch of the stages before `dedup-title`.
    public var batchBytes = 32 << 20
    /// Encoded record bytes held in memory before they spill to disk.
    public var memoryBudget = 48 << 20
    /// Most sorted runs merged at once.
    public var fanIn = 16
    /// Called with every chunk of released papers, in release order (for callers that use them in memory).
    public var paperObserver: (@Sendable ([PaperRecord]) -> Void)?

    /// A runner with `jobs` threads (default: all cores); `releaseDirectory` overrides `release.dir`.
    public init(spec: PipelineSpec, jobs: Int? = nil, dryRun: Bool = false, releaseDirectory: String? = nil) {
        var spec = spec
        if let releaseDirectory { spec.release.dir = releaseDirectory }
        self.spec = spec
        self.executor = ParallelExecutor(jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        self.dryRun = dryRun
    }

    var context: RunContext { RunContext(spec: spec, executor: executor, dryRun: dryRun) }
    /// The context of work that one thread does alone (one input, one part of a chunk).
    var serialContext: RunContext { RunContext(spec: spec, executor: ParallelExecutor(jobs: 1), dryRun: dryRun) }
    var releaseRoot: String { spec.resolve(spec.release.dir) }

    /// Runs every stage on one machine; throws ``RunFailure`` when a limit fails or a stage cannot go on.
    public func run() throws(RunFailure) -> RunReport {
        let started = DispatchTime.now()
        var run = try start()
        let lock = try takeLock(&run)
        defer { withExtendedLifetime(lock) {} }
        let spill = releaseRoot + "/.spill-" + String(getpid())
        defer { try? FileTree.removeIfPresent(spill) }
        let collection = RecordCollection(spillDirectory: dryRun ? nil : spill, memoryBudget: memoryBudget)
        try failing(&run) { run throws in
            try collect(Array(run.dataset.inputs.indices), into: collection, &run)
        }
        return try release(collection, spill: spill, &run, started: started)
    }

    /// The state of a run between its phases.
    struct RunState {
        var plan: StagePlan
        var dataset: Dataset
        var tally: StageTally
        var report: RunReport
    }

    /// Discovers the inputs and builds the stages.
    func start() throws(RunFailure) -> RunState {
        let discovery = InputDiscovery(spec: spec).discover()
        var dataset = Dataset(inputs: discovery.files)
        dataset.rejects = discovery.rejects
        dataset.counters = discovery.counters
        let report = RunReport(dataset: dataset, jobs: executor.jobs)
        guard !discovery.files.isEmpty else {
            throw RunFailure(message: "no input matched input.paths (\(spec.input.paths.joined(separator: ", ")))", report: report)
        }
        let plan: StagePlan
        do {
            plan = try StagePlan(spec)
        } catch {
            throw RunFailure(message: error.message, report: report)
        }
        dataset.taxonomy = plan.taxonomy
        return RunState(plan: plan, dataset: dataset, tally: StageTally(spec), report: report)
    }

    func takeLock(_ run: inout RunState) throws(RunFailure) -> ReleaseLock? {
        guard !dryRun else { return nil }
        do {
            return try ReleaseLock(root: releaseRoot)
        } catch {
            throw RunFailure(message: error.message, report: run.report)
        }
    }

    /// Runs `body`, turning any error into a ``RunFailure`` with the report so far.
    func failing(_ run: inout RunState, _ body: (inout RunState) throws -> Void) throws(RunFailure) {
        do {
            try body(&run)
        } catch {
            run.report.dataset = run.dataset
            run.report.stages = run.tally.reports
            throw RunFailure(message: (error as? RunFailure)?.message ?? "\(error)", report: run.report)
        }
    }

    /// Runs the stages before `dedup-title` and its preparation on the inputs at `indices`, batch by batch.
    ///
    /// Within a batch each thread takes one input at a time through every stage up to the encoded records, so no
    /// stage waits for the others' files and records are never copied between stages; what the files give joins
    /// in input order. A stage's seconds are its share of the batch's wall time.
    func collect(_ indices: [Int], into collection: RecordCollection, _ run: inout RunState) throws {
        let perInput = serialContext
        let plan = run.plan
        let blankTally = StageTally(spec)
        for batch in batches(indices, of: run.dataset.inputs) {
            let inputs = batch.map { run.dataset.inputs[$0] }
            let started = DispatchTime.now()
            let collected = try executor.map(inputs.count) { (offset: Int) throws -> CollectedInput in
                var dataset = Dataset(inputs: [inputs[offset]])
                var tally = blankTally
                try tally.run(plan.before, on: &dataset, context: perInput)
                var encoded: EncodedRecords?
                try tally.measure(plan.dedupPosition, &dataset) { input in
                    plan.dedup.prepare(&input, context: perInput)
                    encoded = EncodedRecords(input.records)
                }
                dataset.records = []
                return CollectedInput(dataset: dataset, records: encoded, tally: tally)
            }
            run.tally.add(collected.map(\.tally), overWall: Self.seconds(since: started))
            for (offset, input) in collected.enumerated() {
                run.dataset.inputs[batch[offset]] = input.dataset.inputs[0]
                run.dataset.rejects.append(contentsOf: input.dataset.rejects)
                run.dataset.counters.merge(input.dataset.counters)
            }
            try collection.add(collected.compactMap(\.records))
        }
    }

    /// What the stages before `dedup-title` made of one input.
    struct CollectedInput: Sendable {
        /// The input with its format and digest, its rejects and counters (no records).
        var dataset: Dataset
        var records: EncodedRecords?
        var tally: StageTally
    }

    /// Consecutive inputs of about `batchBytes` each (at least one file and, when there are enough, one per job).
    func batches(_ indices: [Int], of inputs: [InputFile]) -> [[Int]] {
        var batches: [[Int]] = []
        var current: [Int] = []
        var bytes = 0
        for index in indices {
            let size = inputs[index].size
            if !current.isEmpty && bytes + size > batchBytes && current.count >= executor.jobs {
                batches.append(current)
                current = []
                bytes = 0
            }
            current.append(index)
            bytes += size
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }

    /// Groups the collected records into papers, checks the limits, streams the papers through the later
    /// stages into `write`, publishes, and writes the run log.
    func release(_ collection: RecordCollection, spill: String, _ run: inout RunState, started: DispatchTime) throws(RunFailure) -> RunReport {
        let context = self.context
        var plan = DedupPlan(paperOfRecord: [], paperCount: 0, counters: Counters())
        var order: [Int32] = []
        try failing(&run) { run throws in
            (plan, order) = run.tally.time(run.plan.dedupPosition) {
                let plan = DedupTitle.plan(collection.keys)
                return (plan, plan.releaseOrder(collection.keys))
            }
            collection.releaseKeys()
            run.dataset.counters.merge(plan.counters)
            run.tally.counts[run.plan.dedupPosition].recordsOut = plan.paperCount
            try checkLimits(run.dataset, paperCount: plan.paperCount)
        }
        try failing(&run) { run throws in
            let write = run.plan.write
            let dataset = run.dataset
            let writer = try run.tally.time(run.plan.writePosition) { try write.begin(dataset, context: context) }
            var stream = PaperStream(plan: plan)
            let merge = SortedRunMerge(collection: collection, order: order, spillDirectory: spill, fanIn: fanIn)
            // Reading the sorted runs counts as dedup-title; each flush counts its own stages.
            let streamStart = DispatchTime.now()
            let before = run.tally.seconds.reduce(0, +)
            try merge.forEach { record, body in
                guard let chunk = stream.add(record: record, body: body) else { return }
                try flush(chunk, writer: writer, &run)
            }
            try flush(stream.rest(), writer: writer, &run)
            run.tally.seconds[run.plan.dedupPosition] += Self.seconds(since: streamStart) - (run.tally.seconds.reduce(0, +) - before)
            // The release lists every stage before `write`, as they finished.
            run.dataset.stageCounts = Array(run.tally.counts[..<run.plan.writePosition])
            try run.tally.time(run.plan.writePosition) { try writer.finish(&run.dataset) }
            run.tally.counts[run.plan.writePosition] = StageCount(
                op: Write.name, recordsIn: plan.paperCount, recordsOut: plan.paperCount, rejects: 0)
        }
        run.dataset.stageCounts = run.tally.counts
        run.report.dataset = run.dataset
        run.report.stages = run.tally.reports
        run.report.seconds = Self.seconds(since: started)
        if let publication = run.dataset.publication, publication.status == .published {
            do {
                try ReleaseDirectory(root: releaseRoot).writeRunLog(RunLog.json(run.report), version: publication.version)
            } catch {
                throw RunFailure(message: "the release was published but its run log was not: \(error)", report: run.report)
            }
        }
        return run.report
    }

    /// Merges each paper of `chunk`, runs the stages after `dedup-title` and hands the papers to `write`.
    ///
    /// Each thread takes parts of the chunk through merge, the later stages and the encoding of their lines;
    /// `write` then takes the parts in order. A stage's seconds are its share of the chunk's wall time.
    func flush(_ chunk: [[ArraySlice<UInt8>]], writer: ReleaseWriter, _ run: inout RunState) throws {
        guard !chunk.isEmpty else { return }
        let perPart = serialContext
        let plan = run.plan
        let blankTally = StageTally(spec)
        let taxonomy = run.dataset.taxonomy
        let lines = writer.writesLines
        let partSize = 64
        let started = DispatchTime.now()
        let parts = try executor.map((chunk.count + partSize - 1) / partSize) { (part: Int) throws -> ReleasedPart in
            var tally = blankTally
            var papers = Dataset(inputs: [])
            papers.records = try tally.time(plan.dedupPosition) { () throws(RecordCodecError) -> [PaperRecord] in
                var merged: [PaperRecord] = []
                for group in chunk[(part * partSize)..<min(chunk.count, part * partSize + partSize)] {
                    var records: [PaperRecord] = []
                    for body in group { records.append(try RecordCodec.decode(body)) }
                    merged.append(DedupTitle.merge(records))
                }
                return merged
            }
            try tally.run(plan.after, on: &papers, context: perPart)
            let encoded = tally.time(plan.writePosition) { EncodedPapers(papers.records, taxonomy: taxonomy, lines: lines) }
            papers.records = []
            return ReleasedPart(papers: encoded, rest: papers, tally: tally)
        }
        run.tally.add(parts.map(\.tally), overWall: Self.seconds(since: started))
        for part in parts {
            run.dataset.rejects.append(contentsOf: part.rest.rejects)
            run.dataset.counters.merge(part.rest.counters)
        }
        paperObserver?(parts.flatMap(\.papers.papers))
        try run.tally.time(run.plan.writePosition) {
            for part in parts { try writer.add(part.papers) }
        }
    }

    /// What the stages after `dedup-title` made of one part of a chunk.
    struct ReleasedPart: Sendable {
        var papers: EncodedPapers
        /// Rejects and counters of the later stages (no records).
        var rest: Dataset
        var tally: StageTally
    }

    /// The limits of DESIGN §7, checked before anything is published.
    func checkLimits(_ dataset: Dataset, paperCount: Int) throws(RunFailure) {
        let rejected = ReleaseStats.rejectedFileCount(dataset)
        let ratio = Double(rejected) / Double(max(1, dataset.inputs.count))
        if ratio > spec.limits.maxRejectedFilesRatio {
            throw RunFailure(
                message: "\(rejected) of \(dataset.inputs.count) input files were rejected, over limits.max_rejected_files_ratio "
                    + "(\(spec.limits.maxRejectedFilesRatio)); nothing was published")
        }
        if paperCount < spec.limits.minRecords {
            throw RunFailure(message: "\(paperCount) records, fewer than limits.min_records (\(spec.limits.minRecords)); nothing was published")
        }
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}

/// Cuts the stream of records in release order into chunks of whole papers.
struct PaperStream {
    let plan: DedupPlan
    var papersPerChunk = 2048
    private var chunk: [[ArraySlice<UInt8>]] = []
    private var current: [ArraySlice<UInt8>] = []
    private var currentPaper: Int32 = -1

    init(plan: DedupPlan) {
        self.plan = plan
    }

    /// Adds the next record; returns a full chunk when one is ready.
    mutating func add(record: Int, body: ArraySlice<UInt8>) -> [[ArraySlice<UInt8>]]? {
        let paper = plan.paperOfRecord[record]
        var ready: [[ArraySlice<UInt8>]]?
        if paper != currentPaper && !current.isEmpty {
            chunk.append(current)
            current = []
            if chunk.count >= papersPerChunk {
                ready = chunk
                chunk = []
            }
        }
        currentPaper = paper
        current.append(body)
        return ready
    }

    /// The last papers.
    mutating func rest() -> [[ArraySlice<UInt8>]] {
        if !current.isEmpty { chunk.append(current) }
        current = []
        defer { chunk = [] }
        return chunk
    }
}
