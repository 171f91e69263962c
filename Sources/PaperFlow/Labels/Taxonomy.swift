/// A validated `taxonomy.json`: the facets of the record's `labels`, their codes and the cues that score them.
///
/// The taxonomy is data: `Labeler` compiles it into one phrase matcher and never knows a code by name.
/// Build one with `Taxonomy.load(path:file:)` or `Taxonomy.parse(_:file:)`, which report every problem with its JSON path.
public struct Taxonomy: Sendable {
    /// The taxonomy format versions this build reads.
    public static let supportedVersions = [1]

    /// The file as the spec names it (for messages).
    public var file: String
    /// Hex SHA-256 of the file's bytes: the taxonomy's version in the release manifest.
    public var digest: String
    /// Score multiplier per field.
    public var fieldWeights: FieldWeights
    /// The k-th occurrence (from 0) of one cue in a record counts `weight × repeatDecay^k`.
    public var repeatDecay: Double
    /// Phrases near which a cue does not count ("baseline", "such as").
    public var contextExclusion: ContextExclusion
    /// Multipliers for cues in sentences that hold one of a group's phrases ("we propose" up, "previous work" down).
    public var sentenceWeights: [SentenceWeight]
    /// The facets in record order.
    public var facets: [TaxonomyFacet]

    /// The facet named `name`, if any.
    public func facet(named name: String) -> TaxonomyFacet? {
        facets.first { $0.name == name }
    }
}

/// The parts of a record the labeler reads.
public enum LabelField: String, Sendable, CaseIterable {
    case title
    case abstract
}

/// Score multipliers for matches in the title and in the abstract.
public struct FieldWeights: Sendable, Equatable {
    public var title: Double
    public var abstract: Double

    /// Weights for the two fields (by default a title counts twice as much as an abstract).
    public init(title: Double = 2, abstract: Double = 1) {
        self.title = title
        self.abstract = abstract
    }

    /// The weight of `field`.
    public subscript(field: LabelField) -> Double {
        switch field {
        case .title: title
        case .abstract: abstract
        }
    }
}

/// Phrases that void a positive cue close to them in the same sentence: `before` phrases shortly before the cue
/// ("such as LoRA", "unlike RAG"), `after` phrases shortly after it ("an SFT baseline").
public struct ContextExclusion: Sendable {
    public var before: ExclusionWindow
    public var after: ExclusionWindow

    /// Exclusions before and after cues; by default none.
    public init(before: ExclusionWindow = ExclusionWindow(), after: ExclusionWindow = ExclusionWindow()) {
        self.before = before
        self.after = after
    }
}

/// Exclusion phrases and how many words may stand between one of them and the cue it voids.
public struct ExclusionWindow: Sendable {
    public var words: Int
    public var phrases: [CuePattern]

    /// A window of `words` words around a cue for `phrases`.
    public init(words: Int = 0, phrases: [CuePattern] = []) {
        self.words = words
        self.phrases = phrases
    }
}

/// A multiplier for every cue in a sentence that holds one of `phrases`.
public struct SentenceWeight: Sendable {
    public var weight: Double
    public var phrases: [CuePattern]
}

/// How many values a facet holds, as the record schema fixes it.
public enum FacetType: String, Sendable {
    /// A list of codes, ordered by score (`approach`, `modality`, `domain`).
    case multi
    /// Exactly one code (`contribution`).
    case single
    /// `true` or `false` (`safety`).
    case boolean
}

/// One facet: its codes in taxonomy order (the tie order) and how scores become values.
public struct TaxonomyFacet: Sendable {
    public var name: String
    public var type: FacetType
    /// Codes in taxonomy order. A boolean facet has one code, `true`, that holds its cues.
    public var codes: [TaxonomyCode]
    /// The value when no code reaches its threshold: a code index for list and single facets.
    public var defaultCode: Int?
    /// The value of a boolean facet when its cues stay under the threshold.
    public var defaultFlag: Bool
    /// The catch-all code: kept only when it scores highest, and then alone.
    public var catchAll: Int?
    /// The score a code needs, unless the code sets its own.
    public var threshold: Double
    /// A code after the first needs at least this share of the first code's score.
    public var relativeThreshold: Double
    /// The most codes a list facet holds.
    public var maxCodes: Int
}

/// One code of a facet and the weighted cues that score it.
public struct TaxonomyCode: Sendable {
    public var code: String
    /// The score this code needs; nil takes the facet's threshold.
    public var threshold: Double?
    public var cues: [CueGroup]
    /// Codes (indices in the facet) that describe a paper better when they qualify: then this code's score is
    /// multiplied by `yieldFactor` (`full-fine-tuning` yields to `peft`).
    public var yieldsTo: [Int] = []
    public var yieldFactor: Double = 1
}

/// Phrases that add `weight` to their code for each occurrence. A negative weight is counter-evidence; weight 0
/// makes the phrases masks that score nothing but hide the shorter cues of the facet inside them.
public struct CueGroup: Sendable {
    public var weight: Double
    /// Restricts the group to one field; nil reads both.
    public var field: LabelField?
    public var phrases: [CuePattern]
}
