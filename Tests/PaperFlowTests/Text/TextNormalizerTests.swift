import Foundation
import Testing

@testable import PaperFlow

@Suite struct TextNormalizerTests {
    @Test func decodesEntitiesOnce() {
        #expect(TextNormalizer.normalize("D&#39;Mello") == "D'Mello")
        #expect(TextNormalizer.normalize("&amp;lt;") == "&lt;")
        #expect(TextNormalizer.normalize("a&nbsp;&nbsp;b") == "a b")
    }

    @Test func composesToNFC() {
        let decomposed = "Cafe\u{301} T\u{55}\u{308}LU"
        let normalized = TextNormalizer.normalize(decomposed)
        #expect(normalized == "Caf\u{E9} T\u{DC}LU")
        #expect(Array(normalized.unicodeScalars) == Array("Caf\u{E9} T\u{DC}LU".unicodeScalars))
        #expect(TextNormalizer.normalize("Cafe&#x301;").unicodeScalars.last == "\u{E9}")
    }

    @Test func lineAndParagraphSeparatorsAndNextLineAreSpaces() {
        #expect(TextNormalizer.normalize("a\u{2028}b\u{2029}c\u{85}d") == "a b c d")
        #expect(TextNormalizer.normalize("\u{2028}é\u{85}") == "é")
    }

    @Test func collapsesWhitespaceRuns() {
        #expect(TextNormalizer.normalize("a\r\n\r\nb") == "a b")
        #expect(TextNormalizer.normalize("\t a \t\t b \n") == "a b")
        #expect(TextNormalizer.normalize("a\u{0B}\u{0C}b") == "a b")
        #expect(TextNormalizer.normalize("é\u{3000}\u{A0}\u{2009}\u{202F}x") == "é x")
        #expect(TextNormalizer.normalize("a \u{2003} b") == "a b")
        #expect(TextNormalizer.normalize("  ") == "")
        #expect(TextNormalizer.normalize("") == "")
    }

    @Test func keepsNonWhitespaceFormatCharacters() {
        #expect(TextNormalizer.normalize("a\u{200B}b") == "a\u{200B}b")
    }

    @Test func keepsTeXAndMarkdown() {
        #expect(TextNormalizer.normalize("T\\\"ULU: \\textit{x} $\\alpha$ *bold* \\%") == "T\\\"ULU: \\textit{x} $\\alpha$ *bold* \\%")
    }

    @Test func returnsNormalizedASCIIUnchanged() {
        let text = "Already normalized: one space each."
        #expect(TextNormalizer.normalize(text) == text)
    }

    @Test func optionalVariantMapsEmptyToNil() {
        #expect(TextNormalizer.normalizeOptional(nil) == nil)
        #expect(TextNormalizer.normalizeOptional(" \n\t") == nil)
        #expect(TextNormalizer.normalizeOptional("") == nil)
        #expect(TextNormalizer.normalizeOptional("&#32;") == nil)
        #expect(TextNormalizer.normalizeOptional(" x ") == "x")
    }
}

@Suite struct NFCQuickCheckTests {
    @Test func everyStableStarterIsItsOwnNFCWithCombiningClassZero() {
        var checked = 0
        for value in UInt32(0x80)...0xFFFF {
            guard let scalar = Unicode.Scalar(value), TextNormalizer.isNFCStableStarter(scalar) else { continue }
            let text = String(Character(scalar))
            #expect(Array(text.precomposedStringWithCanonicalMapping.unicodeScalars) == [scalar], "U+\(String(value, radix: 16))")
            #expect(scalar.properties.canonicalCombiningClass == .notReordered, "U+\(String(value, radix: 16))")
            checked += 1
        }
        #expect(checked > 30_000)
    }

    @Test func combiningMarksAndSingletonsAreNotKnownNFC() {
        for text in ["e\u{301}", "\u{1100}\u{1161}", "\u{AC00}\u{11A8}", "\u{304B}\u{3099}", "\u{2126}", "\u{212B}", "\u{374}", "\u{340}"] {
            #expect(!TextNormalizer.isKnownNFC(text), "\(text.debugDescription)")
            #expect(TextNormalizer.normalize(text) == text.precomposedStringWithCanonicalMapping)
        }
        #expect(TextNormalizer.isKnownNFC("Café — “naïve” 大型 한국어 Σ"))
    }
}
