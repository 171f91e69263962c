/// The value of one taxonomy facet on a record.
public enum LabelValue: Hashable, Sendable {
    /// The facet was not labeled (no `label` stage).
    case none
    /// A multi-valued facet: codes ordered by score, ties by taxonomy order.
    case codes([String])
    /// A single-valued facet.
    case code(String)
    /// A boolean facet.
    case flag(Bool)
}

/// The `labels` object of a record: one key per taxonomy facet, in taxonomy order.
public struct Labels: Hashable, Sendable {
    /// One facet and its value.
    public struct Facet: Hashable, Sendable {
        public var name: String
        public var value: LabelValue

        public init(name: String, value: LabelValue) {
            self.name = name
            self.value = value
        }
    }

    public var facets: [Facet]

    public init(facets: [Facet]) {
        self.facets = facets
    }

    /// The facets of `taxonomy.md`, in its order.
    public static let facetNames = RecordSchema.labelFields.map(\.name)

    /// Every facet present and null: the labels of a pipeline without a `label` stage.
    public static let unlabeled = Labels(facets: facetNames.map { Facet(name: $0, value: .none) })
}
