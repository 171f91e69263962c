import Foundation
import Testing
@testable import PaperFlow

@Suite("arxiv-atom feeds")
struct ArxivAtomTests {
    static let fixtures = TestSupport.fixture("formats/arxiv-atom")
    static let real = TestSupport.shared.appendingPathComponent("fixtures/real")
    static let realPages = ["arxiv_atom_2026-04-20", "arxiv_atom_2026-05-10", "arxiv_atom_2026-07-29"]

    static func bytes(_ url: URL) throws -> [UInt8] {
        Array(try Data(contentsOf: url))
    }

    static func extract(_ bytes: [UInt8], path: String = "feed.xml") -> Extraction {
        ArxivAtom.extract(LoadedInput(bytes: bytes, path: path, snapshotDay: nil))
    }

    static func extract(_ text: String, path: String = "feed.xml") -> Extraction {
        extract(Array(text.utf8), path: path)
    }

    /// The records as the release writes them, after `normalize` and the title hash of `dedup-title`.
    static func canonicalLines(_ records: [PaperRecord]) -> String {
        var out: [UInt8] = []
        for record in records {
            guard let line = TestSupport.releaseLine(record) else {
                Issue.record("record \(record.location) did not survive normalize and the title hash")
                continue
            }
            out += line
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func byteOffset(ofLineContaining needle: String, occurrence: Int = 1, in text: String) -> Int {
        var seen = 0
        var offset = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.contains(needle) {
                seen += 1
                if seen == occurrence { return offset }
            }
            offset += line.utf8.count + 1
        }
        return -1
    }

    static let head = """
    <?xml version='1.0' encoding='UTF-8'?>
    <feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
      <id>https://arxiv.org/api/abc</id>
      <title>arXiv Query: search_query=all:test</title>
      <updated>2026-04-20T02:01:51Z</updated>

    """

    static func entry(_ id: String, title: String? = "A Title", extra: String = "") -> String {
        """
          <entry>
            <id>http://arxiv.org/abs/\(id)</id>
        \(title.map { "    <title>\($0)</title>\n" } ?? "")    <summary>An abstract.</summary>
            <published>2026-04-17T17:59:50Z</published>
            <arxiv:primary_category term="cs.CL"/>
            <author>
              <name>Ada Lovelace</name>
            </author>\(extra)
          </entry>

        """
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: real.appendingPathComponent("arxiv_atom_2026-04-20.xml").path),
                   "../shared/fixtures/real is absent beside the repository: the real Atom pages are not checked"))
    func realPagesGiveTheirExpectedRecordsWhole() throws {
        for page in Self.realPages {
            let bytes = try Self.bytes(Self.real.appendingPathComponent(page + ".xml"))
            #expect(FormatRegistry.sniff(bytes.prefix(ContentScreen.headLength)).map { $0.name } == "arxiv-atom", "\(page)")
            let extraction = Self.extract(bytes, path: page + ".xml")
            #expect(extraction.rejects.isEmpty, "\(page): \(extraction.rejects)")
            let expected = try String(contentsOf: Self.fixtures.appendingPathComponent("expected-\(page).jsonl"), encoding: .utf8)
            #expect(Self.canonicalLines(extraction.records) == expected, "\(page)")
        }
    }

    @Test func theLegacySerializationIsReadByNamespaceInItsOwnFieldOrder() throws {
        let url = Self.fixtures.appendingPathComponent("legacy-feed.xml")
        let bytes = try Self.bytes(url)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(ArxivAtom.recognizes(bytes[...]))
        let extraction = Self.extract(bytes, path: "legacy-feed.xml")
        #expect(extraction.rejects.isEmpty)
        let records = extraction.records
        #expect(records.map(\.arxivID) == ["2312.01234", "hep-th/9901001", "2401.00007"])
        #expect(records.map(\.arxivVersion) == [3, 2, 1])
        #expect(records[0].title == "Sentence Embeddings from Contrastive Pairs: What the Negatives\n  Teach")
        #expect(records[0].abstract?.hasPrefix("Contrastive sentence encoders depend on their negatives. We compare random,\nin-batch") == true)
        #expect(records[0].authors == ["Ingrid Solberg", "Tomás Ruiz"])
        #expect(records[2].authors == ["Priya Raman", "Jonas Müller", "Li Wei"])
        #expect(records.map { $0.publishedDate?.resolved(snapshot: nil)?.description } == ["2023-12-02", "1999-01-02", "2024-01-01"])
        #expect(records.map(\.arxivCategories) == [["cs.CL", "cs.AI"], ["hep-th", "gr-qc"], ["stat.ML", "cs.LG"]])
        #expect(records.map(\.arxivComment) == ["14 pages; v3 adds\n  results on retrieval", nil, nil])
        #expect(records.map(\.doi) == [nil, "10.1000/example.9901001", nil])
        #expect(records.map(\.journalRef) == [nil, "Nucl.Phys. B999 (1999) 1-20", nil])
        #expect(records[1].title == "Boundary Terms & Dualities in Two-Dimensional Gauge Theories")
        #expect(records.allSatisfy { $0.listingDate == nil && $0.comments == nil && $0.upvotes == nil && $0.rank == .arxivAtom })
        #expect(records.map(\.sources) == (0..<3).map { [SourceRef(path: "legacy-feed.xml", format: "arxiv-atom", index: $0)] })
        #expect(records.map(\.location.description) == (1...3).map {
            "legacy-feed.xml:\(Self.byteOffset(ofLineContaining: "<entry>", occurrence: $0, in: text))"
        })
        let normalized = try #require(ArxivAtomTests.canonicalLines([records[0]]).split(separator: "\n").first)
        #expect(normalized.contains(#""title":"Sentence Embeddings from Contrastive Pairs: What the Negatives Teach""#))
    }

    @Test func anErrorFeedIsOneSourceErrorWithoutRecords() {
        let feed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <link href="http://arxiv.org/api/query?search_query=&amp;id_list=1234.12345&amp;start=0&amp;max_results=10" rel="self" type="application/atom+xml"/>
          <title type="html">ArXiv Query: search_query=&amp;id_list=1234.12345&amp;start=0&amp;max_results=10</title>
          <id>http://arxiv.org/api/kvuntZ8c9a4Eq5CF7KY03nMug+Q</id>
          <updated>2007-10-12T00:00:00-04:00</updated>
          <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:totalResults>
          <entry>
            <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234.12345</id>
            <title>Error</title>
            <summary>incorrect id format for 1234.12345</summary>
            <updated>2007-10-12T00:00:00-04:00</updated>
            <link href="http://arxiv.org/api/errors#incorrect_id_format_for_1234.12345" rel="alternate" type="text/html"/>
            <author>
              <name>arXiv api core</name>
            </author>
          </entry>
        </feed>
        """
        #expect(ArxivAtom.recognizes(Array(feed.utf8)[...]))
        let extraction = Self.extract(feed, path: "error.xml")
        #expect(extraction.records.isEmpty)
        #expect(extraction.rejects.map(\.reason) == [.sourceError])
        #expect(extraction.rejects.first?.detail.contains("\"incorrect id format for 1234.12345\"") == true)
        #expect(extraction.rejects.first?.location.description == "error.xml:\(Self.byteOffset(ofLineContaining: "<entry>", in: feed))")
    }

    @Test func aFeedCutInsideAnEntryKeepsTheEntriesBeforeIt() throws {
        let text = String(decoding: try Self.bytes(Self.fixtures.appendingPathComponent("legacy-feed.xml")), as: UTF8.self)
        let cut = try #require(text.range(of: "<name>Erik Lund</name>"))
        let extraction = Self.extract(String(text[..<cut.upperBound]), path: "cut.xml")
        #expect(extraction.records.map(\.arxivID) == ["2312.01234"])
        #expect(extraction.rejects.map(\.reason) == [.truncated])
        #expect(extraction.rejects.first?.location.description == "cut.xml:\(Self.byteOffset(ofLineContaining: "<entry>", occurrence: 2, in: text))")
    }

    @Test func aFeedCutAfterAnEntryKeepsEveryEntry() throws {
        let text = String(decoding: try Self.bytes(Self.fixtures.appendingPathComponent("legacy-feed.xml")), as: UTF8.self)
        let cut = try #require(text.range(of: "</entry>", options: .backwards))
        let extraction = Self.extract(String(text[..<cut.upperBound]) + "\n", path: "cut.xml")
        #expect(extraction.records.map(\.arxivID) == ["2312.01234", "hep-th/9901001", "2401.00007"])
        #expect(extraction.rejects.map(\.reason) == [.truncated])
    }

    @Test func anErrorInTheMiddleThatLibxml2RecoversFromIsNotATruncation() {
        let feed = Self.head + Self.entry("2604.00001v1", title: "Caf&eacute; Models") + Self.entry("2604.00002v1") + "</feed>\n"
        let extraction = Self.extract(feed)
        #expect(extraction.records.map(\.arxivID) == ["2604.00001", "2604.00002"])
        #expect(extraction.rejects.isEmpty)
        #expect(extraction.counters["atom_errors_recovered"] == 1)
    }

    @Test func anEntryWithoutATitleIsAMissingTitleRejectThatKeepsItsIndex() {
        let feed = Self.head + Self.entry("2604.00001v1") + Self.entry("2604.00002v1", title: nil)
            + Self.entry("2604.00003v2", title: "  ") + Self.entry("2604.00004v1") + "</feed>\n"
        let extraction = Self.extract(feed)
        #expect(extraction.records.map(\.arxivID) == ["2604.00001", "2604.00004"])
        #expect(extraction.records.map { $0.sources[0].index } == [0, 3])
        #expect(extraction.rejects.map(\.reason) == [.missingTitle, .missingTitle])
        #expect(extraction.rejects.map(\.location.description) == [2, 3].map {
            "feed.xml:\(Self.byteOffset(ofLineContaining: "<entry>", occurrence: $0, in: feed))"
        })
    }

    @Test func deepNestingInsideAnEntryDoesNotCrash() {
        let depth = 200_000
        let nested = String(repeating: "<x>", count: depth) + "deep" + String(repeating: "</x>", count: depth)
        let feed = Self.head + Self.entry("2604.00001v1") + Self.entry("2604.00002v1", extra: "\n    " + nested)
            + Self.entry("2604.00003v1") + "</feed>\n"
        let extraction = Self.extract(feed)
        #expect(extraction.records.map(\.arxivID) == ["2604.00001"])
        #expect(extraction.rejects.map(\.reason) == [.truncated])
        #expect(extraction.rejects.first?.location.description == "feed.xml:\(Self.byteOffset(ofLineContaining: "<entry>", occurrence: 2, in: feed))")
        #expect(extraction.rejects.first?.detail.contains("Excessive depth") == true)
    }

    @Test func anExternalEntityIsNeverLoaded() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let secret = directory.appendingPathComponent("secret.txt")
        try Data("TOP-SECRET-7f3a".utf8).write(to: secret)
        for (file, forbidden) in [("/etc/hostname", try? String(contentsOfFile: "/etc/hostname", encoding: .utf8)),
                                  (secret.path, "TOP-SECRET-7f3a")] {
            let feed = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE feed [ <!ENTITY x SYSTEM "file://\(file)"> ]>
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
              <id>http://arxiv.org/api/xyz</id>
            \(Self.entry("2604.00001v1", title: "Leaky &x; Title", extra: "\n    <arxiv:comment>&x;</arxiv:comment>"))</feed>
            """
            #expect(ArxivAtom.recognizes(Array(feed.utf8)[...]))
            let extraction = Self.extract(feed)
            let lines = Self.canonicalLines(extraction.records)
            #expect(extraction.records.count == 1)
            if let forbidden = forbidden.map({ String($0.trimmingUnicodeWhitespace) }), !forbidden.isEmpty {
                #expect(!lines.contains(forbidden), "the content of \(file) leaked into a record")
                #expect(!(extraction.records.first?.title.contains(forbidden) ?? true))
            }
        }
    }

    @Test func onlyArxivAPIFeedsAreRecognised() throws {
        let blog = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Release notes</title><id>urn:uuid:1</id>
        <entry><id>https://github.com/x/y/releases/v1</id><title>v1 (see arxiv.org/abs/2401.00001)</title></entry></feed>
        """
        let rss = """
        <?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
        <atom:link href="http://export.arxiv.org/rss/cs.CL" rel="self"/><title>cs.CL updates on arXiv.org</title>
        <link>http://arxiv.org/</link></channel></rss>
        """
        let arxivNamespaceNotRoot = """
        <?xml version="1.0"?><entries xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom"><entry/></entries>
        """
        for text in [blog, rss, arxivNamespaceNotRoot, "<html><body>http://www.w3.org/2005/Atom arxiv.org/api</body></html>"] {
            #expect(!ArxivAtom.recognizes(Array(text.utf8)[...]), "\(text.prefix(60))")
        }
        let current = Self.head + Self.entry("2604.00001v1") + "</feed>\n"
        #expect(ArxivAtom.recognizes(Array(current.utf8)[...]))
        #expect(!ArxivListHTML.recognizes(Array(current.utf8)[...]))
        #expect(!HFText.recognizes(Array(current.utf8)[...]))
    }

    @Test func identifiersLoseTheirVersion() {
        #expect(ArxivFields.identifier("http://arxiv.org/abs/2604.16299v1") == .init(id: "2604.16299", version: 1))
        #expect(ArxivFields.identifier("http://arxiv.org/abs/hep-th/9901001v12") == .init(id: "hep-th/9901001", version: 12))
        #expect(ArxivFields.identifier("https://arxiv.org/abs/math.AG/0101001") == .init(id: "math.AG/0101001", version: nil))
        #expect(ArxivFields.identifier(" arXiv:0704.0001 ") == .init(id: "0704.0001", version: nil))
        #expect(ArxivFields.identifier("/abs/2605.21482?context=cs") == .init(id: "2605.21482", version: nil))
        #expect(ArxivFields.identifier("http://arxiv.org/api/errors#bad") == nil)
        #expect(ArxivFields.identifier("/abs/12345.678") == nil)
        #expect(ArxivFields.identifier("cs/99010") == nil)
    }
}
