import Foundation
import Testing
@testable import PaperFlow

@Suite("arxiv-list-html read from SAX events")
struct ArxivListEventsTests {
    /// Records (canonical line and location), rejects and the next index of a document, to compare readings.
    static func rendering(_ document: ArxivListHTML.DocumentExtraction) -> [String] {
        document.records.map { String(decoding: RecordEncoder.line($0), as: UTF8.self) + $0.location.description }
            + document.rejects.map { "\($0.reason) \($0.location) \($0.detail)" } + ["next \(document.nextIndex)"]
    }

    /// Each document of `text` read from events (nil where they leave it to the tree) and from the tree.
    static func readings(_ text: String, path: String = "list.html") -> [(events: [String]?, tree: [String])] {
        let input = LoadedInput(bytes: Array(text.utf8), path: path, snapshotDay: nil)
        return ArxivListHTML.documentRanges(input.bytes).map { range in
            let bytes = Array(input.bytes[range])
            let events = ArxivListHTML.ListingEvents.read(bytes, range: range, input: input, firstIndex: 3)
            let tree = ArxivListHTML.ListingTree.read(bytes, range: range, input: input, firstIndex: 3)
            return (events.map(rendering), rendering(tree))
        }
    }

    static func fixture(_ name: String) throws -> String {
        try FormatFixtureFiles.text("arxiv-list-html", name)
    }

    @Test func currentLayoutPagesAreReadFromEventsAsFromTheTree() throws {
        var pages = [try Self.fixture("new-current.html"), try Self.fixture("recent-legacy.html")]
        let real = ArxivListHTMLTests.realPage
        if FileManager.default.fileExists(atPath: real.path) {
            pages.append(String(decoding: try Data(contentsOf: real), as: UTF8.self))
        }
        for page in pages {
            for (events, tree) in Self.readings(page) {
                #expect(events == tree)
                #expect(events != nil)
            }
        }
    }

    @Test func everyCutOfAPageReadsAsFromTheTree() throws {
        let page = Array(try Self.fixture("new-current.html").utf8)
        var readFromEvents = 0
        for (offset, byte) in page.enumerated() where byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") {
            for cut in [offset, offset + 1] {
                for (events, tree) in Self.readings(String(decoding: page[..<cut], as: UTF8.self)) {
                    if let events {
                        #expect(events == tree, "cut at \(cut)")
                        readFromEvents += 1
                    }
                }
            }
        }
        #expect(readFromEvents > 500)
    }

    @Test func unusualMarkupInsideEntriesReadsAsFromTheTree() throws {
        let page = try Self.fixture("new-current.html")
        let edits: [(String, String)] = [
            ("<dd>", "<dd><!-- note --><?pi x?>"),
            ("</dd>", "<script>var x = '</dd>';</script></dd>"),
            ("<span class='descriptor'>Title:</span>", "<span class='descriptor'>Title:<br>x</span><br>"),
            ("class='descriptor'", "class='x\r\ndescriptor'"),
            ("class='descriptor'", "class='descriptor \u{301}'"),
            ("class='list-title mathjax'", "class='list-title\tlist-authors'"),
            ("class='list-authors'", "class='list-journal-ref list-authors'"),
            ("<div class='list-subjects'>", "<div class='list-subjects'><div class='list-subjects'>(cs.XX)</div>"),
            ("<span class=\"primary-subject\">", "<span class='descriptor'><b class='primary-subject'>First (cs.ZZ)</b></span><span class=\"primary-subject\">"),
            ("<p class='mathjax'>", "<p class='mathjax'><p>second paragraph</p>"),
            ("(cross-list from cs.LG)", "(replaced) (cross-list from cs.LG)"),
            ("title=\"Abstract\"", "title=\"Abstract\" title=\"x\""),
            ("href =\"/abs/", "href =\"/abs/\u{301}"),
            ("</dt>", "</dt><dt>an orphan term</dt>"),
            ("<dt>", "<h3>Replacement submissions (showing 1 of 1 entries)</h3><dt>"),
            ("<dd>", "<dd><h3>not a heading</h3><dl id='articles'><dt>inner</dt></dl>"),
            ("&amp;", "&amp;&#233;&nbsp;&unknown;"),
            ("\n", "\r\n"),
        ]
        for (target, replacement) in edits {
            let edited = page.replacingOccurrences(of: target, with: replacement)
            #expect(edited != page, "\(target)")
            for (events, tree) in Self.readings(edited) {
                #expect(events == tree, "\(target) → \(replacement)")
            }
        }
    }

    @Test func documentsOnlyTheTreeCanReadAreLeftToIt() throws {
        let page = try Self.fixture("new-current.html")
        let cases = [
            try Self.fixture("new-legacy.html"),
            page.replacingOccurrences(of: "id='articles'", with: "id='other'"),
            page.replacingOccurrences(of: "<dd>", with: "<dd>" + String(repeating: "<span>", count: 300)),
            page.replacingOccurrences(of: "</html>", with: "</html>\ntext after the page"),
            page.replacingOccurrences(of: "<dt>", with: "<x:dt>"),
        ]
        for text in cases {
            let readings = Self.readings(text)
            #expect(readings.count == 1)
            #expect(readings.allSatisfy { $0.events == nil })
        }
    }
}
