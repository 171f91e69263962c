import Testing

@testable import PaperFlow

@Suite struct HTMLEntitiesTests {
    @Test func numericReferences() {
        #expect(HTMLEntities.decode("D&#39;Mello") == "D'Mello")
        #expect(HTMLEntities.decode("D&#x27;Mello") == "D'Mello")
        #expect(HTMLEntities.decode("D&#X27;Mello") == "D'Mello")
        #expect(HTMLEntities.decode("&#x1F600;") == "\u{1F600}")
        #expect(HTMLEntities.decode("&#233;t&#xE9;") == "été")
    }

    @Test func invalidNumericReferencesBecomeReplacementCharacter() {
        #expect(HTMLEntities.decode("a&#0;b") == "a\u{FFFD}b")
        #expect(HTMLEntities.decode("&#xD800;") == "\u{FFFD}")
        #expect(HTMLEntities.decode("&#xDFFF;") == "\u{FFFD}")
        #expect(HTMLEntities.decode("&#x110000;") == "\u{FFFD}")
        #expect(HTMLEntities.decode("&#99999999999999999999;") == "\u{FFFD}")
        #expect(HTMLEntities.decode("&#x10FFFF;") == "\u{10FFFF}")
    }

    @Test func c1ReferencesReadAsWindows1252() {
        #expect(HTMLEntities.decode("&#150;&#146;&#128;") == "\u{2013}\u{2019}\u{20AC}")
        #expect(HTMLEntities.decode("&#x81;") == "\u{81}")
    }

    @Test func namedReferences() {
        #expect(HTMLEntities.decode("Tom &amp; Jerry") == "Tom & Jerry")
        #expect(HTMLEntities.decode("&quot;x&quot;") == "\"x\"")
        #expect(HTMLEntities.decode("a&nbsp;b") == "a\u{A0}b")
        #expect(HTMLEntities.decode("caf&eacute;") == "café")
        #expect(HTMLEntities.decode("wait&hellip;") == "wait…")
        #expect(HTMLEntities.decode("&lt;b&gt;") == "<b>")
        #expect(HTMLEntities.decode("&CounterClockwiseContourIntegral;") == "\u{2233}")
        #expect(HTMLEntities.decode("&NotEqualTilde;") == "\u{2242}\u{338}")
        #expect(HTMLEntities.decode("&Afr;") == "\u{1D504}")
    }

    @Test func theWholeHTML5TableIsLoaded() {
        #expect(HTMLEntities.namedReferences.count == 2125)
        #expect(HTMLEntities.namedReferences["AElig"] == "Æ")
        #expect(HTMLEntities.namedReferences["zwnj"] == "\u{200C}")
    }

    @Test func onlyOneLevelIsDecoded() {
        #expect(HTMLEntities.decode("&amp;lt;") == "&lt;")
        #expect(HTMLEntities.decode("D&amp;#39;Mello") == "D&#39;Mello")
    }

    @Test func unknownOrUnterminatedReferencesStayAsWritten() {
        #expect(HTMLEntities.decode("&notanentity; & co") == "&notanentity; & co")
        #expect(HTMLEntities.decode("AT&T") == "AT&T")
        #expect(HTMLEntities.decode("&amp") == "&amp")
        #expect(HTMLEntities.decode("&amp ;") == "&amp ;")
        #expect(HTMLEntities.decode("&#39") == "&#39")
        #expect(HTMLEntities.decode("&#;&#x;&#xZ;") == "&#;&#x;&#xZ;")
        #expect(HTMLEntities.decode("&") == "&")
        #expect(HTMLEntities.decode("&&amp;") == "&&")
        #expect(HTMLEntities.decode("x&;") == "x&;")
    }

    @Test func stringsWithoutAmpersandAreUnchanged() {
        for text in ["", "plain", "Café — naïve", "\u{1F600}"] {
            #expect(HTMLEntities.decode(text) == text)
        }
    }
}
