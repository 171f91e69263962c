import Dispatch

/// The stages of a spec, built once per run and split around the barrier: the record stages before
/// `dedup-title` (run on batches of inputs), `dedup-title` itself, the record stages after it (run on
/// chunks of merged papers) and `write`.
struct StagePlan: Sendable {
    /// A record stage with its place in the spec.
    struct Step: Sendable {
        var position: Int
        var op: String
        var stage: any RecordStage
    }

    var before: [Step] = []
    var dedup: DedupTitle
    var dedupPosition: Int
    var after: [Step] = []
    var write: Write
    var writePosition: Int
    /// The taxonomy of the `label` stage, if there is one.
    var taxonomy: Taxonomy?

    /// Builds every operator of `spec` (a validated spec has `dedup-title` and ends with `write`).
    init(_ spec: PipelineSpec) throws(RunFailureReason) {
        var dedup: (DedupTitle, Int)?
        var write: (Write, Int)?
        for (position, stage) in spec.stages.enumerated() {
            let instance: any PipelineOperator
            do {
                instance = try stage.operatorType.init(parameters: stage.parameters, spec: spec)
            } catch {
                throw RunFailureReason("stage \"\(stage.op)\" cannot start: \(error)")
            }
            switch instance {
            case let barrier as DedupTitle: dedup = (barrier, position)
            case let sink as Write: write = (sink, position)
            case let recordStage as any RecordStage:
                let step = Step(position: position, op: stage.op, stage: recordStage)
                if dedup == nil { before.append(step) } else { after.append(step) }
                if let label = recordStage as? Label { taxonomy = label.labeler.taxonomy }
            default:
                throw RunFailureReason("stage \"\(stage.op)\" is neither a record stage, dedup-title nor write")
            }
        }
        guard let dedup, let write else { throw RunFailureReason("the pipeline needs a dedup-title and a write stage") }
        (self.dedup, dedupPosition) = dedup
        (self.write, writePosition) = write
    }
}

/// Records in and out, rejects and seconds of every stage, summed over batches, chunks and shards.
struct StageTally: Sendable {
    var counts: [StageCount]
    var seconds: [Double]

    init(_ spec: PipelineSpec) {
        counts = spec.stages.map { StageCount(op: $0.op, recordsIn: 0, recordsOut: 0, rejects: 0) }
        seconds = Array(repeating: 0, count: spec.stages.count)
    }

    /// Runs `body` on `batch` as the stage at `position`, counting what it does.
    mutating func measure(_ position: Int, _ batch: inout Dataset, _ body: (inout Dataset) throws -> Void) throws {
        let start = DispatchTime.now()
        let recordsIn = batch.records.count
        let rejectsBefore = batch.rejects.count
        try body(&batch)
        counts[position].recordsIn += recordsIn
        counts[position].recordsOut += batch.records.count
        counts[position].rejects += batch.rejects.count - rejectsBefore
        seconds[position] += Runner.seconds(since: start)
    }

    /// Runs record stages in order on `batch`, counting each; a stage's error names the stage.
    mutating func run(_ steps: [StagePlan.Step], on batch: inout Dataset, context: RunContext) throws {
        for step in steps {
            try measure(step.position, &batch) { batch throws in
                do {
                    try step.stage.run(&batch, context: context)
                } catch {
                    throw RunFailure(message: "stage \"\(step.op)\" failed: \(error)")
                }
            }
        }
    }

    /// Adds the time of `body` to the stage at `position`.
    mutating func time<T>(_ position: Int, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now()
        defer { seconds[position] += Runner.seconds(since: start) }
        return try body()
    }

    /// Adds the counts of tallies made on several threads during `wall` seconds, and splits those seconds
    /// between the stages by their shares of the threads' time.
    mutating func add(_ tallies: [StageTally], overWall wall: Double) {
        let busy = tallies.reduce(0) { $0 + $1.seconds.reduce(0, +) }
        let scale = busy > 0 ? wall / busy : 0
        for tally in tallies {
            for position in counts.indices {
                add(tally.counts[position], at: position)
                seconds[position] += tally.seconds[position] * scale
            }
        }
    }

    /// Adds counts made elsewhere (a shard's).
    mutating func add(_ count: StageCount, at position: Int) {
        counts[position].recordsIn += count.recordsIn
        counts[position].recordsOut += count.recordsOut
        counts[position].rejects += count.rejects
    }

    var reports: [StageReport] {
        zip(counts, seconds).map { StageReport(count: $0, seconds: $1) }
    }
}
