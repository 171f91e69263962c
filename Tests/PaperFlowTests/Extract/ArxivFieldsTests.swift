import Testing
@testable import PaperFlow

@Suite("arXiv fields")
struct ArxivFieldsTests {
    /// Inputs built from pieces that exercise every branch of the identifier reader.
    static let identifierTexts: [String] = {
        let prefixes = ["", " ", "\r\n\t", "arXiv:", "ARXIV:", "arxiv", "http://arxiv.org/abs/", "/abs/", "x/abs/", "/abs//abs/", "abs/"]
        let ids = ["2605.21482", "0704.0001", "1234.567", "12345.6789", "hep-th/9901001", "math.AG/0101001", "math.ag/0101001",
                   "-th/9901001", "a.b.c/0101001", "hep-th/990100", "2605.2148x", "", "v", "2605.21482/x"]
        let versions = ["", "v1", "v12", "v1234", "v12345", "v", "vx", "V2", "v1v2"]
        let suffixes = ["", "/", "//", "?context=cs", "#frag", " ", "\r\n", "\r\n/"]
        return prefixes.flatMap { prefix in
            ids.flatMap { id in versions.flatMap { version in suffixes.map { prefix + id + version + $0 } } }
        }
    }()

    @Test func asciiIdentifiersAreReadOnBytesAsByCharacters() {
        for text in Self.identifierTexts {
            var bytes = text
            let fast = bytes.withUTF8(ArxivFields.asciiIdentifier)
            #expect(fast == ArxivFields.characterIdentifier(text), "\(text.debugDescription)")
        }
        #expect(Self.identifierTexts.contains { ArxivFields.identifier($0) != nil })
        #expect(ArxivFields.identifier("http://arxiv.org/abs/2604.16299v1\u{301}") == ArxivFields.characterIdentifier("http://arxiv.org/abs/2604.16299v1\u{301}"))
    }
}
