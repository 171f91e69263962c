import Foundation
import Testing
@testable import PaperFlow

@Suite("arxiv-list-html listings")
struct ArxivListHTMLTests {
    static let fixtures = TestSupport.fixture("formats/arxiv-list-html")
    static let realName = "arxiv_list_recent_cs.AI+cs.LG_2026-05-21.txt"
    static let realPage = TestSupport.shared.appendingPathComponent("fixtures/real").appendingPathComponent(realName)

    static func text(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    static func extract(_ text: String, path: String = "list.html") -> Extraction {
        ArxivListHTML.extract(LoadedInput(bytes: Array(text.utf8), path: path, snapshotDay: nil))
    }

    static func days(_ records: [PaperRecord]) -> [String?] {
        records.map { $0.listingDate?.resolved(snapshot: nil)?.description }
    }

    static func byteOffset(ofLineContaining needle: String, occurrence: Int = 1, in text: String) -> Int {
        ArxivAtomTests.byteOffset(ofLineContaining: needle, occurrence: occurrence, in: text)
    }

    /// A current-layout `/recent` page around `entries` (dt/dd pairs), with the paging and footer after the list.
    static func recentPage(_ entries: String, heading: String = "Thu, 21 May 2026 (showing 2 of 2 entries )") -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head><title>Artificial Intelligence</title></head>
        <body>
        <div id='dlpage'>
          <h1>Artificial Intelligence</h1>
          <dl id='articles'>
            <h3>\(heading)</h3>
        \(entries)
          </dl>
          <div class='paging'>Total of 2 entries</div>
        </div>
        <footer><a href="https://info.arxiv.org/about">About</a></footer>
        </body>
        </html>

        """
    }

    static func entry(_ id: String, title: String? = "A Title", authors: String = "<a href=\"/a\">Ada Lovelace</a>") -> String {
        """
            <dt>
              <a name='item1'>[1]</a>
              <a href ="/abs/\(id)" title="Abstract" id="\(id)">
                arXiv:\(id)
              </a>
            </dt>
            <dd>
              <div class='meta'>
        \(title.map { "        <div class='list-title mathjax'><span class='descriptor'>Title:</span>\n          \($0)\n        </div>\n" } ?? "")        <div class='list-authors'>\(authors)</div>
                <div class='list-subjects'><span class='descriptor'>Subjects:</span>
                  <span class="primary-subject">Artificial Intelligence (cs.AI)</span>
                </div>
              </div>
            </dd>
        """
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: realPage.path),
                   "../shared/fixtures/real is absent beside the repository: the real arXiv listing is not checked"))
    func theRealFileGivesEveryPaperOfBothDocuments() throws {
        let bytes = Array(try Data(contentsOf: Self.realPage))
        #expect(FormatRegistry.sniff(bytes.prefix(ContentScreen.headLength)).map { $0.name } == "arxiv-list-html")
        let ranges = ArxivListHTML.documentRanges(bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        let secondDoctype = Self.byteOffset(ofLineContaining: "<!DOCTYPE html>", occurrence: 2, in: text)
        #expect(ranges == [0..<secondDoctype, secondDoctype..<bytes.count])
        let extraction = ArxivListHTML.extract(LoadedInput(bytes: bytes, path: Self.realName, snapshotDay: nil))
        #expect(extraction.rejects.isEmpty, "\(extraction.rejects)")
        #expect(extraction.records.count == 100)
        #expect(Set(extraction.records.compactMap(\.arxivID)).count == 92)
        #expect(extraction.records.map { $0.sources[0].index } == Array(0..<100))
        #expect(extraction.records[50].location.description
                == "\(Self.realName):\(Self.byteOffset(ofLineContaining: "<dt>", occurrence: 51, in: text))")
        let expected = try Self.text("expected-arxiv_list_recent_cs.AI+cs.LG_2026-05-21.jsonl")
        #expect(ArxivAtomTests.canonicalLines(extraction.records) == expected)
    }

    @Test func theCurrentNewPageHasThreeSections() throws {
        let text = try Self.text("new-current.html")
        #expect(ArxivListHTML.recognizes(Array(text.utf8)[...]))
        let extraction = Self.extract(text, path: "new.html")
        #expect(extraction.rejects.isEmpty)
        let records = extraction.records
        #expect(records.map(\.arxivID) == ["2307.00101", "2307.00102", "2307.00095", "2306.01234", "cs/9901001"])
        #expect(records.allSatisfy { $0.arxivVersion == nil && $0.publishedDate == nil && $0.rank == .arxivListing })
        #expect(Self.days(records) == ["2023-07-03", "2023-07-03", "2023-07-03", nil, nil])
        #expect(records[0].title == #"Sparse $\alpha$-Attention for Long Documents & Code"#)
        #expect(records[0].authors == ["Chidi Okafor", "Maja Lindqvist (Uppsala University, Sweden)", "João Ferreira"])
        #expect(records[0].arxivComment == "12 pages, 4 figures. Code: this https URL")
        #expect(records[0].arxivCategories == ["cs.CL", "cs.LG"])
        let abstract = try #require(records[0].abstract.map(TextNormalizer.normalize))
        #expect(abstract == #"We study sparse attention patterns whose sparsity is set by a learned exponent $\alpha$. On long documents and source code the method matches dense attention. It runs in linear memory."#)
        #expect(records[1].authors.isEmpty)
        #expect(records[1].authorsCount == nil)
        #expect(records[1].journalRef == "Proceedings of the Workshop on Field Linguistics, pp. 1-9, 2023")
        #expect(records[2].arxivCategories == ["cs.LG", "cs.CL", "cs.IR"])
        #expect(records[3].arxivComment == "v2: added experiments on code")
        #expect(records[4].arxivCategories == ["cs.CL", "cs.FL"])
        #expect(records.allSatisfy { $0.abstract != nil })
        #expect(records.map(\.sources) == (0..<5).map { [SourceRef(path: "new.html", format: "arxiv-list-html", index: $0)] })
        #expect(records.map(\.location.description) == (1...5).map {
            "new.html:\(Self.byteOffset(ofLineContaining: "<dt>", occurrence: $0, in: text))"
        })
    }

    @Test func theLegacyNewPageWithSectionHeadingsOutsideItsLists() throws {
        let text = try Self.text("new-legacy.html")
        #expect(ArxivListHTML.recognizes(Array(text.utf8)[...]))
        let extraction = Self.extract(text)
        #expect(extraction.rejects.isEmpty)
        let records = extraction.records
        #expect(records.map(\.arxivID) == ["2411.14001", "2411.14002", "2411.13990", "2409.01234"])
        #expect(Self.days(records) == ["2024-11-22", "2024-11-22", "2024-11-22", nil])
        #expect(records.map(\.title) == ["Planning with Learned Heuristics in Sokoban-like Domains",
                                         "Agents that Ask: Clarification Questions in Tool Use",
                                         "Language-Conditioned Grasping with Few Demonstrations", "Reward Models Disagree: An Audit"])
        #expect(records[0].authors == ["Tomas Keller", "Siobhán O'Neill"])
        #expect(records[0].arxivComment == "9 pages, AAAI 2025 workshop")
        #expect(records[1].journalRef == "Trans. Mach. Learn. Res. 2024")
        #expect(records[2].arxivCategories == ["cs.RO", "cs.AI"])
        #expect(records[0].abstract.map(TextNormalizer.normalize)
                == "We learn heuristics for grid puzzles from solved instances and plan with them. The learned heuristics expand fewer nodes than hand-written ones.")
    }

    @Test func theLegacyRecentPageDatesEachDay() throws {
        let text = try Self.text("recent-legacy.html")
        #expect(ArxivListHTML.recognizes(Array(text.utf8)[...]))
        let extraction = Self.extract(text)
        #expect(extraction.rejects.isEmpty)
        let records = extraction.records
        #expect(records.map(\.arxivID) == ["2411.14010", "2411.13950", "2411.13001"])
        #expect(Self.days(records) == ["2024-11-22", "2024-11-22", "2024-11-21"])
        #expect(records[0].authors == ["Ivan Petrov", "Lucía García"])
        #expect(records[1].title == "Self-Supervised Depth from\n  Monocular Video at Night")
        #expect(records[1].arxivCategories == ["cs.CV", "cs.LG"])
        #expect(records[2].authors.count == 3)
        #expect(records.allSatisfy { $0.abstract == nil })
    }

    @Test func concatenatedDocumentsAreAllReadAndIndexedThroughTheFile() throws {
        let first = try Self.text("new-legacy.html")
        let second = try Self.text("recent-legacy.html")
        let text = "cs.AI\n" + first.dropLast() + "cs.LG\n" + second
        let extraction = Self.extract(text, path: "both.txt")
        #expect(extraction.rejects.isEmpty)
        #expect(extraction.records.map(\.arxivID) == ["2411.14001", "2411.14002", "2411.13990", "2409.01234",
                                                      "2411.14010", "2411.13950", "2411.13001"])
        #expect(extraction.records.map { $0.sources[0].index } == Array(0..<7))
        #expect(Self.days(extraction.records) == ["2024-11-22", "2024-11-22", "2024-11-22", nil, "2024-11-22", "2024-11-22", "2024-11-21"])
        #expect(extraction.records[4].location.description == "both.txt:\(Self.byteOffset(ofLineContaining: "<dt>", occurrence: 5, in: text))")
    }

    @Test func documentsAreSplitAtEachDoctypeOrSecondHTMLTag() {
        let bytes = Array("x\n<!DOCTYPE html><html><p>a</p></html>y\n<!doctype html>\n<HTML><p>b</p></html><html lang=en>c</html>".utf8)
        let ranges = ArxivListHTML.documentRanges(bytes)
        #expect(ranges.map(\.lowerBound) == [0, 40, 77])
        #expect(ranges.last?.upperBound == bytes.count)
        #expect(ArxivListHTML.documentRanges(Array("<html><body><p>one</p></body></html>".utf8)).count == 1)
    }

    @Test func aListingCutInsideAnEntryKeepsTheEntriesBeforeIt() throws {
        let text = try Self.text("new-current.html")
        let cut = try #require(text.range(of: "Calibrated Uncertainty"))
        let extraction = Self.extract(String(text[..<cut.lowerBound]), path: "cut.html")
        #expect(extraction.records.map(\.arxivID) == ["2307.00101", "2307.00102"])
        #expect(extraction.rejects.map(\.reason) == [.truncated])
        #expect(extraction.rejects.first?.location.description == "cut.html:\(Self.byteOffset(ofLineContaining: "<dt>", occurrence: 3, in: text))")
        let insideTerm = try #require(text.range(of: "arXiv:2307.00095"))
        let cutInTerm = Self.extract(String(text[..<insideTerm.lowerBound]), path: "cut.html")
        #expect(cutInTerm.records.count == 2)
        #expect(cutInTerm.rejects.map(\.reason) == [.truncated])
    }

    @Test func aListingCutBetweenEntriesKeepsThemAll() throws {
        let text = try Self.text("new-current.html")
        let cut = try #require(text.range(of: "<dt>", options: .backwards))
        let extraction = Self.extract(String(text[..<cut.lowerBound]), path: "cut.html")
        #expect(extraction.records.map(\.arxivID) == ["2307.00101", "2307.00102", "2307.00095", "2306.01234"])
        #expect(extraction.rejects.map(\.reason) == [.truncated])
        #expect(extraction.rejects.first?.location.description == "cut.html:\(text[..<cut.lowerBound].utf8.count)")
    }

    @Test func aCompletePageEndingRightAfterItsListIsNotTruncated() {
        let text = "<html><body><div id='dlpage'><dl id='articles'><h3>Thu, 21 May 2026</h3>"
            + Self.entry("2605.00001") + "</dl></div></body></html>"
        let extraction = Self.extract(text)
        #expect(extraction.records.count == 1)
        #expect(extraction.rejects.isEmpty)
    }

    @Test func aListingPageWithoutItsListIsALayoutChange() {
        let text = """
        <!DOCTYPE html>
        <html><head><title>Artificial Intelligence</title></head><body>
        <div id='dlpage'><h1>Artificial Intelligence</h1>
        <ul class='papers'><li><a href="https://arxiv.org/abs/2605.00001">A paper</a></li></ul>
        </div></body></html>
        """
        #expect(ArxivListHTML.recognizes(Array(text.utf8)[...]))
        let extraction = Self.extract(text, path: "changed.html")
        #expect(extraction.records.isEmpty)
        #expect(extraction.rejects.map(\.reason) == [.layoutChanged])
        #expect(extraction.rejects.map(\.location.description) == ["changed.html:0"])
    }

    @Test func anEntryWithoutATitleIsAMissingTitleRejectThatKeepsItsIndex() {
        let text = Self.recentPage(Self.entry("2605.00001") + "\n" + Self.entry("2605.00002", title: nil) + "\n"
                                   + Self.entry("2605.00003", title: "<span class='descriptor'>Title:</span>") + "\n" + Self.entry("2605.00004"))
        let extraction = Self.extract(text)
        #expect(extraction.records.map(\.arxivID) == ["2605.00001", "2605.00004"])
        #expect(extraction.records.map { $0.sources[0].index } == [0, 3])
        #expect(extraction.rejects.map(\.reason) == [.missingTitle, .missingTitle])
        #expect(extraction.rejects.map(\.location.description) == [2, 3].map {
            "list.html:\(Self.byteOffset(ofLineContaining: "<dt>", occurrence: $0, in: text))"
        })
    }

    @Test func authorListQuirks() {
        #expect(ArxivListHTML.authorNames("Akshay Manglik, Levi Lentz, Yuan (Emily)Xue") == ["Akshay Manglik", "Levi Lentz", "Yuan (Emily)Xue"])
        #expect(ArxivListHTML.authorNames("Mahdi Naser Moghadasi (BrightMind AI, Texas Tech University), Faezeh Ghaderi (University of Texas at Arlington)")
                == ["Mahdi Naser Moghadasi (BrightMind AI, Texas Tech University)", "Faezeh Ghaderi (University of Texas at Arlington)"])
        #expect(ArxivListHTML.authorNames("(author list is unavailable)").isEmpty)
        #expect(ArxivListHTML.authorNames("A. One,\n B. Two, ").count == 2)
        let text = Self.recentPage(Self.entry(
            "2605.00001", authors: "<a href=\"/a\">Ann Lee</a>, <a href=\"/b\">Yuan</a> (Emily)Xue, <a href=\"/c\">Bo Li</a> (X Lab, Y Univ)"))
        #expect(Self.extract(text).records.first?.authors == ["Ann Lee", "Yuan (Emily)Xue", "Bo Li (X Lab, Y Univ)"])
    }

    @Test func authorNamesSplitOnBytesAsByCharacters() {
        let texts = ["Akshay Manglik, Levi Lentz, Yuan (Emily)Xue", "A (B, C), D", "(a,(b)),c,", ",,", "", "Zoë Ñ , José (Uni, São Paulo)",
                     "A)B,C(D,E", "x\r\n, y", " , "]
        for text in texts {
            #expect(ArxivListHTML.authorNames(bytes: text) == ArxivListHTML.authorNames(characters: text), "\(text)")
        }
        for text in ["A,\u{301}B", "Zoë,B", "A\u{600}(B, C)", "A(\u{301}B, C)"] {
            #expect(ArxivListHTML.authorNames(bytes: text) == nil)
            #expect(ArxivListHTML.authorNames(text) == ArxivListHTML.authorNames(characters: text))
        }
        #expect(ArxivListHTML.authorNames("A,\u{301}B") == ["A,\u{301}B"])
    }

    @Test func headingsGiveDaysAndSections() {
        let july3 = DateText.parse("2023-07-03")
        let nov22 = DateText.parse("2024-11-22")
        #expect(ArxivListHTML.heading("Thu, 21 May 2026 (showing first 50 of 240 entries )") == .day(DateText.parse("2026-05-21")!))
        #expect(ArxivListHTML.heading(" Showing new listings for Monday, 3 July 2023\n") == .day(july3!))
        #expect(ArxivListHTML.heading("New submissions (showing 14 of 14 entries)") == .section(.new, nil))
        #expect(ArxivListHTML.heading("Cross submissions (showing 4 of 4 entries)") == .section(.crossList, nil))
        #expect(ArxivListHTML.heading("Replacement submissions (showing first 1 of 77 entries)") == .section(.replacement, nil))
        #expect(ArxivListHTML.heading("New submissions for Fri, 22 Nov 24") == .section(.new, nov22))
        #expect(ArxivListHTML.heading("Cross-lists for Fri, 22 Nov 24") == .section(.crossList, nov22))
        #expect(ArxivListHTML.heading("Replacements for Fri, 22 Nov 24") == .section(.replacement, nov22))
        #expect(ArxivListHTML.heading("quick links") == nil)
    }

    @Test func deepNestingInsideAnEntryDoesNotCrash() {
        let depth = 200_000
        let nested = String(repeating: "<span>", count: depth) + "Deep" + String(repeating: "</span>", count: depth)
        let text = Self.recentPage(Self.entry("2605.00001") + "\n" + Self.entry("2605.00002", title: nested) + "\n" + Self.entry("2605.00003"))
        let extraction = Self.extract(text)
        #expect(extraction.records.map(\.arxivID) == ["2605.00001"])
        #expect(extraction.rejects.map(\.reason) == [.truncated])
        #expect(extraction.rejects.first?.location.description == "list.html:\(Self.byteOffset(ofLineContaining: "<dt>", occurrence: 2, in: text))")
        #expect(extraction.rejects.first?.detail.contains("Excessive depth") == true)
    }

    @Test func unrelatedPagesAreNotRecognised() {
        let blog = """
        <!DOCTYPE html><html><head><title>My reading list</title></head><body>
        <section id="articles"><h2>Papers I liked</h2><ul><li><a href="https://arxiv.org/abs/2605.00001">One</a></li></ul></section>
        </body></html>
        """
        let articlesWithoutArxiv = "<html><body><dl id=\"articles\"><dt>Term</dt><dd>Definition</dd></dl></body></html>"
        let text = "new\nGet trending papers in your email inbox!\nA title\n"
        for page in [blog, articlesWithoutArxiv, text] {
            #expect(!ArxivListHTML.recognizes(Array(page.utf8)[...]), "\(page.prefix(50))")
            #expect(FormatRegistry.sniff(Array(page.utf8)[...])?.name != "arxiv-list-html")
        }
        #expect(FormatRegistry.sniff(Array(blog.utf8)[...]) == nil)
    }
}
