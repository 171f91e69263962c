import Testing
@testable import PaperFlow

@Suite("Byte search")
struct ByteSearchTests {
    static func naiveFirstIndex(_ needle: [UInt8], _ haystack: [UInt8], ignoringCase: Bool = false) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        func fold(_ byte: UInt8) -> UInt8 { ignoringCase ? ASCIIByte.lowercased(byte) : byte }
        return (0...(haystack.count - needle.count)).first { start in
            (0..<needle.count).allSatisfy { fold(haystack[start + $0]) == fold(needle[$0]) }
        }
    }

    @Test func findsTheFirstPlaceWhateverByteItAnchorsOn() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aAbBD<\"=".utf8)
        for _ in 0..<3000 {
            let haystack = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
            let needle = (0..<Int.random(in: 1..<5, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
            #expect(ByteSearch.firstIndex(of: needle, in: haystack[...]) == Self.naiveFirstIndex(needle, haystack))
            let expected = Self.naiveFirstIndex(needle, haystack, ignoringCase: true) != nil
            #expect(ByteSearch.containsIgnoringCase(String(decoding: needle, as: UTF8.self), in: haystack[...]) == expected)
        }
        let page = Array("<div data-target=\"DailyPapers\">".utf8)
        #expect(ByteSearch.firstIndex(of: Array("data-target=\"DailyPapers\"".utf8), in: page[...]) == 5)
        #expect(ByteSearch.firstIndex(of: Array("Papers\">".utf8), in: page[5...]) == 23)
        #expect(ByteSearch.containsIgnoringCase("DATA-TARGET", in: page[...]))
    }

    @Test func textSearchAgreesWithStringContains() {
        let texts = ["[1] arXiv:2401.00001 (replaced)", "(replaced", "x\r\n(replaced)\r\n", "(replaced)\u{301}", "é (replaced)",
                     "http://arxiv.org/api/errors#bad", "", "(REPLACED)"]
        for text in texts {
            #expect(ByteSearch.text(text, contains: "(replaced)") == text.contains("(replaced)"), "\(text.debugDescription)")
        }
    }
}
