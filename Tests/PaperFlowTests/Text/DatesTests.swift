import Testing

@testable import PaperFlow

@Suite struct DayTests {
    @Test func validatesDays() {
        #expect(Day(year: 2024, month: 2, day: 29) != nil)
        #expect(Day(year: 2023, month: 2, day: 29) == nil)
        #expect(Day(year: 1900, month: 2, day: 29) == nil)
        #expect(Day(year: 2000, month: 2, day: 29) != nil)
        #expect(Day(year: 2024, month: 4, day: 31) == nil)
        #expect(Day(year: 2024, month: 13, day: 1) == nil)
        #expect(Day(year: 2024, month: 0, day: 1) == nil)
        #expect(Day(year: 2024, month: 1, day: 0) == nil)
        #expect(Day(year: 0, month: 1, day: 1) == nil)
    }

    @Test func parsesExactlyISO() {
        #expect(Day(iso: "2024-07-31") == Day(year: 2024, month: 7, day: 31))
        #expect(Day(iso: "2024-02-30") == nil)
        #expect(Day(iso: "2024-7-31") == nil)
        #expect(Day(iso: " 2024-07-31") == nil)
        #expect(Day(iso: "2024-07-31T00:00:00Z") == nil)
        #expect(Day(iso: "2024/07/31") == nil)
        #expect(Day(iso: "２０２４-07-31") == nil)
    }

    @Test func printsZeroPadded() {
        #expect(Day(year: 2024, month: 7, day: 1)?.description == "2024-07-01")
        #expect(Day(year: 987, month: 12, day: 31)?.description == "0987-12-31")
    }

    @Test func ordersByCalendar() throws {
        let early = try #require(Day(year: 2023, month: 12, day: 31))
        let late = try #require(Day(year: 2024, month: 1, day: 1))
        #expect(early < late)
        #expect(!(late < early))
        #expect(try #require(Day(year: 2024, month: 2, day: 9)) < #require(Day(year: 2024, month: 10, day: 1)))
    }

    @Test func countsDaysAcrossMonthsAndYears() throws {
        let day = try #require(Day(year: 2024, month: 2, day: 28))
        #expect(day.adding(days: 1) == Day(year: 2024, month: 2, day: 29))
        #expect(day.adding(days: 2) == Day(year: 2024, month: 3, day: 1))
        #expect(Day(year: 1970, month: 1, day: 1)?.daysSinceEpoch == 0)
        #expect(Day(year: 2000, month: 3, day: 1)?.daysSinceEpoch == 11_017)
        #expect(Day(year: 2024, month: 1, day: 1)?.adding(days: -1) == Day(year: 2023, month: 12, day: 31))
    }

    @Test func dayNumbersRoundTripAndAreConsecutive() throws {
        var previous = try #require(Day(year: 1899, month: 12, day: 31))
        for number in (previous.daysSinceEpoch + 1)...(previous.daysSinceEpoch + 80_000) {
            let day = try #require(Day(daysSinceEpoch: number))
            #expect(day.daysSinceEpoch == number)
            #expect(previous < day)
            #expect(previous.adding(days: 1) == day)
            previous = day
        }
        #expect(Day(daysSinceEpoch: Day(year: 1, month: 1, day: 1).map { $0.daysSinceEpoch - 1 } ?? 0) == nil)
    }
}

@Suite struct PartialDateTests {
    private let snapshot = Day(year: 2025, month: 11, day: 6)

    @Test func aPrintedYearIsKept() {
        #expect(PartialDate(year: 2023, month: 12, day: 19).resolved(snapshot: snapshot) == Day(year: 2023, month: 12, day: 19))
        #expect(PartialDate(year: 2023, month: 12, day: 19).resolved(snapshot: nil) == Day(year: 2023, month: 12, day: 19))
        #expect(PartialDate(year: 2023, month: 2, day: 29).resolved(snapshot: snapshot) == nil)
    }

