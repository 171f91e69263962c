/// `dedup-title`: computes each record's title key and hash (DESIGN §4), decides which records are
/// one paper, and merges each paper into one record with the per-field merge table.
///
/// Which records are one paper: the same arXiv id; else a record without an id joins the paper whose
/// title hash it shares (the smallest arXiv id when several share it, counted as `title_collisions`);
/// records without an id that share a title hash are one paper. The result does not depend on input order.
public struct DedupTitle: PipelineOperator {
    public static let name = "dedup-title"
    public static let summary = "title key and hash, group records that are one paper, merge their fields"
    public static let parameters: [ParameterSpec] = []
    public static let placement = StagePlacement(after: ["normalize"])

    public init(parameters: ParameterValues, spec: PipelineSpec) {}

    public func run(_ dataset: inout Dataset, context: RunContext) throws {
        let hashed = context.executor.mapChunks(dataset.records, chunkSize: context.chunkSize) { chunk in
            chunk.map(Self.withTitleHash)
        }
        var records: [PaperRecord] = []
        records.reserveCapacity(hashed.count)
        for outcome in hashed {
            switch outcome {
            case .success(let record): records.append(record)
            case .failure(let reject): dataset.rejects.append(reject.reject)
            }
        }
        let grouping = Self.group(records)
        dataset.counters.add("title_collisions", grouping.titleCollisions)
        dataset.counters.add("duplicates_merged", records.count - grouping.groups.count)
        let hashedRecords = records
        let merged = context.executor.mapChunks(grouping.groups, chunkSize: max(1, context.chunkSize / 4)) { groups in
            groups.map { group in Self.merge(group.map { hashedRecords[$0] }) }
        }
        dataset.counters.add("title_variants", merged.filter(\.hasTitleVariants).count)
        dataset.records = merged.map(\.record)
    }

    struct RejectedRecord: Error {
        let reject: Reject
    }

    static func withTitleHash(_ input: PaperRecord) -> Result<PaperRecord, RejectedRecord> {
        let key = TitleKey.key(input.title)
        guard !key.isEmpty else {
            return .failure(RejectedRecord(reject: Reject(
                .missingTitle, at: input.location, "the title has no letters or digits: \"\(input.title)\"")))
        }
        var record = input
        record.titleHash = TitleKey.hash(ofKey: key)
        return .success(record)
    }

    /// Groups of record indices that are one paper, in a deterministic order.
    struct Grouping {
        var groups: [[Int]]
        var titleCollisions: Int
    }

    static func group(_ records: [PaperRecord]) -> Grouping {
        var byArxivID: [String: [Int]] = [:]
        var arxivIDsByTitleHash: [String: Set<String>] = [:]
        for (index, record) in records.enumerated() {
            guard let id = record.arxivID else { continue }
            byArxivID[id, default: []].append(index)
            arxivIDsByTitleHash[record.titleHash, default: []].insert(id)
        }
        var byTitleHash: [String: [Int]] = [:]
        var titleCollisions = 0
        for (index, record) in records.enumerated() where record.arxivID == nil {
            if let ids = arxivIDsByTitleHash[record.titleHash],
               let smallest = ids.min(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                if ids.count > 1 { titleCollisions += 1 }
                byArxivID[smallest, default: []].append(index)
            } else {
                byTitleHash[record.titleHash, default: []].append(index)
            }
        }
        let arxivGroups = byArxivID.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map(\.value)
        let titleGroups = byTitleHash.sorted { $0.key < $1.key }.map(\.value)
        return Grouping(groups: arxivGroups + titleGroups, titleCollisions: titleCollisions)
    }

    /// One paper's merged record.
    struct Merged: Sendable {
        var record: PaperRecord
        /// An arXiv paper whose records carry different titles.
        var hasTitleVariants: Bool
    }

    /// Merges the records of one paper (DESIGN §4 merge table).
    static func merge(_ group: [PaperRecord]) -> Merged {
        let ordered = group.sorted(by: precedes)
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
        merged.sources = Array(Set(merged.sources)).sorted()
        let variants = merged.arxivID != nil && Set(group.map(\.titleHash)).count > 1
        return Merged(record: merged, hasTitleVariants: variants)
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
