import Testing
@testable import PaperFlow

@Suite("Record encoding")
struct RecordEncoderTests {
    @Test func everyKeyInOrderWithExplicitNulls() {
        var record = PaperRecord(
            title: "A \"quoted\" Title", source: SourceRef(path: "raw/a.txt", format: "hf-text", index: 2),
            rank: .hfText, location: .line("raw/a.txt", 5))
        record.titleHash = String(repeating: "ab", count: 32)
        record.printedAuthorsCount = 3
        record.publishedDate = DateText.parse("2023-12-19")
        record.comments = 0
        let line = String(decoding: RecordEncoder.line(record), as: UTF8.self)
        let expected = #"{"id":"title:abababababababab","arxiv_id":null,"arxiv_version":null,"title":"A \"quoted\" Title","#
            + #""title_hash":"\#(record.titleHash)","abstract":null,"authors":[],"authors_count":3,"organization":null,"#
            + #""published_date":"2023-12-19","listing_date":null,"upvotes":null,"comments":0,"arxiv_categories":[],"#
            + #""arxiv_comment":null,"doi":null,"journal_ref":null,"#
            + #""labels":{"approach":null,"modality":null,"domain":null,"contribution":null,"safety":null},"#
            + #""sources":[{"path":"raw/a.txt","format":"hf-text","index":2}]}"# + "\n"
        #expect(line == expected)
    }

    @Test func theKeyListMatchesTheEncodedKeys() throws {
        var record = PaperRecord(title: "T", source: SourceRef(path: "p", format: "f", index: 0), rank: .hfText, location: .line("p", 1))
        record.arxivID = "2310.01230"
        record.authors = ["Zoë", "李"]
        record.labels = Labels(facets: [
            .init(name: "approach", value: .codes(["llm", "rl"])), .init(name: "contribution", value: .code("method")),
            .init(name: "safety", value: .flag(false)),
        ])
        let bytes = RecordEncoder.line(record)
        let value = try JSONValue.parse(Array(bytes.dropLast()))
        let object = try #require(value.objectValue)
        #expect(object.members.map(\.key) == RecordEncoder.keys)
        #expect(object["id"] == .string("arxiv:2310.01230"))
        #expect(object["arxiv_id"] == .string("2310.01230"))
        #expect(object["authors"] == .array([.string("Zoë"), .string("李")]))
        #expect(object["authors_count"] == .int(2))
        #expect(String(decoding: bytes, as: UTF8.self).contains(#""labels":{"approach":["llm","rl"],"contribution":"method","safety":false}"#))
    }
}
