/// One JSON value as read by `JSONValue.parse` or built for `JSONWriter`.
///
/// Objects keep their members in document order and numbers keep their literal, so a parsed
/// document serializes back to the same values. Equality compares members in order.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// A JSON number kept as the literal it was written as.
///
/// Integers of any size and decimals survive a round trip unchanged; `int` and `double` convert
/// the literal on each access. Two numbers are equal when their literals are (`1.0` ≠ `1`).
public struct JSONNumber: Equatable, Sendable {
    /// The number exactly as written in the document, e.g. `-12`, `0.5`, `1e-7`.
    public let literal: String

    /// A number for `value`, written in decimal without a fraction.
    public init(_ value: Int) {
        literal = String(value)
    }

    /// A number for `value`; nil when `value` is infinite or NaN, which JSON cannot express.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        literal = value.description
    }

    /// A number from a JSON number literal; nil unless `literal` is exactly one RFC 8259 number
    /// (no surrounding whitespace, no `+`, no leading zeros, no `NaN`).
    public init?(literal: String) {
        guard case .number(let number)? = try? JSONValue.parse(literal), number.literal == literal else {
            return nil
        }
        self = number
    }

    /// Wraps a literal the parser has already checked against the number grammar.
    init(checkedLiteral: String) {
        literal = checkedLiteral
    }

    /// True when the literal has neither a fraction nor an exponent (`42`, `-0`), whatever its size.
    public var isInteger: Bool {
        !literal.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// The value of an integer literal that fits `Int`; nil for a fraction, an exponent or an overflow.
    public var int: Int? {
        var negative = false
        var sawDigit = false
        var value = 0
        for byte in literal.utf8 {
            if byte == UInt8(ascii: "-"), !negative, !sawDigit {
                negative = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int(byte &- UInt8(ascii: "0"))
            let (shifted, shiftOverflow) = value.multipliedReportingOverflow(by: 10)
            let (next, addOverflow) = negative
                ? shifted.subtractingReportingOverflow(digit)
                : shifted.addingReportingOverflow(digit)
            if shiftOverflow || addOverflow { return nil }
            value = next
            sawDigit = true
        }
        return sawDigit ? value : nil
    }

    /// The nearest `Double` to the literal; nil when it lies outside `Double`'s finite range.
    public var double: Double? {
        guard let value = Double(literal), value.isFinite else { return nil }
        return value
    }
}

/// A JSON object: its members in document order.
///
/// Lookup by key is a linear scan, which suits the small objects of specs and records. The parser
/// never produces two members with one key; an object built by hand may, and then the subscript
/// returns the first.
public struct JSONObject: Equatable, Sendable {
    /// One `"key": value` pair of an object.
    public struct Member: Equatable, Sendable {
        public let key: String
        public let value: JSONValue

        /// A member that maps `key` to `value`.
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members in document (or insertion) order; serialization keeps this order.
    public var members: [Member]

    /// An object with `members`, in the given order.
    public init(_ members: [Member]) {
        self.members = members
    }

    /// The value of the first member named `key`, or nil when there is none.
    public subscript(key: String) -> JSONValue? {
        members.first { $0.key == key }?.value
    }
}

extension JSONValue {
    /// The JSON type as named in error messages: "null", "boolean", "integer" (a number literal
    /// without fraction or exponent), "number", "string", "array" or "object".
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number(let number): number.isInteger ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The text of a string value; nil for any other type.
    public var stringValue: String? {
        if case .string(let text) = self { text } else { nil }
    }

    /// The value of an integer number that fits `Int`; nil for any other value.
    public var intValue: Int? {
        if case .number(let number) = self { number.int } else { nil }
    }

    /// The value of any number as the nearest finite `Double`; nil for any other value.
    public var doubleValue: Double? {
        if case .number(let number) = self { number.double } else { nil }
    }

    /// The value of a boolean; nil for any other type.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { flag } else { nil }
    }

    /// The elements of an array; nil for any other type.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { elements } else { nil }
    }

    /// The object of an object value; nil for any other type.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { object } else { nil }
    }
}
