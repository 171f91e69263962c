import ArgumentParser
import Foundation
import PaperFlow

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the shards of a sharded run (run --shard) into the release.",
        discussion: """
        Checks that the shard directories are the complete shards 0…N-1 of one run of this spec over the current \
        inputs, dedups across them, runs the stages after dedup-title and publishes the same release a \
        one-machine run would. The shard directories are removed once the release is published.
        """)

    @Argument(help: ArgumentHelp(
        "The pipeline spec (default pipeline.json), then the shard directories (default: every one under <release dir>/.shards).",
        valueName: "pipeline.json] [shard-dir"))
    var paths: [String] = []

    @Option(help: "Threads to use (default: all cores).")
    var jobs: Int?

    @Option(help: "Publish into this release directory instead of the spec's release.dir.")
    var releaseDir: String?

    func validate() throws {
        if let jobs, jobs < 1 {
            throw ValidationError("Please give --jobs a value of at least 1.")
        }
    }

    func run() throws {
        var isDirectory: ObjCBool = false
        let specGiven = paths.first.map { FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && !isDirectory.boolValue } ?? false
        let spec = specGiven ? paths[0] : "pipeline.json"
        let directories = Array(paths.dropFirst(specGiven ? 1 : 0))
        let runner = Runner(spec: try loadSpec(spec), jobs: jobs, releaseDirectory: releaseDir)
        _ = try runReporting { () throws(RunFailure) in try runner.merge(shardDirectories: directories) }
    }
}
