import ArgumentParser
import PaperFlow

struct OperatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operators",
        abstract: "List the operators with their parameters and defaults.")

    func run() {
        print(OperatorListing.render(), terminator: "")
    }
}
