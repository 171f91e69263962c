/// A taxonomy compiled into one phrase matcher: labels a paper from its title and abstract.
///
/// Scoring (DESIGN §5): each cue occurrence adds its group's weight × the field's weight × the sentence's weight,
/// the k-th occurrence of one cue decayed by `repeat_decay^k`. Within a facet a cue inside a longer cue match does
/// not count, nor does a positive cue near a context-exclusion phrase, and a sentence gives each code one vote (its
/// strongest cue; the title is one sentence). Codes at or over their threshold are
/// ordered by score, ties by taxonomy order; a facet where none qualifies takes its default. Build once per run:
/// compiling costs far more than labeling one record.
public struct Labeler: Sendable {
    public let taxonomy: Taxonomy
    private let matcher: PhraseMatcher
    private let roles: [PhraseRole]
    /// The first flat code index of each facet.
    private let codeOffsets: [Int]
    private let codeCount: Int
    /// The phrase of each cue, as written.
    private let cuePhrases: [String]
    /// The taxonomy's numbers that scoring reads, kept apart so that scoring a field copies nothing.
    private let fieldWeights: FieldWeights
    private let repeatDecay: Double
    private let sentenceGroupWeights: [Double]
    private let exclusionWordsBefore: Int32
    private let exclusionWordsAfter: Int32

    /// What a phrase of the matcher stands for.
    private enum PhraseRole: Sendable {
        case cue(facet: Int, code: Int, cue: Int, weight: Double, field: LabelField?)
        case exclusion(before: Bool)
        case sentenceWeight(group: Int)
    }

    /// Compiles `taxonomy`.
    public init(taxonomy: Taxonomy) {
        self.taxonomy = taxonomy
        var phrases: [CuePattern] = []
        var roles: [PhraseRole] = []
        var offsets: [Int] = []
        var flatCode = 0
        for (facetIndex, facet) in taxonomy.facets.enumerated() {
            offsets.append(flatCode)
            for code in facet.codes {
                for group in code.cues {
                    for phrase in group.phrases {
                        roles.append(.cue(facet: facetIndex, code: flatCode, cue: phrases.count, weight: group.weight, field: group.field))
                        phrases.append(phrase)
                    }
                }
                flatCode += 1
            }
        }
        let cueCount = phrases.count
        for phrase in taxonomy.contextExclusion.before.phrases {
            roles.append(.exclusion(before: true))
            phrases.append(phrase)
        }
        for phrase in taxonomy.contextExclusion.after.phrases {
            roles.append(.exclusion(before: false))
            phrases.append(phrase)
        }
        for (group, weight) in taxonomy.sentenceWeights.enumerated() {
            for phrase in weight.phrases {
                roles.append(.sentenceWeight(group: group))
                phrases.append(phrase)
            }
        }
        self.matcher = PhraseMatcher(phrases: phrases)
        self.roles = roles
        self.codeOffsets = offsets
        self.codeCount = flatCode
        self.cuePhrases = phrases.prefix(cueCount).map(\.text)
        fieldWeights = taxonomy.fieldWeights
        repeatDecay = taxonomy.repeatDecay
        sentenceGroupWeights = taxonomy.sentenceWeights.map(\.weight)
        exclusionWordsBefore = Int32(taxonomy.contextExclusion.before.words)
        exclusionWordsAfter = Int32(taxonomy.contextExclusion.after.words)
    }

    /// The labels of a paper, one value per facet in taxonomy order.
    public func labels(title: String, abstract: String?) -> Labels {
        labels(fromScores: scores(title: title, abstract: abstract))
    }

    /// Every code's score, per facet in taxonomy order, codes in taxonomy order.
    public func scores(title: String, abstract: String?) -> [[Double]] {
        var flat = [Double](repeating: 0, count: codeCount)
        for contribution in contributions(title: title, abstract: abstract) {
            flat[contribution.code] += contribution.value
        }
        return taxonomy.facets.indices.map { index in
            Self.yielding(taxonomy.facets[index], Array(flat[codeOffsets[index]..<codeOffsets[index] + taxonomy.facets[index].codes.count]))
        }
    }

