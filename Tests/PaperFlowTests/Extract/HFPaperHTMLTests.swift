import Foundation
import Testing
@testable import PaperFlow

@Suite("hf-paper-html")
struct HFPaperHTMLTests {
    static let format = "hf-paper-html"

    /// A page of another site that mentions Hugging Face, a paper, `arxiv:` and `Published on`.
    static let unrelatedPage = """
    <!doctype html><html><head><title>My reading list</title></head><body>
    <h1>Papers I liked</h1><p>Published on my blog. Found via huggingface, see arxiv:2310.00726.</p>
    <article><h3><a href="https://example.org/papers/1">A paper</a></h3><p>Why it matters.</p></article>
    </body></html>
    """

    static func page() throws -> String {
        try FormatFixtureFiles.text(format, "paper.html")
    }

    static func extract(_ text: String, snapshot: Day? = nil) -> Extraction {
        HFPaperHTML.extract(LoadedInput(bytes: Array(text.utf8), path: "paper.html", snapshotDay: snapshot))
    }

    static func replacing(_ page: String, _ old: String, _ new: String) throws -> String {
        let changed = page.replacingOccurrences(of: old, with: new)
        try #require(changed != page, "\(old) is not in the page")
        return changed
    }

    @Test func thePaperIsReadWhole() throws {
        let page = try Self.page()
        let result = Self.extract(page)
        #expect(result.rejects.isEmpty)
        #expect(FormatFixtureFiles.releaseLines(result.records) == (try FormatFixtureFiles.text(Self.format, "expected-paper.jsonl")))
        let record = try #require(result.records.first)
        #expect(record.authors == ["Alice Martin", "Bongani Dlamini", "Chloé D'Souza", "Dmitri Volkov"])
        #expect(record.rank == .hfPaperPage)
        #expect(record.sources == [SourceRef(path: "paper.html", format: "hf-paper-html", index: 0)])
        let h1Line = try #require(page.range(of: "<h1")).lowerBound
        let lineStart = page[..<h1Line].lastIndex(of: "\n").map { page.index(after: $0) } ?? page.startIndex
        #expect(record.location.description == "paper.html:\(page.utf8.distance(from: page.startIndex, to: lineStart))")
    }

    @Test func recognisesPaperPagesOnly() throws {
        let page = try Self.page()
        #expect(HFPaperHTML.recognizes(FormatFixtureFiles.head(page)))
        #expect(FormatRegistry.sniff(FormatFixtureFiles.head(page))?.name == HFPaperHTML.name)
        #expect(!HFPaperHTML.recognizes(FormatFixtureFiles.head(try HFSearchHTMLTests.page())))
        #expect(!HFPaperHTML.recognizes(FormatFixtureFiles.head(Self.unrelatedPage)))
        #expect(!HFPaperHTML.recognizes(FormatFixtureFiles.head(HFTextTests.chrome + "Published on Oct 1, 2023\narxiv:2310.00726\n")))
    }

    @Test func aYearlessDateWaitsForTheSnapshotYear() throws {
        let yearless = try Self.replacing(try Self.page(), "Published on May 2, 2024", "Published on Jun 2")
        let snapshot = Day(year: 2025, month: 11, day: 6)
        let record = try #require(Self.extract(yearless, snapshot: snapshot).records.first)
        #expect(record.publishedDate == PartialDate(year: nil, month: 6, day: 2))
        #expect(record.referenceDay == snapshot)
        #expect(FormatFixtureFiles.releaseLines([record]).contains(#""published_date":"2025-06-02""#))
    }

