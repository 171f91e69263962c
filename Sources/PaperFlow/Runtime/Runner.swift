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
    public var dataset: Dataset
    public var jobs: Int
    public var seconds: Double = 0
}

/// Runs a validated pipeline: discovers inputs, runs the stages in spec order, checks the limits
/// (DESIGN §7) before anything is published, and writes the run log.
public struct Runner: Sendable {
    public let spec: PipelineSpec
    public let executor: ParallelExecutor
    public let dryRun: Bool

    /// A runner with `jobs` threads (default: all cores); `releaseDirectory` overrides `release.dir`.
    public init(spec: PipelineSpec, jobs: Int? = nil, dryRun: Bool = false, releaseDirectory: String? = nil) {
        var spec = spec
        if let releaseDirectory { spec.release.dir = releaseDirectory }
        self.spec = spec
        self.executor = ParallelExecutor(jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        self.dryRun = dryRun
    }

    /// Runs every stage; throws ``RunFailure`` when a limit fails or a stage cannot go on.
    public func run() throws(RunFailure) -> RunReport {
        let started = DispatchTime.now()
        let discovery = InputDiscovery(spec: spec).discover()
        var dataset = Dataset(inputs: discovery.files)
        dataset.rejects = discovery.rejects
        dataset.counters = discovery.counters
        var report = RunReport(dataset: dataset, jobs: executor.jobs)
        guard !discovery.files.isEmpty else {
            throw RunFailure(message: "no input matched input.paths (\(spec.input.paths.joined(separator: ", ")))", report: report)
        }
        var lock: ReleaseLock?
        if !dryRun {
            do {
                lock = try ReleaseLock(root: spec.resolve(spec.release.dir))
            } catch {
                throw RunFailure(message: error.message, report: report)
            }
        }
        defer { withExtendedLifetime(lock) {} }
        let context = RunContext(spec: spec, executor: executor, dryRun: dryRun)
        for (position, stage) in spec.stages.enumerated() {
            if position == spec.stages.count - 1 {
                report.dataset = dataset
                try checkLimits(dataset, report: report)
            }
            let stageStart = DispatchTime.now()
            let recordsIn = dataset.records.count
            let rejectsBefore = dataset.rejects.count
            do {
                let instance = try stage.operatorType.init(parameters: stage.parameters, spec: spec)
                try instance.run(&dataset, context: context)
            } catch {
                report.dataset = dataset
                throw RunFailure(message: "stage \"\(stage.op)\" failed: \(error)", report: report)
            }
            let count = StageCount(
                op: stage.op, recordsIn: recordsIn, recordsOut: dataset.records.count,
                rejects: dataset.rejects.count - rejectsBefore)
            dataset.stageCounts.append(count)
            report.stages.append(StageReport(count: count, seconds: Self.seconds(since: stageStart)))
        }
        report.dataset = dataset
        report.seconds = Self.seconds(since: started)
        if let publication = dataset.publication, publication.status == .published {
            let directory = ReleaseDirectory(root: spec.resolve(spec.release.dir))
            do {
                try directory.writeRunLog(RunLog.json(report), version: publication.version)
            } catch {
                throw RunFailure(message: "the release was published but its run log was not: \(error)", report: report)
            }
        }
        return report
    }

    /// The limits of DESIGN §7, checked before the last stage publishes anything.
    func checkLimits(_ dataset: Dataset, report: RunReport) throws(RunFailure) {
        let rejected = ReleaseStats.rejectedFileCount(dataset)
        let ratio = Double(rejected) / Double(max(1, dataset.inputs.count))
        if ratio > spec.limits.maxRejectedFilesRatio {
            throw RunFailure(
                message: "\(rejected) of \(dataset.inputs.count) input files were rejected, over limits.max_rejected_files_ratio "
                    + "(\(spec.limits.maxRejectedFilesRatio)); nothing was published",
                report: report)
        }
        if dataset.records.count < spec.limits.minRecords {
            throw RunFailure(
                message: "\(dataset.records.count) records, fewer than limits.min_records (\(spec.limits.minRecords)); nothing was published",
                report: report)
        }
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
