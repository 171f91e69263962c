/// `dedup-title`: computes each record's title key and hash (DESIGN §4), decides which records are
/// one paper, and merges each paper into one record with the per-field merge table.
///
/// The stage is the pipeline's barrier: the runner calls ``prepare(_:context:)`` on every batch of
/// records, ``plan(_:)`` once on the keys of all of them (or of all shards), then ``merge(_:)`` on the
/// records of each paper in release order. Which records are one paper: the same arXiv id; else a
/// record without an id joins the paper whose title hash it shares (the smallest arXiv id when several
/// share it, counted as `title_collisions`); records without an id that share a title hash are one
/// paper. The result does not depend on input order, batches or shards.
public struct DedupTitle: PipelineOperator {
    public static let name = "dedup-title"
    public static let summary = "title key and hash, group records that are one paper, merge their fields"
    public static let parameters: [ParameterSpec] = []
    public static let placement = StagePlacement(required: true, after: ["normalize"])

    public init(parameters: ParameterValues, spec: PipelineSpec) {}

    /// Gives every record of a batch its title hash; a record whose title key is empty becomes a `missing-title` reject.
    public func prepare(_ batch: inout Dataset, context: RunContext) {
        batch.updateRecords(executor: context.executor, chunkSize: context.chunkSize) { record, _ in Self.hashTitle(&record) }
    }

    /// Sets the record's title hash; returns a `missing-title` reject instead when its title key is empty.
    static func hashTitle(_ record: inout PaperRecord) -> Reject? {
        let key = TitleKey.key(record.title)
        guard !key.isEmpty else {
            return Reject(.missingTitle, at: record.location, "the title has no letters or digits: \"\(record.title)\"")
        }
        record.titleHash = TitleKey.hash(ofKey: key)
        return nil
    }

    /// Which paper each record belongs to, from the keys of every record of the run.
    public static func plan(_ keys: [PaperKey]) -> DedupPlan {
        // Per title hash: the smallest arXiv id that has it, and whether several ids do; per arXiv id: its
        // first title hash, and whether it has others (title variants).
        var idsByTitleHash: [String: FirstAndSeveral] = [:]
        var titleHashesByArxivID: [String: FirstAndSeveral] = [:]
        for key in keys {
            guard let id = key.arxivID else { continue }
            idsByTitleHash[key.titleHash, default: FirstAndSeveral(id)].add(id)
            titleHashesByArxivID[id, default: FirstAndSeveral(key.titleHash)].add(key.titleHash)
        }
        var counters = Counters()
        var titleOnlyHashes = Set<String>()
        for key in keys where key.arxivID == nil {
            if let ids = idsByTitleHash[key.titleHash] {
                if ids.several { counters.add("title_collisions") }
            } else {
                titleOnlyHashes.insert(key.titleHash)
            }
        }
        // Papers in release order: `arxiv:<id>` by id bytes, then `title:<hash>` by hash.
        let arxivIDs = titleHashesByArxivID.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let titleHashes = titleOnlyHashes.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var paperByArxivID: [String: Int32] = [:]
        for (index, id) in arxivIDs.enumerated() { paperByArxivID[id] = Int32(index) }
        var paperByTitleHash: [String: Int32] = [:]
        for (index, hash) in titleHashes.enumerated() { paperByTitleHash[hash] = Int32(arxivIDs.count + index) }
        let paperOfRecord = keys.map { key -> Int32 in
            let id = key.arxivID ?? idsByTitleHash[key.titleHash]?.smallest
            if let id, let paper = paperByArxivID[id] { return paper }
            return paperByTitleHash[key.titleHash] ?? -1
        }
        let paperCount = arxivIDs.count + titleHashes.count
        counters.add("duplicates_merged", keys.count - paperCount)
        counters.add("title_variants", titleHashesByArxivID.values.filter(\.several).count)
        return DedupPlan(paperOfRecord: paperOfRecord, paperCount: paperCount, counters: counters)
    }

    /// The smallest of the values seen (by bytes) and whether they were not all the same.
    struct FirstAndSeveral {
        var smallest: String
        var several = false

        init(_ first: String) {
            smallest = first
        }

        mutating func add(_ value: String) {
            guard value != smallest else { return }
            several = true
            if value.utf8.lexicographicallyPrecedes(smallest.utf8) { smallest = value }
        }
    }

    /// Merges the records of one paper (DESIGN §4 merge table), in any order.
    static func merge(_ group: [PaperRecord]) -> PaperRecord {
        let ordered = group.count == 1 ? group : group.sorted(by: precedes)
        var merged = ordered[0]
        for record in ordered.dropFirst() {
            merged.arxivID = merged.arxivID ?? record.arxivID
            merged.arxivVersion = larger(merged.arxivVersion, record.arxivVersion)
            merged.abstract = merged.abstract ?? record.abstract
            if merged.authors.isEmpty { merged.authors = record.authors }
            merged.printedAuthorsCount = merged.printedAuthorsCount ?? record.printedAuthorsCount
            merged.organization = merged.organization ?? record.organization
            merged.publishedDate = merged.publishedDate ?? record.publishedDate
            merged.listingDate = earlier(merged.listingDate, record.listingDate)
            merged.upvotes = larger(merged.upvotes, record.upvotes)
            merged.comments = larger(merged.comments, record.comments)
            if merged.arxivCategories.isEmpty { merged.arxivCategories = record.arxivCategories }
            merged.arxivComment = merged.arxivComment ?? record.arxivComment
            merged.doi = merged.doi ?? record.doi
            merged.journalRef = merged.journalRef ?? record.journalRef
            merged.sources.append(contentsOf: record.sources)
        }
        if ordered.count > 1 { merged.sources = Array(Set(merged.sources)).sorted() }
        return merged
    }

    /// Source priority, then source path and index.
    static func precedes(_ lhs: PaperRecord, _ rhs: PaperRecord) -> Bool {
        if lhs.rank != rhs.rank { return lhs.rank < rhs.rank }
        return lhs.sources[0] < rhs.sources[0]
    }

    static func larger(_ lhs: Int?, _ rhs: Int?) -> Int? {
        guard let lhs else { return rhs }
        guard let rhs else { return lhs }
        return max(lhs, rhs)
    }

    static func earlier(_ lhs: PartialDate?, _ rhs: PartialDate?) -> PartialDate? {
        guard let lhs, let left = lhs.resolved(snapshot: nil) else { return rhs }
        guard let rhs, let right = rhs.resolved(snapshot: nil) else { return lhs }
        return right < left ? rhs : lhs
    }
}

/// Which records are one paper: the outcome of `dedup-title`'s grouping over a whole run.
public struct DedupPlan: Sendable {
    /// For each record number, its paper; papers are numbered in release order (by id).
    public var paperOfRecord: [Int32]
    public var paperCount: Int
    /// `duplicates_merged`, `title_collisions`, `title_variants`.
    public var counters: Counters

    /// The record numbers in release order: by paper, then source priority, then source path and index.
    public func releaseOrder(_ keys: [PaperKey]) -> [Int32] {
        var order = (0..<Int32(keys.count)).map { $0 }
        order.sort { lhs, rhs in
            let (left, right) = (Int(lhs), Int(rhs))
            if paperOfRecord[left] != paperOfRecord[right] { return paperOfRecord[left] < paperOfRecord[right] }
            return PaperKey.precedes(keys[left], keys[right])
        }
        return order
    }
}
