import Foundation
import Testing
@testable import PaperFlow

@Suite("HTML attribute scan (SAX, no tree)")
struct HTMLAttributeScanTests {
    static func scan(_ page: String) -> HTMLAttributeScan.Match<String?>? {
        HTMLAttributeScan.firstElement(
            named: "div", where: "data-target", is: "DailyPapers", reading: "data-props", in: Array(page.utf8)
        ) { bytes in
            bytes.map { String(decoding: $0, as: UTF8.self) }
        }
    }

    @Test func findsTheIslandByNameAmongSeveralAndDecodesEntities() throws {
        let page = """
            <!DOCTYPE html><html><head><title>Daily Papers</title></head><body>
            <div data-target="MainHeader" data-props="{&quot;user&quot;:null}"></div>
            <section data-target="DailyPapers" data-props="not a div"></section>
            <div
              class="SVELTE_HYDRATER" data-props="{&quot;title&quot;:&quot;A &amp; B &lt;C&gt; &#233;t&eacute;&quot;}"
              data-target="DailyPapers">
            <article><h3><a href="/papers/2407.21783">A</a></h3></article></div>
            <div data-target="DailyPapers" data-props="{&quot;second&quot;:true}"></div>
            </body></html>
            """
        let match = try #require(Self.scan(page))
        #expect(match.value == #"{"title":"A & B <C> été"}"#)
        let document = try MarkupDocument.html(Array(page.utf8))
        let island = try #require(document.root?.firstElement {
            $0.name == "div" && $0.attribute("data-target") == "DailyPapers"
        })
        #expect(match.line == island.line)
        #expect(match.byteOffset == document.byteOffset(of: island))
        #expect(match.value == island.attribute("data-props"))
    }

    @Test func stopsAtTheIslandSoBrokenMarkupAfterItDoesNotMatter() throws {
        let deep = String(repeating: "<div><span>", count: 2000)
        let page = #"<html><body><div data-target="DailyPapers" data-props="{&quot;dailyPapers&quot;:[]}">"#
            + "\n<article><h3><a href=\"/papers/1\n" + deep + "<div data-target=\"DailyPapers\" data-props=\"late\">"
            + "\u{0}<<<</a</h3 &bogus; <!-- never closed"
        let match = try #require(Self.scan(page))
        #expect(match.value == #"{"dailyPapers":[]}"#)
        #expect(match.line == 1)
        #expect(match.byteOffset == 0)
    }

    @Test func noIslandIsNilAndAnIslandWithoutTheAttributeReadsNil() throws {
        #expect(Self.scan("<html><body><div data-target=\"Other\" data-props=\"{}\"></div></body></html>") == nil)
        #expect(Self.scan("<html><body><div data-target=\"dailypapers\" data-props=\"{}\"></div></body></html>") == nil)
        #expect(Self.scan("") == nil)
        #expect(Self.scan("just text, no markup") == nil)
        let bare = try #require(Self.scan("<html><body>\n\n<div data-target=\"DailyPapers\"></div></body></html>"))
        #expect(bare.value == nil)
        #expect(bare.line == 3)
        #expect(bare.byteOffset == 14)
    }

    @Test func invalidUTF8IsMarkedAsTheTreeMarksIt() throws {
        var bytes = Array(#"<html><body><div data-target="DailyPapers" data-props="{&quot;t&quot;:&quot;a"#.utf8)
        bytes.append(0xFF)
        bytes += Array(#"b&quot;}"></div></body></html>"#.utf8)
        let match = try #require(HTMLAttributeScan.firstElement(
            named: "div", where: "data-target", is: "DailyPapers", reading: "data-props", in: bytes
        ) { $0.map { String(decoding: $0, as: UTF8.self) } })
        #expect(match.value == "{\"t\":\"a\(MarkupInput.invalidMarker)b\"}")
    }
}
