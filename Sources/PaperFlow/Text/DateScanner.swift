/// A cursor over the UTF-8 bytes of a date text, with one method per form `DateText` accepts.
///
/// It borrows the bytes: use it only inside the `withUTF8` call that provides them.
struct DateScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { position == bytes.count }

    /// Reads any one form of `DateText.parse`; the caller checks that nothing follows.
    mutating func scanDate() -> PartialDate? {
        guard let first = bytes.first else { return nil }
        if ASCIIByte.isDigit(first) {
            if let date = scanISODateOrInstant() { return date }
            position = 0
            return scanDayMonthYear()
        }
        let word = scanWord()
        if let month = Self.month(named: word) {
            return scanDayAndOptionalYear(month: month)
        }
        guard Self.isWeekday(word) else { return nil }
        let hadComma = skip(ASCIIByte.comma)
        let hadSpaces = skipSpaces()
        guard hadComma || hadSpaces else { return nil }
        return scanDayMonthYear()
    }

    /// Reads `Mon D` or `Mon D, YYYY` and stops after the day or the year.
    mutating func scanMonthDayPrefix() -> PartialDate? {
        guard let month = Self.month(named: scanWord()), skipSpaces(), let day = scanDayNumber() else { return nil }
        let afterDay = position
        if skip(ASCIIByte.comma) {
            skipSpaces()
            if let year = scanDigits(count: 4), !isWordCharacterNext {
                return Self.partialDate(year: year, month: month, day: day)
            }
        }
        position = afterDay
        return Self.partialDate(year: nil, month: month, day: day)
    }

    /// `YYYY-MM-DD`, or an instant `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` read as its UTC calendar date.
    private mutating func scanISODateOrInstant() -> PartialDate? {
        guard let year = scanDigits(count: 4), skip(ASCIIByte.minus),
            let month = scanDigits(count: 2), skip(ASCIIByte.minus),
            let day = scanDigits(count: 2),
            let date = Day(year: year, month: month, day: day)
        else { return nil }
        if isAtEnd {
            return PartialDate(year: year, month: month, day: day)
        }
        guard skip(UInt8(ascii: "T")) || skip(UInt8(ascii: "t")),
            let hour = scanDigits(count: 2), hour < 24, skip(ASCIIByte.colon),
            let minute = scanDigits(count: 2), minute < 60, skip(ASCIIByte.colon),
            let second = scanDigits(count: 2), second <= 60
        else { return nil }
        if skip(ASCIIByte.period) {
            guard skipDigits() else { return nil }
        }
        guard let offsetMinutes = scanUTCOffsetMinutes() else { return nil }
        let utcMinutes = hour * 60 + minute - offsetMinutes
        let dayShift = utcMinutes < 0 ? -1 : (utcMinutes >= 24 * 60 ? 1 : 0)
        guard let utcDate = date.adding(days: dayShift) else { return nil }
        return PartialDate(year: utcDate.year, month: utcDate.month, day: utcDate.day)
    }

    /// `Z` → 0, `+05:30` → 330, `-05:00` → -300.
    private mutating func scanUTCOffsetMinutes() -> Int? {
        if skip(UInt8(ascii: "Z")) || skip(UInt8(ascii: "z")) { return 0 }
        let sign: Int
        if skip(ASCIIByte.plus) {
            sign = 1
        } else if skip(ASCIIByte.minus) {
            sign = -1
        } else {
            return nil
        }
        guard let hours = scanDigits(count: 2), hours < 24, skip(ASCIIByte.colon),
            let minutes = scanDigits(count: 2), minutes < 60
        else { return nil }
        return sign * (hours * 60 + minutes)
    }

    /// `D Month YYYY` or `D Month YY` (two digits: 2000 + yy).
    private mutating func scanDayMonthYear() -> PartialDate? {
        guard let day = scanDayNumber(), skipSpaces(),
            let month = Self.month(named: scanWord()), skipSpaces()
        else { return nil }
        let yearStart = position
        guard skipDigits() else { return nil }
        let digits = bytes[yearStart..<position]
        guard digits.count == 4 || digits.count == 2, let printedYear = Self.number(digits) else { return nil }
        let year = digits.count == 2 ? 2000 + printedYear : printedYear
        return Self.partialDate(year: year, month: month, day: day)
    }

    /// After a month name: ` D`, ` D YYYY` or ` D, YYYY`.
    private mutating func scanDayAndOptionalYear(month: Int) -> PartialDate? {
        guard skipSpaces(), let day = scanDayNumber() else { return nil }
        if isAtEnd {
            return Self.partialDate(year: nil, month: month, day: day)
        }
        let hadComma = skip(ASCIIByte.comma)
        let hadSpaces = skipSpaces()
        guard hadComma || hadSpaces, let year = scanDigits(count: 4), !isWordCharacterNext else { return nil }
        return Self.partialDate(year: year, month: month, day: day)
    }

    /// One or two digits not followed by a letter or digit.
    private mutating func scanDayNumber() -> Int? {
        let start = position
        guard skipDigits(), position - start <= 2, !isWordCharacterNext else {
            position = start
            return nil
        }
        return Self.number(bytes[start..<position])
    }

    /// Exactly `count` digits (more digits right after them are left for the caller to reject).
    private mutating func scanDigits(count: Int) -> Int? {
        guard position + count <= bytes.count, let value = Self.number(bytes[position..<position + count]) else {
            return nil
        }
        position += count
        return value
    }

    /// The run of ASCII letters at the cursor, lower-cased; empty when there is none or when it is longer than any
    /// month or weekday name.
    private mutating func scanWord() -> String {
        let start = position
        while position < bytes.count, ASCIIByte.isLetter(bytes[position]) {
            position += 1
        }
        guard position - start <= Self.longestName else { return "" }
        return String(decoding: bytes[start..<position].map(ASCIIByte.lowercased), as: UTF8.self)
    }

    /// Letters in the longest month or weekday name (`september`, `wednesday`).
    private static let longestName = 9

    private var isWordCharacterNext: Bool {
        position < bytes.count && ASCIIByte.isAlphanumeric(bytes[position])
    }

    private mutating func skip(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// Skips spaces and tabs; whether there was at least one.
    @discardableResult
    private mutating func skipSpaces() -> Bool {
        let start = position
        while position < bytes.count, bytes[position] == ASCIIByte.space || bytes[position] == ASCIIByte.tab {
            position += 1
        }
        return position > start
    }

    /// Skips ASCII digits; whether there was at least one.
    private mutating func skipDigits() -> Bool {
        let start = position
        while position < bytes.count, ASCIIByte.isDigit(bytes[position]) {
            position += 1
        }
        return position > start
    }

    /// The decimal value of `digits`; nil when empty or when a byte is not a digit.
    static func number(_ digits: some Collection<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        var value = 0
        for byte in digits {
            guard ASCIIByte.isDigit(byte) else { return nil }
            value = value * 10 + Int(byte &- UInt8(ascii: "0"))
        }
        return value
    }

    /// The date, or nil when the day does not exist (in any year, when `year` is nil: Feb 29 exists).
    private static func partialDate(year: Int?, month: Int, day: Int) -> PartialDate? {
        if let year {
            guard Day(year: year, month: month, day: day) != nil else { return nil }
        } else {
            guard (1...12).contains(month), day >= 1, day <= Day.numberOfDays(inMonth: month, year: 2000) else {
                return nil
            }
        }
        return PartialDate(year: year, month: month, day: day)
    }

    private static func month(named name: String) -> Int? {
        monthNumbers[name]
    }

    private static func isWeekday(_ name: String) -> Bool {
        weekdayNames.contains(name)
    }

    private static let monthNumbers: [String: Int] = {
        let names = [
            "january", "february", "march", "april", "may", "june",
            "july", "august", "september", "october", "november", "december",
        ]
        var numbers: [String: Int] = ["sept": 9]
        for (offset, name) in names.enumerated() {
            numbers[name] = offset + 1
            numbers[String(name.prefix(3))] = offset + 1
        }
        return numbers
    }()

    private static let weekdayNames: Set<String> = {
        let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        return Set(names + names.map { String($0.prefix(3)) })
    }()
}
