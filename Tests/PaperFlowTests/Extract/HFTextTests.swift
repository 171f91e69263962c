import Testing
@testable import PaperFlow

@Suite("hf-text dumps")
struct HFTextTests {
    static let chrome = "new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nbyAK and the research community\n\nMar 11\n\n"

    @Test func recognisesDumpsByTheirChromeNotTheirName() {
        #expect(HFText.recognizes(ArraySlice(Array(Self.chrome.utf8))))
        #expect(HFText.recognizes(ArraySlice(Array("Get trending papers in your email inbox once a day!\nA title\n".utf8))))
        #expect(!HFText.recognizes(ArraySlice(Array("A title\nAn abstract\n".utf8))))
        #expect(!HFText.recognizes(ArraySlice(Array("<html><body>byAK and the research community</body></html>".utf8))))
    }

    @Test func blankSeparatedEntriesWithoutFooters() {
        let a1 = TestSupport.abstract("alpha")
        let a2 = TestSupport.abstract("beta")
        let result = TestSupport.extractText(Self.chrome + "First Title\n\n\(a1)\n\nSecond Title\n\n\(a2)\n")
        #expect(result.rejects.isEmpty)
        #expect(result.records.map(\.title) == ["First Title", "Second Title"])
        #expect(result.records.map(\.abstract) == [a1, a2])
        #expect(result.records.map(\.sources) == [
            [SourceRef(path: "dump.txt", format: "hf-text", index: 0)],
            [SourceRef(path: "dump.txt", format: "hf-text", index: 1)],
        ])
        #expect(result.records.map(\.location.description) == ["dump.txt:11", "dump.txt:15"])
        #expect(result.records.allSatisfy { $0.comments == nil && $0.publishedDate == nil && $0.authorsCount == nil })
    }

    @Test func noBlankLinesAndATitleGluedToSubscribe() {
        let a1 = TestSupport.abstract("alpha")
        let a2 = TestSupport.abstract("beta")
        let text = "Get trending papers in your email inbox once a day!\nGet trending papers in your email inbox!\n"
            + "SubscribeSafeguard Models\n\(a1)\nSubscriber Churn Prediction\n\(a2)"
        let result = TestSupport.extractText(text)
        #expect(result.records.map(\.title) == ["Safeguard Models", "Subscriber Churn Prediction"])
        #expect(result.records.map(\.location.description) == ["dump.txt:3", "dump.txt:5"])
    }

    @Test func crlfLineEndsReadAsUsual() {
        let a1 = TestSupport.abstract("alpha")
        let lf = Self.chrome + "A Title\n\n\(a1)\n\n  • 2 authors\n·\nDec 19, 2023 4\n"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let fromLF = TestSupport.extractText(lf).records
        let fromCRLF = TestSupport.extractText(crlf).records
        #expect(fromCRLF.map(\.title) == ["A Title"])
        #expect(fromCRLF.map(\.abstract) == fromLF.map(\.abstract))
        #expect(fromCRLF.first?.comments == 4)
        #expect(fromCRLF.first?.publishedDate == fromLF.first?.publishedDate)
    }

    @Test func searchCardFooters() throws {
        let a = TestSupport.abstract("gamma")
        let text = Self.chrome
            + "With Count\n\n\(a)\n\n  • 5 authors\n·\nDec 19, 2023\n\n"
            + "Yearless With Comments\n\n\(a)\n\n  • 1 authors\n·\nJul 16 2\n\n"
            + "Organization Card\n\n\(a)\n\nSeoul National University\n·\nMar 2, 2024 7\n\n"
            + "No Footer\n\n\(a)\n"
        let records = TestSupport.extractText(text, snapshot: Day(year: 2025, month: 11, day: 6)).records
        #expect(records.map(\.title) == ["With Count", "Yearless With Comments", "Organization Card", "No Footer"])
        #expect(records.map(\.printedAuthorsCount) == [5, 1, nil, nil])
        #expect(records.map(\.organization) == [nil, nil, "Seoul National University", nil])
        #expect(records.map(\.comments) == [0, 2, 7, nil])
        #expect(records[0].publishedDate?.year == 2023)
        #expect(records[1].publishedDate?.year == nil)
        #expect(records[1].publishedDate?.month == 7)
        #expect(records[1].referenceDay == Day(year: 2025, month: 11, day: 6))
    }

    @Test func anEntryWithoutAnAbstractKeepsItsTitle() {
        let a = TestSupport.abstract("delta")
        let result = TestSupport.extractText(Self.chrome + "Lonely Title\n\nNext Title\n\n\(a)\n")
        #expect(result.rejects.isEmpty)
        #expect(result.records.map(\.title) == ["Lonely Title", "Next Title"])
        #expect(result.records.map(\.abstract) == [nil, a])
        #expect(result.records.map { $0.sources[0].index } == [0, 1])
    }

    @Test func aDumpCutOffAfterATitleKeepsTheEntriesBefore() {
        let a = TestSupport.abstract("delta")
        let result = TestSupport.extractText(Self.chrome + "Complete Entry\n\n\(a)\n\nCut Here\n")
        #expect(result.records.map(\.title) == ["Complete Entry"])
        #expect(result.rejects.map(\.reason) == [.truncated])
        #expect(result.rejects.map(\.location.description) == ["dump.txt:15"])
    }

    @Test func anAbstractWithoutATitleIsAMissingTitleReject() {
        let a = TestSupport.abstract("delta")
        let b = TestSupport.abstract("eps")
        let result = TestSupport.extractText(Self.chrome + "Fine Entry\n\n\(a)\n\n\(b)\n\nAnother Entry\n\n\(a)\n")
        #expect(result.records.map(\.title) == ["Fine Entry", "Another Entry"])
        #expect(result.records.map { $0.sources[0].index } == [0, 2])
        #expect(result.rejects.map(\.reason) == [.missingTitle])
        #expect(result.rejects.map(\.location.description) == ["dump.txt:15"])
    }

    @Test func invalidUTF8RejectsTheEntryNotTheFile() {
        let a = TestSupport.abstract("delta")
        var bytes = Array((Self.chrome + "Good Entry\n\n\(a)\n\nBad ").utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array(" Entry\n\n\(a)\n\nLast Entry\n\n\(a)\n".utf8)
        let result = HFText.extract(LoadedInput(bytes: bytes, path: "x.txt", snapshotDay: nil))
        #expect(result.records.map(\.title) == ["Good Entry", "Last Entry"])
        #expect(result.rejects.map(\.reason) == [.invalidUTF8])
        #expect(result.rejects.map(\.location.description) == ["x.txt:15"])
    }

    @Test func aDumpWithOnlyChromeIsALayoutChange() {
        let result = TestSupport.extractText(Self.chrome)
        #expect(result.records.isEmpty)
        #expect(result.rejects.map(\.reason) == [.layoutChanged])
    }

    @Test func theyearOfTheChromeDateIsThePagesDay() {
        let a = TestSupport.abstract("zeta")
        let text = Self.chrome.replacingOccurrences(of: "Mar 11", with: "Mar 11, 2025") + "T\n\n\(a)\n"
        #expect(TestSupport.extractText(text).records.first?.referenceDay == Day(year: 2025, month: 3, day: 11))
        #expect(TestSupport.extractText(Self.chrome + "T\n\n\(a)\n").records.first?.referenceDay == nil)
    }

    @Test func abstractsAreToldFromTitlesByShape() {
        #expect(!HFText.isAbstractLike("The Ultimate Guide to Fine-Tuning LLMs from Basics to Breakthroughs: An Exhaustive Review"))
        #expect(!HFText.isAbstractLike("Guess the Instruction! Flipped Learning Makes Language Models Stronger Zero-Shot Learners"))
        #expect(!HFText.isAbstractLike("Title With Trailing Period."))
        #expect(HFText.isAbstractLike("We propose a method. It works well on all twelve benchmarks we tried in this short paper."))
        #expect(HFText.isAbstractLike(Substring(TestSupport.abstract("w", words: 30))))
    }
}
