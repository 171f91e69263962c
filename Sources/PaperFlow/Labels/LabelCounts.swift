/// Records per code, for `stats.json`: `{"approach": {"data": 3, …}, …, "safety": {"false": 40, "true": 2}}`.
///
/// Facets in taxonomy order, codes sorted by name, every code of the taxonomy listed (0 when no record has it).
/// A record's unlabeled facet (no `label` stage) counts nowhere. Records are added as they stream by.
public struct LabelCounts: Sendable {
    public let taxonomy: Taxonomy
    private var counts: [[String: Int]]

    /// Zero for every code of `taxonomy`.
    public init(taxonomy: Taxonomy) {
        self.taxonomy = taxonomy
        counts = taxonomy.facets.map { facet in
            let codes = facet.type == .boolean ? ["false", "true"] : facet.codes.map(\.code)
            return Dictionary(uniqueKeysWithValues: codes.map { ($0, 0) })
        }
    }

    /// Counts the labels of one record.
    public mutating func add(_ record: PaperRecord) {
        for facet in record.labels.facets {
            guard let index = taxonomy.facets.firstIndex(where: { $0.name == facet.name }) else { continue }
            switch facet.value {
            case .none: break
            case .codes(let codes): for code in codes { counts[index][code, default: 0] += 1 }
            case .code(let code): counts[index][code, default: 0] += 1
            case .flag(let flag): counts[index][flag ? "true" : "false", default: 0] += 1
            }
        }
    }

    /// The `labels` object of `stats.json`.
    public var json: JSONValue {
        .object(pairs: zip(taxonomy.facets, counts).map { facet, perCode in
            (facet.name, .object(pairs: perCode.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { ($0.key, .int($0.value)) }))
        })
    }
}

extension LabelCounts {
    /// Adds the counts of `other`, made with the same taxonomy (counts of a chunk made on another thread).
    public mutating func add(_ other: LabelCounts) {
        for (index, perCode) in other.counts.enumerated() {
            counts[index].merge(perCode, uniquingKeysWith: +)
        }
    }
}
