import ArgumentParser
import Foundation
import PaperFlow

/// `paperflow`: the command line. Argument parsing only; the work is in the PaperFlow library.
struct PaperflowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paperflow",
        abstract: "Turn scraped pages that list ML papers into a deduplicated, versioned dataset release.",
        version: Versions.paperflow,
        subcommands: [
            RunCommand.self, MergeCommand.self, ValidateCommand.self, OperatorsCommand.self, DiffCommand.self, InspectCommand.self,
            SnapshotCommand.self, EvalLabelsCommand.self,
        ]
    )
}

/// Prints to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

/// Loads and validates a spec, or prints every issue and exits with status 2.
func loadSpec(_ path: String) throws -> PipelineSpec {
    do {
        return try PipelineSpec.load(path: path)
    } catch {
        printError(error.description)
        let count = error.issues.count
        printError("\(path): \(count) problem\(count == 1 ? "" : "s"); see the pipeline.json reference in README.md")
        throw ExitCode(2)
    }
}

/// Runs `body` and prints its summary on stderr; a failed run prints why and exits with status 1.
func runReporting(_ body: () throws(RunFailure) -> RunReport) throws -> RunReport {
    do {
        let report = try body()
        if let outcome = report.shardOutcome { printError(outcome) }
        if !report.stages.isEmpty { printError(SummaryTable.render(report)) }
        return report
    } catch {
        if let report = error.report, !report.stages.isEmpty { printError(SummaryTable.render(report)) }
        printError("paperflow: run failed: \(error.message)")
        throw ExitCode(1)
    }
}

/// Reads a published release, or prints why not and exits with status 1.
func readRelease(_ path: String) throws -> PublishedRelease {
    do {
        return try PublishedRelease.read(path)
    } catch {
        printError("paperflow: \(error.message)")
        throw ExitCode(1)
    }
}