    @Test func theArxivIDComesFromTheChipElseTheArxivLinkElseThePageURL() throws {
        let page = try Self.page()
        let versioned = try Self.replacing(page, "<span>arxiv:2405.01234</span>", "<span>arXiv:2405.01234v3</span>")
        #expect(Self.extract(versioned).records.first.map { [$0.arxivID, $0.arxivVersion.map(String.init)] } == ["2405.01234", "3"])
        let withoutChip = try Self.replacing(page, "<span>arxiv:2405.01234</span>", "<span>View on arXiv</span>")
            .replacingOccurrences(of: "https://arxiv.org/abs/2405.01234", with: "https://arxiv.org/abs/2405.01235")
        #expect(Self.extract(withoutChip).records.first?.arxivID == "2405.01235")
        let onlyURL = try Self.replacing(withoutChip, "https://arxiv.org/abs/2405.01235", "/papers")
        #expect(Self.extract(onlyURL).records.first?.arxivID == "2405.01234")
        #expect(Self.extract(onlyURL).records.first?.arxivVersion == nil)
    }

    @Test func authorsGivenAsPlainTextAreSplitAtCommas() throws {
        let page = try Self.page()
        let start = try #require(page.range(of: "<div class=\"mr-1 text-gray-400\">Authors:</div>")).lowerBound
        let end = try #require(page.range(of: "Dmitri Volkov</a></span>")).upperBound
        var plain = page
        plain.replaceSubrange(start..<end, with: "Authors: Ana Silva, Bo Chen,\n Carla Ruiz")
        #expect(Self.extract(plain).records.first?.authors == ["Ana Silva", "Bo Chen", "Carla Ruiz"])
        let none = try Self.replacing(page, "Authors:", "Contributors:")
        #expect(Self.extract(none).records.first?.authors == [])
    }

    @Test func aPageWithoutAnH1IsALayoutChange() throws {
        let page = try Self.page()
        let withoutH1 = try Self.replacing(page, "<h1 class", "<div class").replacingOccurrences(of: "</h1>", with: "</div>")
        let result = Self.extract(withoutH1)
        #expect(result.records.isEmpty)
        #expect(result.rejects.map(\.reason) == [.layoutChanged])
        #expect(result.rejects.map(\.location.description) == ["paper.html"])
    }

    @Test func anEmptyH1IsAMissingTitle() throws {
        let page = try Self.page()
        let start = try #require(page.range(of: "Sparse Routing &amp; Shared Adapters\n")).lowerBound
        let end = try #require(page.range(of: "for Multilingual Speech</h1>")).upperBound
        var empty = page
        empty.replaceSubrange(start..<end, with: " </h1>")
        let result = Self.extract(empty)
        #expect(result.records.isEmpty)
        #expect(result.rejects.map(\.reason) == [.missingTitle])
    }

    @Test func aPageCutOffKeepsThePaperOnlyWhenItsAbstractIsWhole() throws {
        let page = try Self.page()
        let afterAbstract = String(page[..<(try #require(page.range(of: "<h2 class=\"mb-2 text-lg font-semibold\">Community")).lowerBound)])
        let kept = Self.extract(afterAbstract)
        #expect(kept.records.count == 1)
        #expect(kept.records.first?.abstract?.hasSuffix("\\url{https://example.org/sra}.") == true)
        #expect(kept.rejects.map(\.reason) == [.truncated])
        #expect(kept.rejects.map(\.location.description) == ["paper.html:\(afterAbstract.utf8.count)"])
        let inAbstract = String(page[..<(try #require(page.range(of: "On 40 languages")).upperBound)])
        let cut = Self.extract(inAbstract)
        #expect(cut.records.isEmpty)
        #expect(cut.rejects.map(\.reason) == [.truncated])
        let beforeTitle = String(page[..<(try #require(page.range(of: "<h1")).lowerBound)])
        #expect(Self.extract(beforeTitle).rejects.map(\.reason) == [.truncated])
    }

    @Test func nestingTooDeepForTheParserIsATruncatedPage() throws {
        let depth = 200_000
        let deep = String(repeating: "<span>", count: depth) + "x" + String(repeating: "</span>", count: depth)
        let nested = try Self.replacing(try Self.page(), "<div class=\"mr-1 text-gray-400\">Authors:</div>", "<div>Authors:</div>" + deep)
        let result = Self.extract(nested)
        #expect(result.records.isEmpty)
        #expect(result.rejects.map(\.reason) == [.truncated])
    }
}
