/// Writes a record as one canonical JSON line: every key in DESIGN §2 order, explicit `null`,
/// no spaces, raw UTF-8, ending in `\n`.
public enum RecordEncoder {
    /// The record keys in release order (``RecordSchema/fields``).
    public static let keys = RecordSchema.fields.map(\.name)

    /// The canonical line of `record`, newline included.
    public static func line(_ record: PaperRecord) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512 + (record.abstract?.utf8.count ?? 0) + record.title.utf8.count)
        append(record, to: &out)
        return out
    }

    /// Appends the canonical line of `record`, newline included.
    public static func append(_ record: PaperRecord, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        key("id", &out, first: true); JSONWriter.appendString(record.id, to: &out)
        key("arxiv_id", &out); string(record.arxivID, &out)
        key("arxiv_version", &out); integer(record.arxivVersion, &out)
        key("title", &out); JSONWriter.appendString(record.title, to: &out)
        key("title_hash", &out); JSONWriter.appendString(record.titleHash, to: &out)
        key("abstract", &out); string(record.abstract, &out)
        key("authors", &out); strings(record.authors, &out)
        key("authors_count", &out); integer(record.authorsCount, &out)
        key("organization", &out); string(record.organization, &out)
        key("published_date", &out); date(record.publishedDate, &out)
        key("listing_date", &out); date(record.listingDate, &out)
        key("upvotes", &out); integer(record.upvotes, &out)
        key("comments", &out); integer(record.comments, &out)
        key("arxiv_categories", &out); strings(record.arxivCategories, &out)
        key("arxiv_comment", &out); string(record.arxivComment, &out)
        key("doi", &out); string(record.doi, &out)
        key("journal_ref", &out); string(record.journalRef, &out)
        key("labels", &out); labels(record.labels, &out)
        key("sources", &out); sources(record.sources, &out)
        out.append(UInt8(ascii: "}"))
        out.append(UInt8(ascii: "\n"))
    }

    private static func key(_ name: StaticString, _ out: inout [UInt8], first: Bool = false) {
        if !first { out.append(UInt8(ascii: ",")) }
        out.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: ":"))
    }

    private static func null(_ out: inout [UInt8]) {
        out.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")])
    }

    private static func string(_ value: String?, _ out: inout [UInt8]) {
        if let value { JSONWriter.appendString(value, to: &out) } else { null(&out) }
    }

    private static func integer(_ value: Int?, _ out: inout [UInt8]) {
        if let value { JSONWriter.appendInt(value, to: &out) } else { null(&out) }
    }

    private static func date(_ value: PartialDate?, _ out: inout [UInt8]) {
        if let day = value?.resolved(snapshot: nil) { JSONWriter.appendString(day.description, to: &out) } else { null(&out) }
    }

    private static func strings(_ values: [String], _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(value, to: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func labels(_ labels: Labels, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (index, facet) in labels.facets.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(facet.name, to: &out)
            out.append(UInt8(ascii: ":"))
            switch facet.value {
            case .none: null(&out)
            case .codes(let codes): strings(codes, &out)
            case .code(let code): JSONWriter.appendString(code, to: &out)
            case .flag(let flag):
                out.append(contentsOf: flag ? Array("true".utf8) : Array("false".utf8))
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    private static func sources(_ sources: [SourceRef], _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, source) in sources.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "{"))
            key("path", &out, first: true)
            JSONWriter.appendString(source.path, to: &out)
            key("format", &out); JSONWriter.appendString(source.format, to: &out)
            key("index", &out); JSONWriter.appendInt(source.index, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
    }
}
