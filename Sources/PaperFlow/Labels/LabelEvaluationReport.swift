/// The text `paperflow eval-labels` prints for a ``LabelEvaluation``.
public enum LabelEvaluationReport {
    /// The figures per facet, the overall micro-F1 and the `codeLimit` codes most often wrong; with
    /// `showMistakes`, every wrong facet of every paper with the scores behind it.
    public static func render(_ evaluation: LabelEvaluation, source: String, taxonomy: Taxonomy,
                              codeLimit: Int = 10, showMistakes: Bool = false) -> String {
        var text = "\(source): \(evaluation.papers) papers; taxonomy \(taxonomy.file) (sha256 \(taxonomy.digest.prefix(12)))\n\n"
        var rows = [["facet", "precision", "recall", "f1", "accuracy"]]
        for facet in evaluation.facets {
            switch facet.type {
            case .multi:
                rows.append([facet.name, decimal(facet.precision), decimal(facet.recall), decimal(facet.f1), ""])
            case .single, .boolean:
                rows.append([facet.name, "", "", "", decimal(facet.accuracy)])
            }
        }
        text += SummaryTable.table(rows)
        text += "overall micro-F1: \(decimal(evaluation.microF1)) (true positives \(evaluation.truePositives), "
            + "false positives \(evaluation.falsePositives), false negatives \(evaluation.falseNegatives))\n"
        if !evaluation.codeErrors.isEmpty {
            text += "\ncodes most often wrong:\n"
            var errorRows = [["code", "wrong", "false pos.", "false neg."]]
            for errors in evaluation.codeErrors.prefix(codeLimit) {
                errorRows.append([errors.facet + "/" + errors.code, String(errors.total),
                                  String(errors.falsePositives), String(errors.falseNegatives)])
            }
            text += SummaryTable.table(errorRows)
        }
        if showMistakes {
            for paper in evaluation.paperMistakes {
                text += "\nline \(paper.line): \(paper.title)\n"
                for mistake in paper.mistakes {
                    let scores = mistake.scores.prefix(6).map { entry in
                        "\(entry.code) \(decimal(entry.score, digits: 2))" + (entry.phrases.isEmpty ? "" : " [" + entry.phrases.joined(separator: "; ") + "]")
                    }.joined(separator: ", ")
                    text += "  \(mistake.facet): got \(describe(mistake.predicted)), want \(describe(mistake.expected))"
                    text += scores.isEmpty ? "\n" : " (scores: \(scores))\n"
                }
            }
        }
        return text
    }

    static func describe(_ value: LabelValue) -> String {
        switch value {
        case .none: "null"
        case .codes(let codes): "[" + codes.joined(separator: ", ") + "]"
        case .code(let code): code
        case .flag(let flag): String(flag)
        }
    }

    /// `value` rounded to `digits` decimals, without `String(format:)`: 0.8333 → "0.833".
    static func decimal(_ value: Double, digits: Int = 3) -> String {
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((abs(value) * Double(scale)).rounded())
        let fraction = String(scaled % scale)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        return sign + String(scaled / scale) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
}