    @Test func aMissingYearIsTheLatestOnOrBeforeTheSnapshot() {
        #expect(PartialDate(year: nil, month: 7, day: 16).resolved(snapshot: snapshot) == Day(year: 2025, month: 7, day: 16))
        #expect(PartialDate(year: nil, month: 11, day: 6).resolved(snapshot: snapshot) == Day(year: 2025, month: 11, day: 6))
        #expect(PartialDate(year: nil, month: 11, day: 7).resolved(snapshot: snapshot) == Day(year: 2024, month: 11, day: 7))
        #expect(PartialDate(year: nil, month: 12, day: 19).resolved(snapshot: snapshot) == Day(year: 2024, month: 12, day: 19))
    }

    @Test func february29TakesTheLatestLeapYear() {
        #expect(PartialDate(year: nil, month: 2, day: 29).resolved(snapshot: snapshot) == Day(year: 2024, month: 2, day: 29))
        #expect(PartialDate(year: nil, month: 2, day: 29).resolved(snapshot: Day(year: 2024, month: 2, day: 28)) == Day(year: 2020, month: 2, day: 29))
        #expect(PartialDate(year: nil, month: 2, day: 29).resolved(snapshot: Day(year: 1903, month: 6, day: 1)) == Day(year: 1896, month: 2, day: 29))
    }

    @Test func aKnownDayKeepsItsYear() throws {
        let day = try #require(Day(year: 2024, month: 2, day: 29))
        #expect(PartialDate(day) == PartialDate(year: 2024, month: 2, day: 29))
        #expect(PartialDate(day).resolved(snapshot: nil) == day)
    }

    @Test func noSnapshotNoYear() {
        #expect(PartialDate(year: nil, month: 7, day: 16).resolved(snapshot: nil) == nil)
    }
}

@Suite struct DateTextTests {
    @Test func isoDay() {
        #expect(DateText.parse("2024-07-31") == PartialDate(year: 2024, month: 7, day: 31))
        #expect(DateText.parse("  2024-07-31\n") == PartialDate(year: 2024, month: 7, day: 31))
        #expect(DateText.parse("2024-02-30") == nil)
        #expect(DateText.parse("2024-07-31x") == nil)
    }

    @Test func instantsGiveTheirUTCDay() {
        #expect(DateText.parse("2024-07-31T17:54:27.000Z") == PartialDate(year: 2024, month: 7, day: 31))
        #expect(DateText.parse("2024-07-31T17:54:27Z") == PartialDate(year: 2024, month: 7, day: 31))
        #expect(DateText.parse("2024-01-01T00:00:00-05:00") == PartialDate(year: 2024, month: 1, day: 1))
        #expect(DateText.parse("2024-01-01T23:00:00-05:00") == PartialDate(year: 2024, month: 1, day: 2))
        #expect(DateText.parse("2024-01-01T03:00:00+05:30") == PartialDate(year: 2023, month: 12, day: 31))
        #expect(DateText.parse("2024-12-31T20:00:00-04:00") == PartialDate(year: 2025, month: 1, day: 1))
        #expect(DateText.parse("2024-02-28T22:00:00-03:00") == PartialDate(year: 2024, month: 2, day: 29))
        #expect(DateText.parse("2024-08-01T01:21:47.935Z") == PartialDate(year: 2024, month: 8, day: 1))
    }

    @Test func malformedInstantsAreRejected() {
        #expect(DateText.parse("2024-07-31T17:54:27") == nil)
        #expect(DateText.parse("2024-07-31T25:00:00Z") == nil)
        #expect(DateText.parse("2024-07-31T17:54Z") == nil)
        #expect(DateText.parse("2024-07-31T17:54:27.Z") == nil)
        #expect(DateText.parse("2024-07-31T17:54:27+0500") == nil)
        #expect(DateText.parse("2024-07-31T17:54:27Z extra") == nil)
    }

