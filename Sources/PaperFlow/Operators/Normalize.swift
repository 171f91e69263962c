/// `normalize`: the field rules of DESIGN §2 on every record: one level of entities, NFC,
/// whitespace (U+2028/2029/0085 included), `abstract` never `""`, DOI without resolver prefix,
/// and dates printed without a year given the year of the input's snapshot date (else null, counted).
public struct Normalize: RecordStage {
    public static let name = "normalize"
    public static let summary = "decode entities, NFC, collapse whitespace, give year-less dates their year"
    public static let parameters: [ParameterSpec] = []
    public static let placement = StagePlacement(after: ["extract"])

    public init(parameters: ParameterValues, spec: PipelineSpec) {}

    public func run(_ dataset: inout Dataset, context: RunContext) throws {
        dataset.updateRecords(executor: context.executor, chunkSize: context.chunkSize, Self.normalize)
    }

    /// Normalizes `record` in place; returns why it is dropped instead, if it is.
    static func normalize(_ record: inout PaperRecord, counters: inout Counters) -> Reject? {
        record.title = TextNormalizer.normalize(record.title)
        if record.title.isEmpty {
            return Reject(.missingTitle, at: record.location, "the title is empty")
        }
        record.abstract = TextNormalizer.normalizeOptional(record.abstract)
        record.authors = record.authors.map(TextNormalizer.normalize).filter { !$0.isEmpty }
        record.organization = TextNormalizer.normalizeOptional(record.organization)
        record.arxivComment = TextNormalizer.normalizeOptional(record.arxivComment)
        record.journalRef = TextNormalizer.normalizeOptional(record.journalRef)
        record.doi = TextNormalizer.normalizeOptional(record.doi).map(withoutResolver)
        var categories: [String] = []
        for category in record.arxivCategories.map(TextNormalizer.normalize) where !category.isEmpty && !categories.contains(category) {
            categories.append(category)
        }
        record.arxivCategories = categories
        record.publishedDate = resolve(record.publishedDate, referenceDay: record.referenceDay, counters: &counters)
        record.listingDate = resolve(record.listingDate, referenceDay: record.referenceDay, counters: &counters)
        return nil
    }

    /// A date with its year, or nil (counted as `date_year_unknown` when the year cannot be known).
    static func resolve(_ date: PartialDate?, referenceDay: Day?, counters: inout Counters) -> PartialDate? {
        guard let date else { return nil }
        guard let day = date.resolved(snapshot: referenceDay) else {
            counters.add(date.year == nil ? "date_year_unknown" : "date_invalid")
            return nil
        }
        return PartialDate(day)
    }

    /// `https://doi.org/10.1/x`, `doi:10.1/x` → `10.1/x`.
    static func withoutResolver(_ doi: String) -> String {
        for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"]
        where doi.lowercased().hasPrefix(prefix) {
            return String(doi.dropFirst(prefix.count))
        }
        return doi
    }
}
