import Foundation
import Testing
@testable import PaperFlow

@Suite("hf-search-html")
struct HFSearchHTMLTests {
    static let format = "hf-search-html"

    static func page() throws -> String {
        try FormatFixtureFiles.text(format, "search.html")
    }

    static func extract(_ text: String, snapshot: Day? = nil) -> Extraction {
        HFSearchHTML.extract(LoadedInput(bytes: Array(text.utf8), path: "search.html", snapshotDay: snapshot))
    }

    /// `search.html:<byte>` of the start of the line holding the `occurrence`-th (from 0) `needle`.
    static func location(of needle: String, occurrence: Int = 0, in text: String) -> String {
        var searchStart = text.startIndex
        var found = text.startIndex
        for _ in 0...occurrence {
            guard let range = text.range(of: needle, range: searchStart..<text.endIndex) else { return "not found" }
            found = range.lowerBound
            searchStart = range.upperBound
        }
        let lineStart = text[..<found].lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        return "search.html:\(text.utf8.distance(from: text.startIndex, to: lineStart))"
    }

    @Test func everyCardIsReadWhole() throws {
        let page = try Self.page()
        let result = Self.extract(page)
        #expect(result.rejects.isEmpty)
        let expected = try FormatFixtureFiles.text(Self.format, "expected-search.jsonl")
        #expect(FormatFixtureFiles.releaseLines(result.records) == expected)
        #expect(result.records.map(\.rank) == Array(repeating: .hfSearch, count: 4))
        #expect(result.records.map(\.location.description) == (0..<4).map { Self.location(of: "<article", occurrence: $0, in: page) })
    }

    @Test func yearlessDatesTakeTheSnapshotYearElseThePageDay() throws {
        let page = try Self.page()
        let fromPage = Self.extract(page).records[1]
        #expect(fromPage.publishedDate == PartialDate(year: nil, month: 7, day: 6))
        #expect(fromPage.referenceDay == Day(year: 2025, month: 11, day: 6))
        let snapshot = Day(year: 2026, month: 3, day: 1)
        let fromSnapshot = Self.extract(page, snapshot: snapshot).records
        #expect(fromSnapshot.allSatisfy { $0.referenceDay == snapshot })
        let withoutWidget = page.replacingOccurrences(of: "datetime=\"2025-11-06T00:00:00.000Z\"", with: "")
        #expect(Self.extract(withoutWidget).records.allSatisfy { $0.referenceDay == nil })
    }

