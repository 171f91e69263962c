import Testing
@testable import PaperFlow

@Suite("Whitespace trimming")
struct WhitespaceTests {
    @Test func trimsEveryUnicodeWhitespaceAtBothEndsOnly() {
        #expect(" \t\r\n Title  Two \n".trimmingUnicodeWhitespace == "Title  Two")
        #expect("\u{00A0}\u{2028}Café\u{0085}\u{2029}".trimmingUnicodeWhitespace == "Café")
        #expect("e\u{301}".trimmingUnicodeWhitespace == "e\u{301}")
        #expect(" \u{3000} ".trimmingUnicodeWhitespace.isEmpty)
        #expect("".trimmingUnicodeWhitespace.isEmpty)
        #expect(Substring("  a b  ").trimmingUnicodeWhitespace == "a b")
    }
}
