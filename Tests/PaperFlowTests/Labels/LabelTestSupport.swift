import Foundation
@testable import PaperFlow

/// The small taxonomy of `Fixtures/labels/taxonomy.json` and helpers to label with it.
enum LabelFixture {
    static let taxonomyURL = TestSupport.fixture("labels/taxonomy.json")

    static func taxonomy() throws -> Taxonomy {
        try Taxonomy.load(path: taxonomyURL.path, file: "taxonomy.json")
    }

    static func labeler() throws -> Labeler {
        Labeler(taxonomy: try taxonomy())
    }

    /// The value of `facet` for a paper.
    static func value(_ facet: String, title: String, abstract: String? = nil, labeler: Labeler) -> LabelValue? {
        labeler.labels(title: title, abstract: abstract).facets.first { $0.name == facet }?.value
    }

    /// The score of `code` in `facet` for a paper.
    static func score(_ facet: String, _ code: String, title: String, abstract: String? = nil, labeler: Labeler) -> Double? {
        guard let facetIndex = labeler.taxonomy.facets.firstIndex(where: { $0.name == facet }),
              let codeIndex = labeler.taxonomy.facets[facetIndex].codes.firstIndex(where: { $0.code == code }) else { return nil }
        return labeler.scores(title: title, abstract: abstract)[facetIndex][codeIndex]
    }

    /// The fixture taxonomy's text with one replacement applied (it must apply).
    static func variant(_ old: String, _ new: String) throws -> String {
        let text = try String(contentsOf: taxonomyURL, encoding: .utf8)
        precondition(text.contains(old), "the fixture taxonomy has no \(old)")
        return text.replacingOccurrences(of: old, with: new)
    }

    /// The issues of a taxonomy text (empty when it is valid).
    static func issues(_ json: String) -> [String] {
        do throws(SpecError) {
            _ = try Taxonomy.parse(Array(json.utf8), file: "taxonomy.json")
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }
}