    @Test func monthFirstForms() {
        #expect(DateText.parse("Dec 19, 2023") == PartialDate(year: 2023, month: 12, day: 19))
        #expect(DateText.parse("Dec 19 2023") == PartialDate(year: 2023, month: 12, day: 19))
        #expect(DateText.parse("December 19, 2023") == PartialDate(year: 2023, month: 12, day: 19))
        #expect(DateText.parse("Jul 16") == PartialDate(year: nil, month: 7, day: 16))
        #expect(DateText.parse("Sept 3, 2024") == PartialDate(year: 2024, month: 9, day: 3))
        #expect(DateText.parse("sep 3") == PartialDate(year: nil, month: 9, day: 3))
        #expect(DateText.parse("DECEMBER 1") == PartialDate(year: nil, month: 12, day: 1))
        #expect(DateText.parse("Feb 29") == PartialDate(year: nil, month: 2, day: 29))
    }

    @Test func dayFirstForms() {
        #expect(DateText.parse("Thu, 21 May 2026") == PartialDate(year: 2026, month: 5, day: 21))
        #expect(DateText.parse("Monday, 3 July 2023") == PartialDate(year: 2023, month: 7, day: 3))
        #expect(DateText.parse("3 July 2023") == PartialDate(year: 2023, month: 7, day: 3))
        #expect(DateText.parse("Fri, 22 Nov 24") == PartialDate(year: 2024, month: 11, day: 22))
        #expect(DateText.parse("wed, 20 may 2026") == PartialDate(year: 2026, month: 5, day: 20))
    }

    @Test func invalidDaysAndOtherTextAreRejected() {
        for text in [
            "Feb 30", "Feb 29, 2023", "Apr 31 2024", "31 June 2024", "Jul 0", "Jul 32", "Jul 123",
            "", "   ", "today", "Julember 3", "Jul", "Jul 16 2", "Jul 16,", "Dec 19, 23", "16 Jul",
            "Thu 21", "Thu, May 21 2026", "Funday, 3 July 2023", "3 July 202", "3 July 20245", "2024-07",
            "Jul16", "Published on Oct 1, 2023", "Jul 16th",
        ] {
            #expect(DateText.parse(text) == nil, "\(text)")
        }
    }

    @Test func monthDayPrefixOfADumpLine() throws {
        let withCount = try #require(DateText.parseMonthDay(prefixOf: "Jul 16 2"))
        #expect(withCount.date == PartialDate(year: nil, month: 7, day: 16))
        #expect(withCount.rest == " 2")

        let withYear = try #require(DateText.parseMonthDay(prefixOf: "Dec 26, 2024 2"))
        #expect(withYear.date == PartialDate(year: 2024, month: 12, day: 26))
        #expect(withYear.rest == " 2")

        let bare = try #require(DateText.parseMonthDay(prefixOf: "Nov 6"))
        #expect(bare.date == PartialDate(year: nil, month: 11, day: 6))
        #expect(bare.rest.isEmpty)

        let yearOnly = try #require(DateText.parseMonthDay(prefixOf: "Dec 19, 2023"))
        #expect(yearOnly.date == PartialDate(year: 2023, month: 12, day: 19))
        #expect(yearOnly.rest.isEmpty)

        let yearWithoutComma = try #require(DateText.parseMonthDay(prefixOf: "Jul 16 2024"))
        #expect(yearWithoutComma.date == PartialDate(year: nil, month: 7, day: 16))
        #expect(yearWithoutComma.rest == " 2024")
    }

    @Test func linesThatDoNotStartWithAMonthDay() {
        for line in ["Mayday 5", "May", "May 5th", "May 123", "Feb 30 1", " Jul 16", "Abstract text", "", "Jul16 2", "Feb 29, 2023"] {
            #expect(DateText.parseMonthDay(prefixOf: line) == nil, "\(line)")
        }
    }
}
