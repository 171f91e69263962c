import Testing
@testable import PaperFlow

@Suite("dedup-title")
struct DedupTitleTests {
    static func record(
        _ title: String, path: String = "a.txt", index: Int = 0, rank: SourceRank = .hfText, arxiv: String? = nil
    ) -> PaperRecord {
        var record = PaperRecord(
            title: title, source: SourceRef(path: path, format: "f", index: index), rank: rank,
            location: .line(path, index + 1))
        record.arxivID = arxiv
        _ = DedupTitle.hashTitle(&record)
        return record
    }

    /// What the runner does with `dedup-title`: prepare the batch, plan over the keys, merge each paper in release order.
    static func run(_ records: [PaperRecord], jobs: Int = 1) throws -> Dataset {
        var dataset = Dataset(inputs: [])
        dataset.records = records
        let spec = try TestSupport.spec("""
        {"version": 1, "name": "t", "input": {"paths": ["/"]},
         "stages": [{"op": "extract"}, {"op": "normalize"}, {"op": "dedup-title"}, {"op": "write"}]}
        """)
        DedupTitle(parameters: ParameterValues([:]), spec: spec)
            .prepare(&dataset, context: RunContext(spec: spec, executor: ParallelExecutor(jobs: jobs), dryRun: true, chunkSize: 2))
        let keys = dataset.records.map(PaperKey.init)
        let plan = DedupTitle.plan(keys)
        var papers: [[PaperRecord]] = Array(repeating: [], count: plan.paperCount)
        for record in plan.releaseOrder(keys) { papers[Int(plan.paperOfRecord[Int(record)])].append(dataset.records[Int(record)]) }
        dataset.records = papers.map(DedupTitle.merge)
        dataset.counters.merge(plan.counters)
        return dataset
    }

    @Test func sameArxivIDIsOnePaperEvenWithDifferentTitles() throws {
        let dataset = try Self.run([
            Self.record("Attention Is All You Need", path: "a", arxiv: "1706.03762"),
            Self.record("Attention is all you need (v2)", path: "b", arxiv: "1706.03762"),
        ])
        #expect(dataset.records.count == 1)
        #expect(dataset.records.first?.id == "arxiv:1706.03762")
        #expect(dataset.counters["title_variants"] == 1)
        #expect(dataset.counters["duplicates_merged"] == 1)
    }

    @Test func aRecordWithoutAnIDJoinsTheSmallestArxivIDThatSharesItsTitle() throws {
        let dataset = try Self.run([
            Self.record("Shared Title", path: "a", arxiv: "2401.00002"),
            Self.record("Shared Title", path: "b", arxiv: "2401.00001"),
            Self.record("shared title!", path: "c"),
        ])
        #expect(dataset.records.count == 2)
        let joined = dataset.records.first { $0.arxivID == "2401.00001" }
        #expect(joined?.sources.map(\.path) == ["b", "c"])
        #expect(dataset.counters["title_collisions"] == 1)
        #expect(dataset.records.first { $0.arxivID == "2401.00002" }?.sources.map(\.path) == ["a"])
    }

    @Test func recordsWithoutIDsThatShareATitleHashAreOnePaper() throws {
        let dataset = try Self.run([
            Self.record("Café: A Naïve Approach", path: "x", index: 3),
            Self.record("Cafe: a naive approach", path: "w", index: 1),
            Self.record("Another Paper", path: "x", index: 4),
        ])
        #expect(dataset.records.count == 2)
        let merged = dataset.records.first { $0.sources.count == 2 }
        #expect(merged?.sources == [SourceRef(path: "w", format: "f", index: 1), SourceRef(path: "x", format: "f", index: 3)])
        #expect(merged?.title == "Cafe: a naive approach")
        #expect(merged?.id == "title:" + String(TitleKey.hash(ofKey: "cafe a naive approach").prefix(16)))
    }

