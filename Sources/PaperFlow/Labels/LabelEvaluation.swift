/// How well a labeler reproduces hand labels: precision, recall and F1 per facet, accuracy for single-valued and
/// boolean facets, micro-F1 over all facets, and the codes most often wrong.
///
/// Each facet value counts as a set of codes: a list facet its codes, a single facet its one code, a boolean
/// facet `true` or `false`. A predicted code in the expected set is a true positive, one outside it a false
/// positive, an expected code not predicted a false negative; the overall micro-F1 sums these over all facets.
public struct LabelEvaluation: Sendable {
    /// The figures of one facet.
    public struct FacetResult: Sendable {
        public var name: String
        public var type: FacetType
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0
        /// Papers whose whole value is right.
        public var exact = 0
        public var papers = 0

        public var precision: Double { LabelEvaluation.ratio(truePositives, truePositives + falsePositives) }
        public var recall: Double { LabelEvaluation.ratio(truePositives, truePositives + falseNegatives) }
        public var f1: Double { LabelEvaluation.f1(truePositives, falsePositives, falseNegatives) }
        /// The share of papers whose value is exactly right.
        public var accuracy: Double { LabelEvaluation.ratio(exact, papers) }
    }

    /// The mistakes on one code.
    public struct CodeErrors: Sendable {
        public var facet: String
        public var code: String
        public var falsePositives: Int
        public var falseNegatives: Int

        public var total: Int { falsePositives + falseNegatives }
    }

    /// One facet of one paper that came out wrong.
    public struct Mistake: Sendable {
        public var facet: String
        public var predicted: LabelValue
        public var expected: LabelValue
        /// Codes with a positive score, highest first, each with its strongest cue phrases.
        public var scores: [(code: String, score: Double, phrases: [String])]
    }

    /// One paper with at least one wrong facet.
    public struct PaperMistakes: Sendable {
        public var line: Int
        public var title: String
        public var mistakes: [Mistake]
    }

    public var papers: Int
    public var facets: [FacetResult]
    /// Codes with at least one mistake, most mistakes first, ties in taxonomy order.
    public var codeErrors: [CodeErrors]
    public var paperMistakes: [PaperMistakes]

    public var truePositives: Int { facets.reduce(0) { $0 + $1.truePositives } }
    public var falsePositives: Int { facets.reduce(0) { $0 + $1.falsePositives } }
    public var falseNegatives: Int { facets.reduce(0) { $0 + $1.falseNegatives } }
    /// F1 over the summed counts of every facet.
    public var microF1: Double { Self.f1(truePositives, falsePositives, falseNegatives) }

    /// Labels every paper with `labeler` and compares with its expected labels.
    public static func evaluate(_ papers: [LabeledPaper], labeler: Labeler) -> LabelEvaluation {
        let taxonomy = labeler.taxonomy
        var facets = taxonomy.facets.map { FacetResult(name: $0.name, type: $0.type) }
        var errors: [[String: (fp: Int, fn: Int)]] = taxonomy.facets.map { _ in [:] }
        var paperMistakes: [PaperMistakes] = []
        for paper in papers {
            let scores = labeler.scores(title: paper.title, abstract: paper.abstract)
            let predicted = labeler.labels(fromScores: scores)
            var mistakes: [Mistake] = []
            for (index, facet) in taxonomy.facets.enumerated() {
                let got = codeSet(predicted.facets[index].value)
                let want = codeSet(paper.labels.facets[index].value)
                facets[index].papers += 1
                let hits = got.filter(want.contains).count
                facets[index].truePositives += hits
                facets[index].falsePositives += got.count - hits
                facets[index].falseNegatives += want.count - hits
                if Set(got) == Set(want) {
                    facets[index].exact += 1
                    continue
                }
                for code in got where !want.contains(code) { errors[index][code, default: (0, 0)].fp += 1 }
                for code in want where !got.contains(code) { errors[index][code, default: (0, 0)].fn += 1 }
                let phrases = labeler.explanation(title: paper.title, abstract: paper.abstract)[index]
                let ranked = facet.codes.indices.filter { scores[index][$0] > 0 }.map { code in
                    (code: facet.type == .boolean ? "score" : facet.codes[code].code, score: scores[index][code],
                     phrases: phrases[code].prefix(3).map(\.phrase))
                }
                mistakes.append(Mistake(
                    facet: facet.name, predicted: predicted.facets[index].value, expected: paper.labels.facets[index].value,
                    scores: ranked.enumerated().sorted { lhs, rhs in
                        lhs.element.score != rhs.element.score ? lhs.element.score > rhs.element.score : lhs.offset < rhs.offset
                    }.map(\.element)))
            }
            if !mistakes.isEmpty { paperMistakes.append(PaperMistakes(line: paper.line, title: paper.title, mistakes: mistakes)) }
        }
        var codeErrors: [CodeErrors] = []
        for (index, facet) in taxonomy.facets.enumerated() {
            let order = facet.type == .boolean ? ["false", "true"] : facet.codes.map(\.code)
            let known = order.filter { errors[index][$0] != nil }
            let unknown = errors[index].keys.filter { !order.contains($0) }.sorted()
            for code in known + unknown {
                guard let counts = errors[index][code] else { continue }
                codeErrors.append(CodeErrors(facet: facet.name, code: code, falsePositives: counts.fp, falseNegatives: counts.fn))
            }
        }
        let ranked = codeErrors.enumerated().sorted { lhs, rhs in
            lhs.element.total != rhs.element.total ? lhs.element.total > rhs.element.total : lhs.offset < rhs.offset
        }.map(\.element)
        return LabelEvaluation(papers: papers.count, facets: facets, codeErrors: ranked, paperMistakes: paperMistakes)
    }

    /// The codes of a value as a list: a boolean is `true` or `false`, an unlabeled facet holds none.
    static func codeSet(_ value: LabelValue) -> [String] {
        switch value {
        case .none: []
        case .codes(let codes): codes
        case .code(let code): [code]
        case .flag(let flag): [flag ? "true" : "false"]
        }
    }

    static func ratio(_ part: Int, _ whole: Int) -> Double {
        whole == 0 ? 0 : Double(part) / Double(whole)
    }

    static func f1(_ truePositives: Int, _ falsePositives: Int, _ falseNegatives: Int) -> Double {
        ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives)
    }
}
