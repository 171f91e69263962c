import Testing
@testable import PaperFlow

@Suite("Content screening")
struct ContentScreenTests {
    @Test func emptyAndWhitespaceOnlyFilesAreEmpty() {
        #expect(ContentScreen.screen([]) == .empty)
        #expect(ContentScreen.screen(Array(" \n\t\r\n".utf8)) == .empty)
    }

    @Test func aNulByteMakesAFileBinary() {
        #expect(ContentScreen.screen(Array("text".utf8) + [0] + Array("more".utf8)) == .binary("NUL byte at byte 4"))
    }

    @Test func overTenPercentInvalidUTF8IsBinary() {
        let mostlyText = Array(repeating: UInt8(ascii: "a"), count: 95) + Array(repeating: 0xFF, count: 5)
        #expect(ContentScreen.screen(mostlyText) == .text)
        let noisy = Array(repeating: UInt8(ascii: "a"), count: 85) + Array(repeating: 0xFF, count: 15)
        #expect(ContentScreen.screen(noisy) == .binary("15 of the first 100 bytes are not valid UTF-8"))
    }

    @Test func validMultibyteTextIsText() {
        #expect(ContentScreen.screen(Array("Café 大型语言模型 Δ-Tuning".utf8)) == .text)
        #expect(ContentScreen.invalidUTF8ByteCount(ArraySlice([0xED, 0xA0, 0x80]), isComplete: true) == 3)
        #expect(ContentScreen.invalidUTF8ByteCount(ArraySlice([0x61, 0xE6, 0x97]), isComplete: false) == 0)
        #expect(ContentScreen.invalidUTF8ByteCount(ArraySlice([0x61, 0xE6, 0x97]), isComplete: true) == 2)
    }
}
