import ArgumentParser
import PaperFlow

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Summarize a release: records by source format, labels, rejects by reason, most merged papers.")

    @Argument(help: "The release directory (a version or `latest`).")
    var release: String

    func run() throws {
        let published = try readRelease(release)
        let rejects: [JSONObject]
        do {
            rejects = try published.rejects()
        } catch {
            printError("paperflow: \(error.message)")
            throw ExitCode(1)
        }
        print(ReleaseInspection.render(published, rejects: rejects), terminator: "")
    }
}
