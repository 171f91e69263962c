import Foundation
import Testing
@testable import PaperFlow

@Suite("XML root read from bytes")
struct XMLRootSniffTests {
    static let atom = "http://www.w3.org/2005/Atom"

    /// The root libxml2 makes of `text`: local name and namespace.
    static func parsedRoot(_ text: String) throws -> (name: String, namespace: String?)? {
        let document = try MarkupDocument.xml(Array(text.utf8))
        return withExtendedLifetime(document) { document.root.map { ($0.name, $0.namespaceURI) } }
    }

    static let heads: [(text: String, plain: Bool)] = [
        ("<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns:arxiv=\"http://arxiv.org/schemas/atom\" xmlns=\"\(atom)\">\n<id>x</id>", true),
        ("\u{FEFF}<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"\(atom)\"/>", true),
        ("<!-- saved --><?pi data?>\n  <feed xmlns='\(atom)' xml:lang='en'>", true),
        ("<a:feed xmlns:a=\"\(atom)\">", true),
        ("<feed xmlns=\"\">", true),
        ("<feed>", true),
        ("<entries xmlns=\"\(atom)\">", true),
        ("<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:atom=\"\(atom)\">", true),
        ("<feed xmlns=\"http://www.w3.org/2005/Atom \">", true),
        ("<feed xmlns=\"http://www.w3.org/2005/&#65;tom\">", false),
        ("<feed xmlns=\"http://www.w3.org/2005/Atom\t\">", false),
        ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><feed xmlns=\"\(atom)\">", false),
        ("<!DOCTYPE feed><feed xmlns=\"\(atom)\">", false),
        ("text<feed xmlns=\"\(atom)\">", false),
        ("  <?xml version=\"1.0\"?><feed xmlns=\"\(atom)\">", false),
        ("<feed xmlns=\"\(atom)\"", false),
        ("<b:feed xmlns:a=\"\(atom)\">", false),
        ("<feed xmlns=\"\(atom)\" xmlns=\"\(atom)\">", false),
        ("<feed xmlns=\"\(atom)\" b:x=\"1\">", false),
        ("<!-- a -- b --><feed xmlns=\"\(atom)\">", false),
        ("<féed xmlns=\"\(atom)\">", false),
    ]

    @Test func plainHeadsAreReadAsLibxml2ReadsThem() throws {
        for (text, plain) in Self.heads {
            let sniff = XMLRootSniff(Array(text.utf8)[...])
            #expect((sniff != .unclear) == plain, "\(text)")
            guard case .element(let name, let namespace) = sniff else { continue }
            let parsed = try #require(try Self.parsedRoot(text), "\(text)")
            #expect(name == parsed.name && namespace == parsed.namespace, "\(text)")
        }
    }

    @Test func theRealFeedsAreReadFromTheirBytes() throws {
        let real = TestSupport.shared.appendingPathComponent("fixtures/real")
        var files = [TestSupport.fixture("formats/arxiv-atom/legacy-feed.xml")]
        files += ArxivAtomTests.realPages.map { real.appendingPathComponent($0 + ".xml") }
        for file in files where FileManager.default.fileExists(atPath: file.path) {
            let head = Array(try Data(contentsOf: file)).prefix(ContentScreen.headLength)
            #expect(XMLRootSniff(head) == .element(localName: "feed", namespace: Self.atom), "\(file.lastPathComponent)")
        }
    }
}