    @Test func groupingDoesNotDependOnInputOrderOrJobs() throws {
        let records = (0..<40).map { Self.record("Paper \($0 % 13)", path: "p\($0 % 5)", index: $0, arxiv: $0 % 3 == 0 ? "2401.000\($0 % 13)" : nil) }
        let forward = try Self.run(records, jobs: 1).records.map(RecordEncoder.line).sorted { $0.lexicographicallyPrecedes($1) }
        let backward = try Self.run(records.reversed(), jobs: 2).records.map(RecordEncoder.line).sorted { $0.lexicographicallyPrecedes($1) }
        #expect(forward == backward)
    }

    @Test func symbolOnlyTitlesAreMissingTitleRejects() throws {
        let dataset = try Self.run([Self.record("..."), Self.record("Real Title", index: 1)])
        #expect(dataset.records.map(\.title) == ["Real Title"])
        #expect(dataset.rejects.map(\.reason) == [.missingTitle])
        #expect(dataset.rejects.map(\.location.description) == ["a.txt:1"])
    }

    @Test func mergeTableFieldByField() {
        var atom = Self.record("Atom Title", path: "z-atom.xml", rank: .arxivAtom, arxiv: "2401.00001")
        atom.arxivVersion = 2
        atom.authors = ["A. Author", "B. Author"]
        atom.publishedDate = PartialDate(year: 2024, month: 1, day: 2)
        atom.arxivCategories = ["cs.CL", "cs.LG"]
        atom.arxivComment = "12 pages"
        var daily = Self.record("Daily Title", path: "b-daily.html", rank: .hfDailyJSON, arxiv: "2401.00001")
        daily.arxivVersion = 3
        daily.abstract = "Daily abstract."
        daily.authors = ["Only One"]
        daily.organization = "Org"
        daily.listingDate = PartialDate(year: 2024, month: 1, day: 5)
        daily.upvotes = 10
        daily.comments = 1
        daily.doi = "10.1/x"
        var text = Self.record("Text Title", path: "a-dump.txt", rank: .hfText)
        text.abstract = "Text abstract."
        text.printedAuthorsCount = 5
        text.listingDate = PartialDate(year: 2024, month: 1, day: 3)
        text.upvotes = 4
        text.comments = 9
        text.journalRef = "ACL 2024"
        text.arxivID = "2401.00001"

        let merged = DedupTitle.merge([text, daily, atom])
        #expect(merged.title == "Atom Title")
        #expect(merged.titleHash == atom.titleHash)
        #expect(merged.arxivID == "2401.00001")
        #expect(merged.arxivVersion == 3)
        #expect(merged.abstract == "Daily abstract.")
        #expect(merged.authors == ["A. Author", "B. Author"])
        #expect(merged.printedAuthorsCount == 5)
        #expect(merged.authorsCount == 5)
        #expect(merged.organization == "Org")
        #expect(merged.publishedDate == PartialDate(year: 2024, month: 1, day: 2))
        #expect(merged.listingDate == PartialDate(year: 2024, month: 1, day: 3))
        #expect(merged.upvotes == 10)
        #expect(merged.comments == 9)
        #expect(merged.arxivCategories == ["cs.CL", "cs.LG"])
        #expect(merged.arxivComment == "12 pages")
        #expect(merged.doi == "10.1/x")
        #expect(merged.journalRef == "ACL 2024")
        #expect(merged.sources.map(\.path) == ["a-dump.txt", "b-daily.html", "z-atom.xml"])
        #expect(merged.rank == .arxivAtom)
    }

    @Test func tiesInPriorityGoBySourcePathThenIndex() {
        var first = Self.record("Title From B", path: "b.txt", index: 0)
        first.abstract = "From b."
        var second = Self.record("Title From A", path: "a.txt", index: 7)
        second.abstract = nil
        var third = Self.record("Title From A Earlier", path: "a.txt", index: 2)
        third.abstract = "From a, index 2."
        let merged = DedupTitle.merge([first, second, third])
        #expect(merged.title == "Title From A Earlier")
        #expect(merged.abstract == "From a, index 2.")
    }

    @Test func authorsCountFallsBackToTheNamesShown() {
        var record = Self.record("T")
        #expect(record.authorsCount == nil)
        record.authors = ["A", "B", "C"]
        #expect(record.authorsCount == 3)
        record.printedAuthorsCount = 533
        #expect(record.authorsCount == 533)
    }
}
