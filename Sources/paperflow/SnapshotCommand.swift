import ArgumentParser
import Foundation
import PaperFlow

struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Write or check the snapshot of a release (record ids and digests, shard digests).",
        discussion: "With --check, exits 1 and lists the ids added, removed or changed when the release differs.")

    @Argument(help: "The release directory (a version or `latest`).")
    var release: String

    @Option(help: "Write records.tsv and shards.tsv into this directory.")
    var write: String?

    @Option(help: "Compare with records.tsv and shards.tsv in this directory.")
    var check: String?

    func validate() throws {
        if (write == nil) == (check == nil) {
            throw ValidationError("Please give exactly one of --write DIR or --check DIR.")
        }
    }

    func run() throws {
        let snapshot = ReleaseSnapshot(try readRelease(release))
        if let write {
            try FileManager.default.createDirectory(atPath: write, withIntermediateDirectories: true)
            try snapshot.recordsText.write(toFile: write + "/records.tsv", atomically: true, encoding: .utf8)
            try snapshot.shardsText.write(toFile: write + "/shards.tsv", atomically: true, encoding: .utf8)
            print("wrote \(write)/records.tsv (\(snapshot.records.count) records) and \(write)/shards.tsv")
        } else if let check {
            let expected = ReleaseSnapshot(
                recordsText: try String(contentsOfFile: check + "/records.tsv", encoding: .utf8),
                shardsText: try String(contentsOfFile: check + "/shards.tsv", encoding: .utf8))
            let differences = snapshot.differences(from: expected)
            if differences.isEmpty {
                print("snapshot matches \(check) (\(snapshot.records.count) records)")
            } else {
                printError("snapshot differs from \(check):\n" + differences.joined(separator: "\n"))
                printError("if the change is intended, run `make snapshot` and commit \(check)")
                throw ExitCode(1)
            }
        }
    }
}
