/// A hand-labeled paper: the text the labeler reads and the labels it should give.
public struct LabeledPaper: Sendable {
    /// The line of the JSONL file, from 1.
    public var line: Int
    public var title: String
    public var abstract: String?
    /// The expected labels, one facet per taxonomy facet, in taxonomy order.
    public var labels: Labels
}

/// A labeled JSONL file that cannot be evaluated: the line and what is wrong.
public struct LabeledPapersError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public var description: String { "\(file):\(line): \(message)" }
}

/// Reads labeled JSONL: one object per line with `title`, `abstract` and the facets either at the top level
/// (as in `labels-dev.jsonl`) or under `labels` (as in a release). Blank lines are skipped.
public enum LabeledPapers {
    /// The papers of `bytes`, with the facets of `taxonomy`; throws on the first line that cannot be read.
    public static func parse(_ bytes: [UInt8], file: String, taxonomy: Taxonomy) throws(LabeledPapersError) -> [LabeledPaper] {
        var papers: [LabeledPaper] = []
        var lineNumber = 0
        for line in bytes.split(separator: ASCIIByte.lineFeed, omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.contains(where: { !ASCIIByte.isWhitespace($0) }) else { continue }
            func fail(_ message: String) -> LabeledPapersError {
                LabeledPapersError(file: file, line: lineNumber, message: message)
            }
            let value: JSONValue
            do {
                value = try JSONValue.parse(Array(line))
            } catch {
                throw fail("not valid JSON: \(error)")
            }
            guard let object = value.objectValue else { throw fail("expected an object, found \(value.typeName)") }
            guard let title = object["title"]?.stringValue else { throw fail("no \"title\" string") }
            var abstract: String?
            switch object["abstract"] {
            case nil, .null?: abstract = nil
            case .string(let text)?: abstract = text
            case let other?: throw fail("\"abstract\": expected a string or null, found \(other.typeName)")
            }
            let holder = object["labels"]?.objectValue ?? object
            var facets: [Labels.Facet] = []
            for facet in taxonomy.facets {
                guard let raw = holder[facet.name] else {
                    throw fail("no \"\(facet.name)\" at the top level or under \"labels\"")
                }
                guard let value = labelValue(raw, type: facet.type) else {
                    throw fail("\"\(facet.name)\": expected \(expectation(facet.type)), found \(raw.typeName)")
                }
                facets.append(Labels.Facet(name: facet.name, value: value))
            }
            papers.append(LabeledPaper(line: lineNumber, title: title, abstract: abstract, labels: Labels(facets: facets)))
        }
        return papers
    }

    static func labelValue(_ value: JSONValue, type: FacetType) -> LabelValue? {
        switch type {
        case .multi:
            guard let array = value.arrayValue else { return nil }
            let codes = array.compactMap(\.stringValue)
            return codes.count == array.count ? .codes(codes) : nil
        case .single:
            return value.stringValue.map(LabelValue.code)
        case .boolean:
            return value.boolValue.map(LabelValue.flag)
        }
    }

    static func expectation(_ type: FacetType) -> String {
        switch type {
        case .multi: "an array of codes"
        case .single: "a code string"
        case .boolean: "a boolean"
        }
    }
}
