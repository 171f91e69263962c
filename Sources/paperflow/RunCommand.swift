import ArgumentParser
import PaperFlow

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Validate the spec, run every stage and publish the release.",
        discussion: """
        With --shard I/N only the inputs k with k mod N = I are read, the stages up to dedup-title run, and the \
        result goes to <release dir>/.shards/I-of-N/; `paperflow merge` then publishes the release.
        """)

    @Argument(help: "The pipeline spec.")
    var spec = "pipeline.json"

    @Option(help: "Threads to use (default: all cores).")
    var jobs: Int?

    @Flag(help: "Run every stage but write nothing; list the inputs with their sniffed formats.")
    var dryRun = false

    @Option(help: "Publish into this release directory instead of the spec's release.dir.")
    var releaseDir: String?

    @Option(help: ArgumentHelp("Run shard I of N (I from 0, as SLURM_ARRAY_TASK_ID) up to dedup-title.", valueName: "I/N"))
    var shard: String?

    func validate() throws {
        if let jobs, jobs < 1 {
            throw ValidationError("Please give --jobs a value of at least 1.")
        }
        if let shard, ShardSelector(parsing: shard) == nil {
            throw ValidationError("--shard takes I/N with 0 ≤ I < N, such as 2/4; got \"\(shard)\".")
        }
        if shard != nil && dryRun {
            throw ValidationError("--dry-run cannot be combined with --shard.")
        }
    }

    func run() throws {
        let runner = Runner(spec: try loadSpec(spec), jobs: jobs, dryRun: dryRun, releaseDirectory: releaseDir)
        if let selector = shard.flatMap(ShardSelector.init(parsing:)) {
            _ = try runReporting { () throws(RunFailure) in try runner.runShard(selector) }
            return
        }
        let report = try runReporting { () throws(RunFailure) in try runner.run() }
        if dryRun { print(InputListing.render(report.dataset.inputs), terminator: "") }
    }
}
