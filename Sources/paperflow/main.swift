import ArgumentParser
import Foundation

// Usage errors exit with status 2 (DESIGN §7), not ArgumentParser's 64.
do {
    var command = try PaperflowCommand.parseAsRoot()
    try command.run()
} catch {
    if PaperflowCommand.exitCode(for: error) == .validationFailure {
        printError(PaperflowCommand.fullMessage(for: error))
        exit(2)
    }
    PaperflowCommand.exit(withError: error)
}
