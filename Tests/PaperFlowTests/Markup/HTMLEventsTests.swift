import CLibXML2
import Foundation
import Testing
@testable import PaperFlow

@Suite("HTML SAX events")
struct HTMLEventsTests {
    /// Rebuilds from the events the nodes the tree would hold below the root, in document order.
    struct NodeRecorder: HTMLEventHandler {
        var nodes: [String] = []
        var classChecks: [Bool] = []
        /// Per open element: whether its last child is text, CDATA or another node.
        private var lastChild: [String] = []

        mutating func startElement(_ name: UnsafePointer<xmlChar>, attributes: HTMLAttributes, line: Int) -> Bool {
            if !lastChild.isEmpty { lastChild[lastChild.count - 1] = "node" }
            lastChild.append("none")
            nodes.append("element \(String(cString: name)) \(line)")
            if attributes.value("class") != nil { classChecks.append(attributes.hasClass("descriptor")) }
            return true
        }

        mutating func endElement() {
            lastChild.removeLast()
        }

        mutating func characters(_ text: UnsafeBufferPointer<UInt8>, line: Int) {
            append("text", line: line, String(decoding: text, as: UTF8.self))
        }

        mutating func cdata(_ text: UnsafeBufferPointer<UInt8>) {
            append("cdata", line: 0, String(decoding: text, as: UTF8.self))
        }

        mutating func otherNode(line: Int) {
            guard !lastChild.isEmpty else { return }
            lastChild[lastChild.count - 1] = "node"
            nodes.append("other \(line)")
        }

        private mutating func append(_ kind: String, line: Int, _ text: String) {
            guard !lastChild.isEmpty else { return }
            if lastChild[lastChild.count - 1] == kind {
                nodes[nodes.count - 1] += text
                return
            }
            lastChild[lastChild.count - 1] = kind
            nodes.append("\(kind) \(line) \(text)")
        }
    }

    /// The tree's nodes in document order, the root first, as ``NodeRecorder`` writes them.
    static func treeNodes(_ root: MarkupNode) -> (nodes: [String], classChecks: [Bool]) {
        var nodes = ["element \(root.name) \(root.line)"]
        var classChecks: [Bool] = root.attribute("class").map { _ in [root.hasClass("descriptor")] } ?? []
        root.walk { node in
            if node.isElement {
                nodes.append("element \(node.name) \(node.line)")
                if node.attribute("class") != nil { classChecks.append(node.hasClass("descriptor")) }
            } else if node.isText {
                let isCDATA = node.pointer.pointee.type == XML_CDATA_SECTION_NODE
                nodes.append(isCDATA ? "cdata 0 \(node.text)" : "text \(node.line) \(node.text)")
            } else {
                nodes.append("other \(node.line)")
            }
            return true
        }
        return (nodes, classChecks)
    }

    @Test func theEventsAreTheNodesOfTheTree() throws {
        let page = """
            <!DOCTYPE html>
            <!-- before the root -->
            <html><head><title>T &amp; U</title><style>a { color: red }</style></head>
            <body class="page">
            <dl id='articles'><h3>Day</h3>
            <dt>one<!-- c -->two &eacute; <b>bold</b> tail</dt>
            <dd class="x\r\ndescriptor"><span class='descriptor'>Title:</span> A<br>B<?pi data?></dd>
            <dd class="descriptor \u{301}">text <script>if (a < b) {}</script> more</dd>
            <p class="descriptor\tother">implied close <div>block</div>
            </dl></body></html>
            <!-- after the root -->
            """
        let bytes = Array(page.utf8)
        let parse = try #require(HTMLEvents.parse(bytes) { _ in NodeRecorder() })
        let document = try MarkupDocument.html(bytes)
        let tree = try withExtendedLifetime(document) { Self.treeNodes(try #require(document.root)) }
        #expect(parse.handler.nodes == tree.nodes)
        #expect(parse.handler.classChecks == tree.classChecks)
        #expect(parse.lastError?.description == document.lastError?.description)
    }

    @Test func classListsMatchTheTreeReading() throws {
        let values = ["descriptor", " descriptor ", "a\tdescriptor", "x\r\ndescriptor", "descriptor\r\n", "descriptor \u{301}",
                      "descriptor\u{301}", "DESCRIPTOR", "", "descriptors", "\u{A0}descriptor"]
        for value in values {
            let page = "<html><body><div class=\"\(value)\">x</div></body></html>"
            let parse = try #require(HTMLEvents.parse(Array(page.utf8)) { _ in NodeRecorder() })
            let document = try MarkupDocument.html(Array(page.utf8))
            try withExtendedLifetime(document) {
                let div = try #require(document.root?.firstElement { $0.name == "div" })
                #expect(parse.handler.classChecks == [div.hasClass("descriptor")], "\(value.debugDescription)")
            }
        }
    }
}
