import Foundation
import Testing
@testable import PaperFlow

@Suite("Markup documents")
struct MarkupDocumentTests {
    @Test func htmlAttributesAndTextAreDecoded() throws {
        let html = #"<html><body><div data-target="X" data-props="{&quot;a&quot;:1}"><p class="a b">Caf&eacute; <b>x</b></p></div></body></html>"#
        let document = try MarkupDocument.html(Array(html.utf8))
        let root = try #require(document.root)
        let div = try #require(root.firstElement { $0.attribute("data-target") == "X" })
        #expect(div.attribute("data-props") == #"{"a":1}"#)
        let paragraph = try #require(root.firstElement { $0.hasClass("b") })
        #expect(paragraph.text == "Café x")
        #expect(paragraph.ownText == "Café ")
        #expect(paragraph.children.map(\.name) == ["b"])
    }

    @Test func deepNestingDoesNotExhaustTheStack() throws {
        let depth = 200_000
        let html = "<html><body>" + String(repeating: "<div>", count: depth) + "deep" + String(repeating: "</div>", count: depth) + "</body></html>"
        let document = try MarkupDocument.html(Array(html.utf8))
        var count = 0
        document.root?.walk { _ in
            count += 1
            return true
        }
        #expect(count > 0)
        let xml = "<?xml version=\"1.0\"?>" + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let parsed = try MarkupDocument.xml(Array(xml.utf8))
        #expect(!parsed.isWellFormed)
    }

    @Test func externalEntitiesAreNeverLoaded() throws {
        let secret = try TestSupport.temporaryDirectory().appendingPathComponent("secret.txt")
        try Data("TOP-SECRET-CONTENT".utf8).write(to: secret)
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE feed [ <!ENTITY leak SYSTEM "file://\(secret.path)"> ]>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>&leak;</title></feed>
        """
        let document = try MarkupDocument.xml(Array(xml.utf8))
        #expect(document.root.map { !$0.text.contains("TOP-SECRET") } == true)
    }

    @Test func aDeclaredCharsetIsHonoured() throws {
        var bytes = Array(#"<html><head><meta charset="iso-8859-1"></head><body><p>Caf"#.utf8)
        bytes.append(0xE9)
        bytes += Array("</p></body></html>".utf8)
        let document = try MarkupDocument.html(bytes)
        #expect(document.root?.firstElement { $0.name == "p" }?.text == "Café")
    }

    @Test func undeclaredInvalidUTF8IsMarkedWhereItIs() throws {
        var bytes = Array("<html><body><p>good</p><p>ba".utf8)
        bytes.append(0xFF)
        bytes += Array("d</p></body></html>".utf8)
        let document = try MarkupDocument.html(bytes)
        let texts = document.root?.elements(named: "p").map(\.text) ?? []
        #expect(texts == ["good", "ba\u{10FFFD}d"])
    }

    @Test func xmlNamespacesAndLines() throws {
        let xml = "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:arxiv=\"http://arxiv.org/schemas/atom\">\n<entry><arxiv:comment>c</arxiv:comment></entry></feed>"
        let document = try MarkupDocument.xml(Array(xml.utf8))
        let comment = try #require(document.root?.firstElement { $0.name == "comment" })
        #expect(comment.namespaceURI == "http://arxiv.org/schemas/atom")
        #expect(document.root?.namespaceURI == "http://www.w3.org/2005/Atom")
        #expect(comment.line == 3)
        let lineThree = xml.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).prefix(2).reduce(0) { $0 + $1.count + 1 }
        #expect(document.byteOffset(of: comment) == lineThree)
        #expect(document.isWellFormed)
    }
}
