import ArgumentParser
import PaperFlow

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Print what changed between two releases: added, removed, changed ids and id migrations.")

    @Argument(help: "The older release directory.")
    var old: String

    @Argument(help: "The newer release directory.")
    var new: String

    @Flag(help: "Print diff.json instead of text.")
    var json = false

    func run() throws {
        let before = try readRelease(old)
        let after = try readRelease(new)
        let diff = try ReleaseDiff(from: (before.version, before.lines), to: (after.version, after.lines))
        if json {
            print(String(decoding: JSONWriter.serialize(diff.json, pretty: true), as: UTF8.self))
        } else {
            print(diff.summary, terminator: "")
        }
    }
}