    /// `scores` with every code that yields to a qualifying code scaled by its yield factor.
    static func yielding(_ facet: TaxonomyFacet, _ scores: [Double]) -> [Double] {
        var result = scores
        for (index, code) in facet.codes.enumerated() where code.yieldsTo.contains(where: { qualifies($0, in: facet, scores) }) {
            result[index] *= code.yieldFactor
        }
        return result
    }

    /// Whether code `index` reaches its threshold with `scores`.
    static func qualifies(_ index: Int, in facet: TaxonomyFacet, _ scores: [Double]) -> Bool {
        scores[index] > 0 && scores[index] >= (facet.codes[index].threshold ?? facet.threshold)
    }

    /// The cue phrases behind each code's score, per facet in taxonomy order, codes in taxonomy order: each phrase
    /// (as written in the taxonomy) with the sum of what it added, largest first.
    public func explanation(title: String, abstract: String?) -> [[[(phrase: String, score: Double)]]] {
        var perCode = [[(phrase: String, score: Double)]](repeating: [], count: codeCount)
        for contribution in contributions(title: title, abstract: abstract) {
            let phrase = cuePhrases[contribution.cue]
            if let index = perCode[contribution.code].firstIndex(where: { $0.phrase == phrase }) {
                perCode[contribution.code][index].score += contribution.value
            } else {
                perCode[contribution.code].append((phrase, contribution.value))
            }
        }
        return taxonomy.facets.indices.map { index in
            (codeOffsets[index]..<codeOffsets[index] + taxonomy.facets[index].codes.count).map { code in
                perCode[code].enumerated().sorted { lhs, rhs in
                    lhs.element.score != rhs.element.score ? lhs.element.score > rhs.element.score : lhs.offset < rhs.offset
                }.map(\.element)
            }
        }
    }

    /// What each counted cue occurrence of the title and the abstract adds to its code.
    private func contributions(title: String, abstract: String?) -> [(code: Int, cue: Int, value: Double)] {
        var result: [(code: Int, cue: Int, value: Double)] = []
        result.reserveCapacity(32)
        score(title, field: .title, into: &result)
        if let abstract { score(abstract, field: .abstract, into: &result) }
        return result
    }

    /// The labels that `scores` (as ``scores(title:abstract:)`` returns them) give.
    public func labels(fromScores scores: [[Double]]) -> Labels {
        Labels(facets: zip(taxonomy.facets, scores).map { facet, codeScores in
            Labels.Facet(name: facet.name, value: Self.value(of: facet, scores: codeScores))
        })
    }

