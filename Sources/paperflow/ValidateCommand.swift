import ArgumentParser
import PaperFlow

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a pipeline spec without running it (exit 2 when it is invalid).")

    @Argument(help: "The pipeline spec.")
    var spec = "pipeline.json"

    func run() throws {
        let pipeline = try loadSpec(spec)
        let stages = pipeline.stages.map(\.op).joined(separator: " → ")
        print("\(spec): valid: \(pipeline.name), \(pipeline.stages.count) stages (\(stages))")
    }
}
