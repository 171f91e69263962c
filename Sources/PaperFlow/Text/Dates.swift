/// A calendar day (proleptic Gregorian, years 1–9999), printed as `YYYY-MM-DD`.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 1–9999.
    public let year: Int
    /// 1–12.
    public let month: Int
    /// 1–31, valid for the month and year.
    public let day: Int

    /// Creates the day, or nil when it does not exist (`2023-02-29`, month 13) or the year is outside 1–9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= Day.numberOfDays(inMonth: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` (no surrounding whitespace, no time); nil for anything else or a day that does not exist.
    public init?(iso: String) {
        var iso = iso
        let parts: (year: Int, month: Int, day: Int)? = iso.withUTF8 { bytes in
            guard bytes.count == 10, bytes[4] == ASCIIByte.minus, bytes[7] == ASCIIByte.minus,
                let year = DateScanner.number(bytes[0..<4]),
                let month = DateScanner.number(bytes[5..<7]),
                let day = DateScanner.number(bytes[8..<10])
            else { return nil }
            return (year, month, day)
        }
        guard let parts else { return nil }
        self.init(year: parts.year, month: parts.month, day: parts.day)
    }

    /// `YYYY-MM-DD`, zero padded.
    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        Day.appendDigits(of: year, count: 4, to: &bytes)
        bytes.append(ASCIIByte.minus)
        Day.appendDigits(of: month, count: 2, to: &bytes)
        bytes.append(ASCIIByte.minus)
        Day.appendDigits(of: day, count: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Calendar order.
    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func numberOfDays(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The day `count` days after this one (before it when negative); nil outside years 1–9999.
    func adding(days count: Int) -> Day? {
        Day(daysSinceEpoch: daysSinceEpoch + count)
    }

    /// Days since 1970-01-01 (negative before it).
    var daysSinceEpoch: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day `daysSinceEpoch` days after 1970-01-01; nil outside years 1–9999.
    init?(daysSinceEpoch: Int) {
        let shifted = daysSinceEpoch + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: year, month: month, day: day)
    }

    private static func appendDigits(of value: Int, count: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<count {
            divisor *= 10
        }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8((value / divisor) % 10))
            divisor /= 10
        }
    }
}

/// A date as printed on a page: month and day always, the year only when the page printed one.
public struct PartialDate: Hashable, Sendable {
    /// The year as printed (a two-digit year already made 2000 + yy); nil when the page printed none.
    public let year: Int?
    /// 1–12.
    public let month: Int
    /// 1–31; a day that exists in `month` (of `year`, or of some year when `year` is nil).
    public let day: Int

    init(year: Int?, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date of a known calendar day, year included.
    init(_ day: Day) {
        self.init(year: day.year, month: day.month, day: day.day)
    }

    /// The calendar day this date stands for, given the day the page was saved.
    ///
    /// With a year: that day (nil if it does not exist). Without one: the latest year that puts the date on or
    /// before `snapshot` (Feb 29 → the latest leap year that does); nil when `snapshot` is nil.
    public func resolved(snapshot: Day?) -> Day? {
        if let year {
            return Day(year: year, month: month, day: day)
        }
        guard let snapshot else { return nil }
        // Consecutive leap years are at most 8 years apart (1896, 1904).
        for candidateYear in stride(from: snapshot.year, through: max(1, snapshot.year - 8), by: -1) {
            if let candidate = Day(year: candidateYear, month: month, day: day), candidate <= snapshot {
                return candidate
            }
        }
        return nil
    }
}

/// Reads the dates that pages print: ISO days and instants, and English month-name forms.
public enum DateText {
    /// Parses a whole date text (surrounding whitespace ignored); nil when it is none of the accepted forms or the day
    /// does not exist.
    ///
    /// Accepted: `2024-07-31`; instants `2024-07-31T17:54:27.000Z`, `…Z`, `…-05:00`, `…+05:30` (their UTC calendar
    /// date); `Dec 19, 2023`, `Dec 19 2023`, `December 19, 2023`, `Jul 16` (no year); `Thu, 21 May 2026`,
    /// `Monday, 3 July 2023`, `3 July 2023`, `Fri, 22 Nov 24` (a two-digit year is 2000 + yy). Month and weekday
    /// names are English, three letters or full (and `Sept`), in any case.
    public static func parse(_ text: String) -> PartialDate? {
        var trimmed = text.trimmingUnicodeWhitespace
        return trimmed.withUTF8 { bytes in
            var scanner = DateScanner(bytes: bytes)
            guard let date = scanner.scanDate(), scanner.isAtEnd else { return nil }
            return date
        }
    }

    /// Reads `Mon D` or `Mon D, YYYY` at the very start of `line`; see `parseMonthDay(prefixOf:)` for a String.
    static func parseMonthDay(prefixOf line: Substring) -> (date: PartialDate, rest: Substring)? {
        var bytesOfLine = line
        let scanned: (date: PartialDate, end: Int)? = bytesOfLine.withUTF8 { bytes in
            var scanner = DateScanner(bytes: bytes)
            guard let date = scanner.scanMonthDayPrefix() else { return nil }
            return (date, scanner.position)
        }
        guard let scanned else { return nil }
        let restStart = line.utf8.index(line.utf8.startIndex, offsetBy: scanned.end)
        return (scanned.date, line[restStart...])
    }

    /// Reads `Mon D` or `Mon D, YYYY` at the very start of `line` and returns the date and the rest of the line.
    ///
    /// Used by the text-dump reader: `Jul 16 2` → (Jul 16, `" 2"`); `Dec 26, 2024 2` → (2024-12-26, `" 2"`).
    /// A year counts only after a comma (`Jul 16 2024` → (Jul 16, `" 2024"`)). Nil when the line does not start with
    /// a month name, spaces and a day of that month followed by neither a letter nor a digit.
    public static func parseMonthDay(prefixOf line: String) -> (date: PartialDate, rest: Substring)? {
        parseMonthDay(prefixOf: line[...])
    }

}