    @Test func recognisesSearchPagesOnly() throws {
        let page = try Self.page()
        #expect(HFSearchHTML.recognizes(FormatFixtureFiles.head(page)))
        #expect(FormatRegistry.sniff(FormatFixtureFiles.head(page))?.name == HFSearchHTML.name)
        let dailyShell = page.replacingOccurrences(of: "<title>Papers - Hugging Face</title>", with: "<title>Daily Papers - Hugging Face</title>")
            .replacingOccurrences(of: "text-black\">", with: "text-black DailyPapersPage\">")
        #expect(HFSearchHTML.recognizes(FormatFixtureFiles.head(dailyShell)))
        #expect(FormatRegistry.sniff(FormatFixtureFiles.head(dailyShell))?.name == HFSearchHTML.name,
                "a search page that carries the daily page shell is still a search page: its cards hold abstracts")
        let island = #"<div class="SVELTE_HYDRATER contents" data-target="DailyPapers" data-props="{&quot;searchResults&quot;:[]}">"#
        let withSearchIsland = page.replacingOccurrences(of: "<section class=\"container relative mb-20 mt-8\">", with: island + "<section>")
        #expect(HFSearchHTML.recognizes(FormatFixtureFiles.head(withSearchIsland)))
        let dailyIsland = island.replacingOccurrences(of: "searchResults", with: "dailyPapers")
        let daily = page.replacingOccurrences(of: "<section class=\"container relative mb-20 mt-8\">", with: dailyIsland + "<section>")
        #expect(!HFSearchHTML.recognizes(FormatFixtureFiles.head(daily)))
        let paperPage = try FormatFixtureFiles.text(HFPaperHTMLTests.format, "paper.html")
        #expect(!HFSearchHTML.recognizes(FormatFixtureFiles.head(paperPage)))
        #expect(!HFSearchHTML.recognizes(FormatFixtureFiles.head(HFPaperHTMLTests.unrelatedPage)))
        #expect(FormatRegistry.sniff(FormatFixtureFiles.head(HFPaperHTMLTests.unrelatedPage)) == nil)
        #expect(!HFSearchHTML.recognizes(FormatFixtureFiles.head(HFTextTests.chrome + "A Title\n")))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: TestSupport.shared.appendingPathComponent("fixtures/real").path),
                   "../shared/fixtures/real is absent: real pages are not checked against the HF search and paper sniffers"))
    func noRealPageOfAnotherFormatIsTakenForASearchOrPaperPage() throws {
        let real = TestSupport.shared.appendingPathComponent("fixtures/real")
        for name in try FileManager.default.contentsOfDirectory(atPath: real.path) where !name.hasSuffix(".md") {
            let head = Array(try Data(contentsOf: real.appendingPathComponent(name))).prefix(ContentScreen.headLength)
            #expect(!HFSearchHTML.recognizes(head), "\(name)")
            #expect(!HFPaperHTML.recognizes(head), "\(name)")
            #expect(!RecordsJSONL.recognizes(head), "\(name)")
        }
    }

    @Test func aCardWithoutATitleIsAMissingTitleRejectAndKeepsItsIndex() throws {
        let page = try Self.page()
        let title = #"<a href="/papers/2507.04412" class="line-clamp-3 cursor-pointer text-balance">Adapter Routing under Distribution Shift:A Study</a>"#
        let withoutTitle = page.replacingOccurrences(of: "<h3 class=\"mb-1 text-lg/6 font-semibold\">\n" + title + "</h3>", with: "")
        #expect(withoutTitle != page)
        let result = Self.extract(withoutTitle)
        #expect(result.records.map { $0.sources[0].index } == [0, 2, 3])
        #expect(result.records.map(\.arxivID) == ["2401.00101", "2312.09999", "2402.01234"])
        #expect(result.rejects.map(\.reason) == [.missingTitle])
        #expect(result.rejects.map(\.location.description) == [Self.location(of: "<article", occurrence: 1, in: withoutTitle)])
        let emptyTitle = page.replacingOccurrences(of: ">Adapter Routing under Distribution Shift:A Study<", with: "> <")
        #expect(Self.extract(emptyTitle).rejects.map(\.reason) == [.missingTitle])
    }

    @Test func cardsWithoutAnyTitleAreOneLayoutChange() throws {
        let page = try Self.page()
        let retitled = page.replacingOccurrences(of: "<h3", with: "<h2").replacingOccurrences(of: "</h3>", with: "</h2>")
        let result = Self.extract(retitled)
        #expect(result.records.isEmpty)
        #expect(result.rejects.map(\.reason) == [.layoutChanged])
    }

    @Test func aPageWhoseCardsCannotBeFoundIsOneLayoutChange() throws {
        let page = try Self.page()
        let start = try #require(page.range(of: "<div class=\"relative grid")?.lowerBound)
        let end = try #require(page.range(of: "</section>")?.lowerBound)
        var withoutCards = page
        withoutCards.replaceSubrange(start..<end, with: #"<div class="grid"><!-- <article> cards render here --><div class="card"><h3>x</h3></div></div>"#)
        #expect(HFSearchHTML.recognizes(FormatFixtureFiles.head(withoutCards)))
        let result = Self.extract(withoutCards)
        #expect(result.records.isEmpty)
        #expect(result.rejects.map(\.reason) == [.layoutChanged])
        #expect(result.rejects.map(\.location.description) == ["search.html"])
    }

    @Test func aPageCutInsideACardKeepsTheCardsBefore() throws {
        let page = try Self.page()
        let cut = String(page[..<(try #require(page.range(of: "One Adapter Is All You Need")).upperBound)])
        let result = Self.extract(cut)
        #expect(result.records.map(\.arxivID) == ["2401.00101", "2507.04412"])
        #expect(result.rejects.map(\.reason) == [.truncated])
        #expect(result.rejects.map(\.location.description) == [Self.location(of: "<article", occurrence: 2, in: page)])
        let midTag = String(page[..<(try #require(page.range(of: "<a href=\"/papers/2312.09999#comm")).upperBound)])
        #expect(Self.extract(midTag).records.count == 2)
    }

    @Test func aPageCutAfterItsLastCardKeepsEveryCard() throws {
        let page = try Self.page()
        let cut = String(page[..<(try #require(page.range(of: "<footer")).lowerBound)])
        let result = Self.extract(cut)
        #expect(result.records.count == 4)
        #expect(result.rejects.map(\.reason) == [.truncated])
        #expect(result.rejects.map(\.location.description) == ["search.html:\(cut.utf8.count)"])
        let beforeCards = String(page[..<(try #require(page.range(of: "<div class=\"relative grid")).lowerBound)])
        #expect(Self.extract(beforeCards).rejects.map(\.reason) == [.truncated])
    }

    @Test func cardsTheParserCannotReachAreATruncatedRejectNotASilentLoss() throws {
        let page = try Self.page()
        let depth = 200_000
        let deep = String(repeating: "<div>", count: depth) + "Jan 3, 2024" + String(repeating: "</div>", count: depth)
        let nested = page.replacingOccurrences(of: "<div class=\"text-sm text-gray-500\">Dec 15, 2023</div>", with: deep)
        let result = Self.extract(nested)
        #expect(result.records.map(\.arxivID) == ["2401.00101", "2507.04412"])
        #expect(result.rejects.map(\.reason) == [.truncated])
        #expect(result.rejects.map(\.location.description) == [Self.location(of: "<article", occurrence: 2, in: nested)])
        #expect(result.rejects.first?.detail.contains("Excessive depth") == true)
        let brokenQuote = page.replacingOccurrences(of: "<div class=\"leading-none\">7</div>", with: "<div class=\"leading-none>7</div>")
        let broken = Self.extract(brokenQuote)
        #expect(broken.records.count + broken.rejects.count == 3)
        #expect(broken.rejects.map(\.reason) == [.truncated])
    }

    @Test func tagCountsFindStartAndEndTagsOnly() {
        let bytes = Array("<ARTICLE class=x><articles></Article><article>\n<article/></article ></artic".utf8)
        #expect(HTMLCutOff.tagCounts("article", in: bytes) == (3, 2))
    }

    @Test func throughExtractAGzipPageIsSniffedAndInvalidUTF8RejectsOnlyItsCard() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        var bytes = Array(try Self.page().utf8)
        let title = try #require(bytes.firstRange(of: Array("Adapter Routing".utf8)))
        bytes.insert(0xFF, at: title.upperBound)
        let gzip = try Gzip.compress(bytes, executor: ParallelExecutor(jobs: 1))
        try Data(gzip).write(to: root.appendingPathComponent("search.html.gz"))
        let spec = try TestSupport.spec("""
        {"version": 1, "name": "t", "input": {"paths": ["."]}, "stages": [{"op": "extract"}, {"op": "normalize"}, {"op": "dedup-title"}, {"op": "write"}]}
        """, directory: root.path)
        let extract = try Extract(parameters: ParameterValues(["dom_cross_check": .boolean(false)]), spec: spec)
        let outcome = extract.read(InputFile(
            fullPath: root.appendingPathComponent("search.html.gz").path, displayPath: "search.html.gz", size: gzip.count, snapshotDay: nil))
        #expect(outcome.format == HFSearchHTML.name)
        #expect(outcome.extraction.records.map(\.arxivID) == ["2401.00101", "2312.09999", "2402.01234"])
        #expect(outcome.extraction.rejects.map(\.reason) == [.invalidUTF8])
        #expect(outcome.extraction.rejects.map(\.location.description) == ["search.html.gz:\(Self.location(of: "<article", occurrence: 1, in: try Self.page()).dropFirst("search.html:".count))"])
    }
}
