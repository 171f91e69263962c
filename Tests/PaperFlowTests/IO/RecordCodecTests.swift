import Testing
@testable import PaperFlow

@Suite("Record codec")
struct RecordCodecTests {
    static func sample() -> PaperRecord {
        var record = PaperRecord(
            title: "Ünïcode — title", source: SourceRef(path: "dir/page.html", format: "hf-daily-html", index: 7),
            rank: .hfDailyJSON, location: Location(path: "dir/page.html", position: .byte(1234)))
        record.arxivID = "2401.00001"
        record.arxivVersion = 3
        record.titleHash = String(repeating: "ab", count: 32)
        record.abstract = "An abstract.\nWith a line."
        record.authors = ["A. Author", "B. Writer"]
        record.printedAuthorsCount = 5
        record.organization = "Lab"
        record.publishedDate = PartialDate(year: nil, month: 2, day: 29)
        record.listingDate = PartialDate(year: 2024, month: 1, day: 31)
        record.upvotes = -1
        record.comments = Int.max
        record.arxivCategories = ["cs.CL", "cs.LG"]
        record.arxivComment = "10 pages"
        record.doi = "10.1/x"
        record.journalRef = "J. 1"
        record.referenceDay = Day(year: 2025, month: 11, day: 6)
        return record
    }

    @Test func aRecordRoundTripsFieldByField() throws {
        let record = Self.sample()
        let bytes = RecordCodec.encode([record, PaperRecord(title: "t", source: SourceRef(path: "p", format: "f", index: 0),
                                                            rank: .hfText, location: .line("p", 1))])
        let bodies = try RecordCodec.bodies(bytes[...])
        #expect(bodies.count == 2)
        let decoded = try RecordCodec.decode(bytes[bodies[0]])
        #expect(RecordEncoder.line(decoded) == RecordEncoder.line(record))
        #expect(decoded.location == record.location)
        #expect(decoded.referenceDay == record.referenceDay)
        #expect(decoded.printedAuthorsCount == 5)
        #expect(decoded.rank == .hfDailyJSON)
        #expect(try RecordCodec.decodeKey(bytes[bodies[0]]) == PaperKey(record))
        let second = try RecordCodec.decode(bytes[bodies[1]])
        #expect(second.location.description == "p:1")
        #expect(second.abstract == nil && second.arxivID == nil)
    }

    @Test func damagedBytesAreErrorsNotCrashes() {
        let bytes = RecordCodec.encode([Self.sample()])
        #expect(throws: RecordCodecError.self) { try RecordCodec.bodies(bytes.dropLast()) }
        var corrupt = bytes
        corrupt[4] = 7  // the tag of the optional arXiv id
        #expect(throws: RecordCodecError.self) {
            let bodies = try RecordCodec.bodies(corrupt[...])
            _ = try RecordCodec.decode(corrupt[bodies[0]])
        }
    }
}