    static func value(of facet: TaxonomyFacet, scores: [Double]) -> LabelValue {
        var passing = facet.codes.indices.filter { qualifies($0, in: facet, scores) }
        passing.sort { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        switch facet.type {
        case .boolean:
            return .flag(passing.isEmpty ? facet.defaultFlag : true)
        case .single:
            let chosen = passing.first ?? facet.defaultCode
            return chosen.map { .code(facet.codes[$0].code) } ?? .none
        case .multi:
            if let top = passing.first {
                let floor = scores[top] * facet.relativeThreshold
                passing = passing.filter { scores[$0] >= floor }
            }
            if let catchAll = facet.catchAll {
                passing = passing.first == catchAll ? [catchAll] : passing.filter { $0 != catchAll }
            }
            let chosen = passing.isEmpty ? facet.defaultCode.map { [$0] } ?? [] : Array(passing.prefix(facet.maxCodes))
            return .codes(chosen.map { facet.codes[$0].code })
        }
    }

    // MARK: scoring one field

    /// A cue occurrence that may count.
    private struct CueHit {
        var facet: Int
        var code: Int
        var cue: Int
        var weight: Double
        var start: Int32
        var end: Int32
        var sentence: Int32
    }

    /// Appends what the cues of `text` add; `result` holds what earlier fields added (a cue's repeats decay across
    /// fields).
    private func score(_ text: String, field: LabelField, into result: inout [(code: Int, cue: Int, value: Double)]) {
        let tokens = LabelTokenizer.tokenize(text)
        let matches = matcher.matches(in: tokens)
        guard !matches.isEmpty else { return }
        var hits: [CueHit] = []
        hits.reserveCapacity(matches.count)
        var exclusions: [(match: PhraseMatch, before: Bool)] = []
        var sentenceGroups: [(sentence: Int32, group: Int)] = []
        for match in matches {
            let sentence = tokens.sentences[Int(match.start)]
            switch roles[Int(match.phrase)] {
            case let .cue(facet, code, cue, weight, onlyField):
                if onlyField == nil || onlyField == field {
                    hits.append(CueHit(facet: facet, code: code, cue: cue, weight: weight, start: match.start, end: match.end, sentence: sentence))
                }
            case .exclusion(let before):
                exclusions.append((match, before))
            case .sentenceWeight(let group):
                if !sentenceGroups.contains(where: { $0.sentence == sentence && $0.group == group }) {
                    sentenceGroups.append((sentence, group))
                }
            }
        }
        var counted: [CueHit] = []
        counted.reserveCapacity(hits.count)
        for (index, hit) in hits.enumerated()
        where hit.weight != 0 && !isHidden(index, in: hits) && !(hit.weight > 0 && isExcluded(hit, by: exclusions, tokens: tokens)) {
            counted.append(hit)
        }
        let fieldWeight = fieldWeights[field]
        for (index, hit) in counted.enumerated() where !isOutvoted(index, in: counted) {
            var sentenceWeight = 1.0
            for entry in sentenceGroups where entry.sentence == hit.sentence {
                sentenceWeight *= sentenceGroupWeights[entry.group]
            }
            let occurrences = result.reduce(0) { $1.cue == hit.cue ? $0 + 1 : $0 }
            let decay = Self.power(repeatDecay, occurrences)
            result.append((hit.code, hit.cue, hit.weight * fieldWeight * sentenceWeight * decay))
        }
    }

    /// Whether another cue hides hit `index`: one of the same facet over a longer span that holds it (`instruction
    /// fine-tuning` hides `fine-tuning`), or one of the same code over the same span with a higher weight
    /// (`retrieval` at 3 hides `retriev*` at 2; the earlier cue at equal weights). `hits` are ordered by start, and
    /// a phrase spans at most ``CuePattern/maximumWords`` words, so only close neighbours can hide a hit.
    private func isHidden(_ index: Int, in hits: [CueHit]) -> Bool {
        let hit = hits[index]
        let length = hit.end - hit.start
        let earliest = hit.end - Int32(CuePattern.maximumWords)
        var other = index
        while other > 0, hits[other - 1].start >= earliest { other -= 1 }
        while other < hits.count, hits[other].start <= hit.start {
            let rival = hits[other]
            other += 1
            guard rival.facet == hit.facet, rival.end >= hit.end else { continue }
            if rival.end - rival.start > length { return true }
            if rival.code == hit.code, rival.weight > hit.weight || (rival.weight == hit.weight && rival.cue < hit.cue) { return true }
        }
        return false
    }

    /// Whether another hit of the same code and sign in the same sentence is stronger (or as strong and earlier):
    /// a sentence gives each code one vote, so `supervised fine-tuning (SFT)` counts once. The hits of one sentence
    /// stand together, since `hits` are ordered by start.
    private func isOutvoted(_ index: Int, in hits: [CueHit]) -> Bool {
        let hit = hits[index]
        var other = index
        while other > 0, hits[other - 1].sentence == hit.sentence { other -= 1 }
        while other < hits.count, hits[other].sentence == hit.sentence {
            let rival = hits[other]
            defer { other += 1 }
            guard other != index, rival.code == hit.code, (rival.weight > 0) == (hit.weight > 0) else { continue }
            if abs(rival.weight) > abs(hit.weight) || (abs(rival.weight) == abs(hit.weight) && other < index) { return true }
        }
        return false
    }

    /// Whether an exclusion phrase stands close before or after `hit` in its sentence.
    private func isExcluded(_ hit: CueHit, by exclusions: [(match: PhraseMatch, before: Bool)], tokens: LabelTokens) -> Bool {
        exclusions.contains { exclusion, before in
            guard tokens.sentences[Int(exclusion.start)] == hit.sentence else { return false }
            if before {
                return exclusion.end <= hit.start && hit.start - exclusion.end <= exclusionWordsBefore
            }
            return exclusion.start >= hit.end && exclusion.start - hit.end <= exclusionWordsAfter
        }
    }

    private static func power(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= base }
        return result
    }
}
