/// `records-jsonl`: a release of paperflow read back as input (`data/train-*.jsonl.gz`; `extract`
/// decompresses gzip before sniffing), to build a cumulative dataset from new pages only.
///
/// Every field of a record line is read back as it was released: `authors_count` becomes a printed
/// count only where it differs from the number of names, so it comes out the same. The line's own
/// `sources` are NOT copied: the re-ingested record's one source is this file and the record's line
/// (format `records-jsonl`), so provenance names what this run actually read, not inputs it never saw.
/// `labels` are not read either: a pipeline without a `label` stage releases null labels (DESIGN §2),
/// one with it computes them afresh. `id` and `title_hash` are derived again by `dedup-title`.
/// A line that is not a JSON object with a title is a `missing-title` reject at `path:line`; a last
/// line cut off (no line end, not JSON) is a `truncated` reject; a field of the wrong type is read as
/// null and counted in `records_jsonl_bad_fields`.
public enum RecordsJSONL: InputFormat {
    public static let name = "records-jsonl"

    /// The first non-blank line is a JSON object whose first key is `id` and that has `title_hash` and `sources`.
    /// A first line longer than the head only needs to start with `{"id":` and hold `"title_hash":`.
    public static func recognizes(_ head: ArraySlice<UInt8>) -> Bool {
        guard let start = head.firstIndex(where: { !ASCIIByte.isWhitespace($0) }),
              head[start] == ASCIIByte.openingBrace else { return false }
        guard let end = head[start...].firstIndex(of: ASCIIByte.lineFeed) else {
            let line = head[start...]
            return line.starts(with: Array(#"{"id":"#.utf8)) && ByteSearch.contains(#""title_hash":"#, in: line)
        }
        guard let object = try? JSONValue.parse(Array(head[start..<end])).objectValue else { return false }
        return object.members.first?.key == "id" && object["title_hash"] != nil && object["sources"] != nil
    }

    public static func extract(_ input: LoadedInput) -> Extraction {
        var extraction = Extraction()
        let lines = TextLines.nonBlank(input.bytes)
        let endsWithLineFeed = input.bytes.last == ASCIIByte.lineFeed
        for (index, line) in lines.enumerated() {
            let location = Location.line(input.path, line.number)
            guard line.isValidUTF8 else {
                extraction.rejects.append(Reject(.invalidUTF8, at: location, "invalid UTF-8 in this record line"))
                continue
            }
            guard let object = try? JSONValue.parse(line.text).objectValue else {
                let isCutOff = index == lines.count - 1 && !endsWithLineFeed
                extraction.rejects.append(isCutOff
                    ? Reject(.truncated, at: location, "the file ends inside this record line; the \(index) records before it are kept")
                    : Reject(.missingTitle, at: location, "not a JSON record"))
                continue
            }
            guard let title = object["title"]?.stringValue, !title.isEmpty else {
                extraction.rejects.append(Reject(.missingTitle, at: location, "a record without a title"))
                continue
            }
            var reader = FieldReader(object: object)
            var record = PaperRecord(title: title, source: SourceRef(path: input.path, format: name, index: index),
                                     rank: .reingestedRelease, location: location)
            record.arxivID = reader.string("arxiv_id")
            record.arxivVersion = reader.integer("arxiv_version")
            record.abstract = reader.string("abstract")
            record.authors = reader.strings("authors")
            let authorsCount = reader.integer("authors_count")
            record.printedAuthorsCount = record.authors.isEmpty || authorsCount != record.authors.count ? authorsCount : nil
            record.organization = reader.string("organization")
            record.publishedDate = reader.day("published_date").map(PartialDate.init)
            record.listingDate = reader.day("listing_date").map(PartialDate.init)
            record.upvotes = reader.integer("upvotes")
            record.comments = reader.integer("comments")
            record.arxivCategories = reader.strings("arxiv_categories")
            record.arxivComment = reader.string("arxiv_comment")
            record.doi = reader.string("doi")
            record.journalRef = reader.string("journal_ref")
            extraction.counters.add("records_jsonl_bad_fields", reader.badFields)
            extraction.records.append(record)
        }
        return extraction
    }

    /// Reads the typed fields of one record line; a field of another type (or a malformed date) reads as null and is counted.
    struct FieldReader {
        let object: JSONObject
        var badFields = 0

        mutating func string(_ key: String) -> String? {
            read(key) { $0.stringValue }
        }

        mutating func integer(_ key: String) -> Int? {
            read(key) { $0.intValue }
        }

        mutating func day(_ key: String) -> Day? {
            read(key) { $0.stringValue.flatMap(Day.init(iso:)) }
        }

        mutating func strings(_ key: String) -> [String] {
            read(key) { value in
                guard let elements = value.arrayValue else { return nil }
                let strings = elements.compactMap(\.stringValue)
                return strings.count == elements.count ? strings : nil
            } ?? []
        }

        private mutating func read<T>(_ key: String, _ convert: (JSONValue) -> T?) -> T? {
            guard let value = object[key], value != .null else { return nil }
            guard let converted = convert(value) else {
                badFields += 1
                return nil
            }
            return converted
        }
    }
}
