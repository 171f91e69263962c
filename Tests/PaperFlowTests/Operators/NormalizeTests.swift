import Testing
@testable import PaperFlow

@Suite("normalize")
struct NormalizeTests {
    static func record(_ title: String) -> PaperRecord {
        PaperRecord(title: title, source: SourceRef(path: "d.txt", format: "hf-text", index: 0), rank: .hfText, location: .line("d.txt", 3))
    }

    static func kept(_ record: PaperRecord) -> (PaperRecord, Counters)? {
        var record = record
        var counters = Counters()
        return Normalize.normalize(&record, counters: &counters) == nil ? (record, counters) : nil
    }

    @Test func textFieldsFollowTheFieldRules() throws {
        var input = Self.record("  Caf\u{65}\u{301}:\u{2028}A   &quot;Na&iuml;ve&quot; Approach ")
        input.abstract = "  "
        input.authors = ["D&#39;Mello", " ", "Ann\u{0085}Lee"]
        input.organization = "Seoul&nbsp;National University"
        input.doi = "https://doi.org/10.1000/XYZ"
        input.arxivCategories = ["cs.CL", " cs.CL ", "cs.LG"]
        let (record, _) = try #require(Self.kept(input))
        #expect(record.title == "Café: A \"Naïve\" Approach")
        #expect(record.abstract == nil)
        #expect(record.authors == ["D'Mello", "Ann Lee"])
        #expect(record.organization == "Seoul National University")
        #expect(record.doi == "10.1000/XYZ")
        #expect(record.arxivCategories == ["cs.CL", "cs.LG"])
    }

    @Test func texAndMarkdownAreKeptAsWritten() throws {
        let (record, _) = try #require(Self.kept(Self.record(#"T\"ULU 3: **Open** $\alpha$-Tuning \%"#)))
        #expect(record.title == #"T\"ULU 3: **Open** $\alpha$-Tuning \%"#)
    }

    @Test func yearlessDatesTakeTheSnapshotYear() throws {
        var input = Self.record("T")
        input.publishedDate = DateText.parse("Dec 2")
        input.listingDate = DateText.parse("Jun 2")
        input.referenceDay = Day(year: 2025, month: 11, day: 6)
        let (record, counters) = try #require(Self.kept(input))
        #expect(record.publishedDate?.resolved(snapshot: nil)?.description == "2024-12-02")
        #expect(record.listingDate?.resolved(snapshot: nil)?.description == "2025-06-02")
        #expect(counters["date_year_unknown"] == 0)
    }

    @Test func yearlessDatesWithoutAReferenceDayAreNullAndCounted() throws {
        var input = Self.record("T")
        input.publishedDate = DateText.parse("Jul 16")
        let (record, counters) = try #require(Self.kept(input))
        #expect(record.publishedDate == nil)
        #expect(counters["date_year_unknown"] == 1)
    }

    @Test func anEmptyTitleIsAMissingTitleReject() {
        var record = Self.record(" \u{2029} ")
        var counters = Counters()
        guard let reject = Normalize.normalize(&record, counters: &counters) else {
            Issue.record("an empty title must be rejected")
            return
        }
        #expect(reject.reason == .missingTitle)
        #expect(reject.location.description == "d.txt:3")
    }

    @Test(arguments: [1, 3])
    func aBatchKeepsItsRecordsInOrderAndDropsTheEmptyTitlesWithRejects(jobs: Int) throws {
        var dataset = Dataset(inputs: [])
        dataset.records = (0..<11).map { index in
            var record = Self.record(index % 4 == 1 ? " " : "  Title \(index) ")
            record.location = .line("d.txt", index + 1)
            return record
        }
        let spec = try TestSupport.spec(#"{"version":1,"name":"n","input":{"paths":["."]},"stages":[{"op":"extract"},{"op":"normalize"},{"op":"dedup-title"},{"op":"write"}]}"#)
        let context = RunContext(spec: spec, executor: ParallelExecutor(jobs: jobs), dryRun: true, chunkSize: 2)
        try Normalize(parameters: ParameterValues([:]), spec: spec).run(&dataset, context: context)
        #expect(dataset.records.map(\.title) == [0, 2, 3, 4, 6, 7, 8, 10].map { "Title \($0)" })
        #expect(dataset.rejects.map(\.location.description) == ["d.txt:2", "d.txt:6", "d.txt:10"])
        #expect(dataset.rejects.allSatisfy { $0.reason == .missingTitle })
    }
}
