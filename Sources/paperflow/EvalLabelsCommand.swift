import ArgumentParser
import Foundation
import PaperFlow

struct EvalLabelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval-labels",
        abstract: "Label hand-labeled papers and print precision, recall and F1 per facet against their labels.")

    @Argument(help: "Labeled JSONL: title, abstract and the facets at the top level or under \"labels\".")
    var labeled: String

    @Option(help: "The taxonomy to evaluate.")
    var taxonomy = "taxonomy.json"

    @Flag(help: "Also list every wrong facet of every paper with the scores behind it.")
    var showErrors = false

    func run() throws {
        let loaded: Taxonomy
        do {
            loaded = try Taxonomy.load(path: taxonomy, file: taxonomy)
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        guard let data = FileManager.default.contents(atPath: labeled) else {
            printError("paperflow: cannot read \(labeled)")
            throw ExitCode(1)
        }
        let papers: [LabeledPaper]
        do {
            papers = try LabeledPapers.parse(Array(data), file: labeled, taxonomy: loaded)
        } catch {
            printError("paperflow: \(error.description)")
            throw ExitCode(1)
        }
        let evaluation = LabelEvaluation.evaluate(papers, labeler: Labeler(taxonomy: loaded))
        print(LabelEvaluationReport.render(evaluation, source: labeled, taxonomy: loaded, showMistakes: showErrors), terminator: "")
    }
}
