/// One paper: what an extractor read from one entry, and after `dedup-title`, the merged record.
///
/// The stored properties below `sources` are provenance that the release never shows.
public struct PaperRecord: Sendable {
    public var arxivID: String?
    public var arxivVersion: Int?
    public var title: String
    /// Lowercase hex SHA-256 of the title key; empty until `dedup-title` computes it.
    public var titleHash: String = ""
    public var abstract: String?
    public var authors: [String] = []
    /// The author count the page prints ("• 5 authors"), when it prints one.
    public var printedAuthorsCount: Int?
    public var organization: String?
    /// A date as the page gave it; `normalize` gives year-less dates their year or drops them.
    public var publishedDate: PartialDate?
    public var listingDate: PartialDate?
    public var upvotes: Int?
    public var comments: Int?
    public var arxivCategories: [String] = []
    public var arxivComment: String?
    public var doi: String?
    public var journalRef: String?
    public var labels: Labels = .unlabeled
    /// Sorted by (path bytes, index).
    public var sources: [SourceRef]

    /// Merge priority of the source this record came from (for merged records: the best one).
    public var rank: SourceRank
    /// Where the entry starts, for rejects.
    public var location: Location
    /// The day that gives year-less dates their year: the input's snapshot date, else the page's dated day.
    public var referenceDay: Day?

    /// A record read from one entry of one input.
    public init(title: String, source: SourceRef, rank: SourceRank, location: Location) {
        self.title = title
        self.sources = [source]
        self.rank = rank
        self.location = location
    }

    /// `arxiv:<arxiv_id>` when known, else `title:<first 16 hex of title_hash>`.
    public var id: String {
        if let arxivID { return "arxiv:" + arxivID }
        return "title:" + titleHash.prefix(16)
    }

    /// The printed count when the page prints one, else the number of names shown, else nil (DESIGN §2).
    public var authorsCount: Int? {
        printedAuthorsCount ?? (authors.isEmpty ? nil : authors.count)
    }
}
