import ArgumentParser
import PaperFlow

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Validate the spec, run every stage and publish the release.")

    @Argument(help: "The pipeline spec.")
    var spec = "pipeline.json"

    @Option(help: "Threads to use (default: all cores).")
    var jobs: Int?

    @Flag(help: "Run every stage but write nothing; list the inputs with their sniffed formats.")
    var dryRun = false

    @Option(help: "Publish into this release directory instead of the spec's release.dir.")
    var releaseDir: String?

    func validate() throws {
        if let jobs, jobs < 1 {
            throw ValidationError("Please give --jobs a value of at least 1.")
        }
    }

    func run() throws {
        let pipeline = try loadSpec(spec)
        let runner = Runner(spec: pipeline, jobs: jobs, dryRun: dryRun, releaseDirectory: releaseDir)
        do {
            let report = try runner.run()
            if dryRun { print(InputListing.render(report.dataset.inputs), terminator: "") }
            printError(SummaryTable.render(report))
        } catch {
            if let report = error.report { printError(SummaryTable.render(report)) }
            printError("paperflow: run failed: \(error.message)")
            throw ExitCode(1)
        }
    }
}
