/// The definition of one release record: every key, its type and meaning, in release order.
///
/// The encoder's key order, `schema.json`, the dataset card's features and `croissant.json` are all
/// generated from this one list, so they cannot drift apart.
public enum RecordSchema {
    /// The JSON type of a field.
    public indirect enum FieldType: Sendable, Equatable {
        case string
        case integer
        case boolean
        /// `YYYY-MM-DD` text.
        case date
        case array(FieldType)
        case object([Field])
    }

    /// One key of the record.
    public struct Field: Sendable, Equatable {
        public var name: String
        public var type: FieldType
        public var nullable: Bool
        public var summary: String

        public init(_ name: String, _ type: FieldType, nullable: Bool, _ summary: String) {
            self.name = name
            self.type = type
            self.nullable = nullable
            self.summary = summary
        }
    }

    /// The taxonomy facets under `labels`, with their types (null until a `label` stage runs).
    public static let labelFields: [Field] = [
        Field("approach", .array(.string), nullable: true, "technical approach codes, best first"),
        Field("modality", .array(.string), nullable: true, "data modality codes, best first"),
        Field("domain", .array(.string), nullable: true, "application domain codes, best first"),
        Field("contribution", .string, nullable: true, "the main kind of contribution"),
        Field("safety", .boolean, nullable: true, "whether the paper is about safety"),
    ]

    /// The `{path, format, index}` objects of `sources`.
    public static let sourceFields: [Field] = [
        Field("path", .string, nullable: false, "input path relative to its input root"),
        Field("format", .string, nullable: false, "the sniffed input format"),
        Field("index", .integer, nullable: false, "0-based paper index in document order through the file"),
    ]

    /// Every key of a record, in release order.
    public static let fields: [Field] = [
        Field("id", .string, nullable: false, "arxiv:<arxiv_id> when known, else title:<first 16 hex of title_hash>"),
        Field("arxiv_id", .string, nullable: true, "arXiv identifier without version, always a string"),
        Field("arxiv_version", .integer, nullable: true, "highest arXiv version seen"),
        Field("title", .string, nullable: false, "normalized title (NFC, entities decoded, whitespace collapsed; TeX kept)"),
        Field("title_hash", .string, nullable: false, "hex SHA-256 of the title key; stable when the id changes"),
        Field("abstract", .string, nullable: true, "normalized abstract, never empty"),
        Field("authors", .array(.string), nullable: false, "author names in page order"),
        Field("authors_count", .integer, nullable: true, "the count the page prints, else the number of names shown"),
        Field("organization", .string, nullable: true, "organization an HF page names for the paper"),
        Field("published_date", .date, nullable: true, "publication date, YYYY-MM-DD"),
        Field("listing_date", .date, nullable: true, "first day a listing page showed the paper, YYYY-MM-DD"),
        Field("upvotes", .integer, nullable: true, "HF upvotes at fetch time"),
        Field("comments", .integer, nullable: true, "HF discussion comments at fetch time"),
        Field("arxiv_categories", .array(.string), nullable: false, "arXiv categories, primary first"),
        Field("arxiv_comment", .string, nullable: true, "the authors' comment line"),
        Field("doi", .string, nullable: true, "DOI without resolver prefix"),
        Field("journal_ref", .string, nullable: true, "journal reference as given"),
        Field("labels", .object(labelFields), nullable: false, "taxonomy labels, one key per facet"),
        Field("sources", .array(.object(sourceFields)), nullable: false, "every input that yielded the record, sorted"),
    ]
}
