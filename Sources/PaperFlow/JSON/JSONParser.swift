/// Why a document is not JSON, and where: 1-based line and byte column of the offending byte.
///
/// Lines are counted by `\n`; at the end of the input the position is just past the last byte.
/// `description` reads `line 3, column 14: expected ',' or '}' after an object member`.
public struct JSONSyntaxError: Error, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let message: String

    /// An error at `line` and `column` (both 1-based, the column counted in bytes).
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        "line \(line), column \(column): \(message)"
    }
}

extension JSONValue {
    /// The deepest nesting of arrays and objects a document may have; deeper is a syntax error.
    public static let maximumNestingDepth = 512

    /// Parses one strict RFC 8259 document from UTF-8 bytes.
    ///
    /// Exactly one value with optional whitespace around it; no comments, trailing commas, NaN or
    /// byte order mark. Strings must be valid UTF-8 without raw control characters; lone surrogate
    /// escapes, duplicate keys in one object and nesting beyond `maximumNestingDepth` are errors.
    /// Runs without recursion, so hostile nesting cannot exhaust the stack.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer)
            return parser.parseDocument()
        }.get()
    }

    /// Parses one strict RFC 8259 document from the UTF-8 of `text`; see `parse(_: [UInt8])`.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var text = text
        return try text.withUTF8 { buffer in
            var parser = JSONParser(bytes: buffer)
            return parser.parseDocument()
        }.get()
    }

    /// Parses one strict RFC 8259 document from borrowed UTF-8 bytes (for example an attribute
    /// handed over by libxml2) without copying them; see `parse(_: [UInt8])`.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        return try parser.parseDocument().get()
    }
}

/// An array or object whose closing bracket has not been read yet.
private struct OpenContainer {
    /// Objects at least this large index their keys in a set for the duplicate check.
    static let keySetThreshold = 16

    let isObject: Bool
    var elements: [JSONValue] = []
    var members: [JSONObject.Member] = []
    var pendingKey = ""
    var keySet: Set<String>?

    init(isObject: Bool) {
        self.isObject = isObject
    }

    func hasMember(named key: String) -> Bool {
        if let keySet { return keySet.contains(key) }
        return members.contains { $0.key == key }
    }

    mutating func appendMember(_ value: JSONValue) {
        members.append(JSONObject.Member(key: pendingKey, value: value))
        if keySet != nil {
            keySet?.insert(pendingKey)
        } else if members.count >= Self.keySetThreshold {
            keySet = Set(members.map(\.key))
        }
    }
}

/// A single-use, iterative parser over a borrowed UTF-8 buffer.
private struct JSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    /// Reused for strings that contain escapes.
    private var unescaped: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func parseDocument() -> Result<JSONValue, JSONSyntaxError> {
        do throws(JSONSyntaxError) {
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                throw error("expected a value, found a UTF-8 byte order mark", at: 0)
            }
            let value = try parseValue()
            skipWhitespace()
            if position < bytes.count {
                throw error("unexpected \(describeByte(at: position)) after the JSON value", at: position)
            }
            return .success(value)
        } catch {
            return .failure(error)
        }
    }

    // MARK: - Structure

    /// Parses a value, keeping open arrays and objects on an explicit stack instead of recursing.
    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        var open: [OpenContainer] = []
        nextValue: while true {
            skipWhitespace()
            guard position < bytes.count else {
                throw error("expected a value, found end of input", at: position)
            }
            var value: JSONValue
            switch bytes[position] {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                let isObject = bytes[position] == UInt8(ascii: "{")
                guard open.count < JSONValue.maximumNestingDepth else {
                    throw error("nesting deeper than \(JSONValue.maximumNestingDepth) arrays and objects", at: position)
                }
                position += 1
                skipWhitespace()
                if isObject {
                    if consume(UInt8(ascii: "}")) {
                        value = .object(JSONObject([]))
                    } else {
                        var container = OpenContainer(isObject: true)
                        container.pendingKey = try parseKey(in: container)
                        open.append(container)
                        continue nextValue
                    }
                } else {
                    if consume(UInt8(ascii: "]")) {
                        value = .array([])
                    } else {
                        open.append(OpenContainer(isObject: false))
                        continue nextValue
                    }
                }
            case UInt8(ascii: "\""):
                value = .string(try parseString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = .number(try parseNumber())
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                value = .null
            default:
                throw error("expected a value, found \(describeByte(at: position))", at: position)
            }

            // Hand the finished value to its container; close containers that end here.
            while !open.isEmpty {
                let top = open.count - 1
                skipWhitespace()
                if open[top].isObject {
                    open[top].appendMember(value)
                    if consume(UInt8(ascii: ",")) {
                        skipWhitespace()
                        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                            throw error("trailing comma before '}'", at: position)
                        }
                        open[top].pendingKey = try parseKey(in: open[top])
                        continue nextValue
                    }
                    guard consume(UInt8(ascii: "}")) else {
                        throw error("expected ',' or '}' after an object member", at: position)
                    }
                    value = .object(JSONObject(open.removeLast().members))
                } else {
                    open[top].elements.append(value)
                    if consume(UInt8(ascii: ",")) {
                        skipWhitespace()
                        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                            throw error("trailing comma before ']'", at: position)
                        }
                        continue nextValue
                    }
                    guard consume(UInt8(ascii: "]")) else {
                        throw error("expected ',' or ']' after an array element", at: position)
                    }
                    value = .array(open.removeLast().elements)
                }
            }
            return value
        }
    }

    /// Reads `"key"` and the `:` after it; a key `container` already has is an error at the key.
    private mutating func parseKey(in container: OpenContainer) throws(JSONSyntaxError) -> String {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
            throw error("expected a string key", at: position)
        }
        let keyStart = position
        let key = try parseString()
        if container.hasMember(named: key) {
            throw error("duplicate key \(quoted(key)) in an object", at: keyStart)
        }
        skipWhitespace()
        guard consume(UInt8(ascii: ":")) else {
            throw error("expected ':' after an object key", at: position)
        }
        return key
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        let end = position + expected.count
        guard end <= bytes.count, UnsafeBufferPointer(rebasing: bytes[position..<end]).elementsEqual(expected) else {
            throw error("expected '\(literal)'", at: position)
        }
        position = end
    }

    // MARK: - Numbers

    private mutating func parseNumber() throws(JSONSyntaxError) -> JSONNumber {
        let start = position
        _ = consume(UInt8(ascii: "-"))
        guard isDigit(at: position) else {
            throw error("expected a digit after '-'", at: position)
        }
        if consume(UInt8(ascii: "0")) {
            if isDigit(at: position) {
                throw error("leading zeros are not allowed in a number", at: start)
            }
        } else {
            skipDigits()
        }
        if consume(UInt8(ascii: ".")) {
            guard isDigit(at: position) else {
                throw error("expected a digit after '.' in a number", at: position)
            }
            skipDigits()
        }
        if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
            if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
            guard isDigit(at: position) else {
                throw error("expected a digit in the exponent of a number", at: position)
            }
            skipDigits()
        }
        let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        return JSONNumber(checkedLiteral: literal)
    }

    private func isDigit(at index: Int) -> Bool {
        index < bytes.count && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9")
    }

    private mutating func skipDigits() {
        while isDigit(at: position) { position += 1 }
    }

    // MARK: - Strings

    /// Reads a string literal starting at its opening quote; escape-free strings are decoded in place.
    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let quote = position
        position += 1
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") {
                return try parseEscapedString(quote: quote, from: start)
            }
            try skipStringByte(byte)
        }
        throw error("unterminated string", at: quote)
    }

    /// Continues a string at its first backslash, collecting the unescaped UTF-8 in `unescaped`.
    private mutating func parseEscapedString(quote: Int, from start: Int) throws(JSONSyntaxError) -> String {
        unescaped.removeAll(keepingCapacity: true)
        var runStart = start
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                position += 1
                return String(decoding: unescaped, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                try appendEscape(quote: quote)
                runStart = position
                continue
            }
            try skipStringByte(byte)
        }
        throw error("unterminated string", at: quote)
    }

    /// Steps over one unescaped character of a string: an ASCII byte or a whole UTF-8 sequence.
    private mutating func skipStringByte(_ byte: UInt8) throws(JSONSyntaxError) {
        if byte >= 0x20, byte < 0x80 {
            position += 1
        } else if byte < 0x20 {
            throw error("unescaped control character \(hexByte(byte)) in a string", at: position)
        } else {
            try skipUTF8Sequence()
        }
    }

    /// Steps over the multi-byte UTF-8 sequence at `position`, rejecting overlong forms,
    /// encoded surrogates and code points above U+10FFFF.
    private mutating func skipUTF8Sequence() throws(JSONSyntaxError) {
        let lead = bytes[position]
        let continuationCount: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: continuationCount = 1
        case 0xE0: continuationCount = 2; secondRange = 0xA0...0xBF
        case 0xED: continuationCount = 2; secondRange = 0x80...0x9F
        case 0xE1...0xEF: continuationCount = 2
        case 0xF0: continuationCount = 3; secondRange = 0x90...0xBF
        case 0xF4: continuationCount = 3; secondRange = 0x80...0x8F
        case 0xF1...0xF3: continuationCount = 3
        default: throw error("invalid UTF-8 in a string", at: position)
        }
        for offset in 1...continuationCount {
            let index = position + offset
            let valid = offset == 1 ? secondRange : 0x80...0xBF
            guard index < bytes.count, valid.contains(bytes[index]) else {
                throw error("invalid UTF-8 in a string", at: position)
            }
        }
        position += 1 + continuationCount
    }

    /// Decodes the escape at `position` (a backslash) into `unescaped`.
    private mutating func appendEscape(quote: Int) throws(JSONSyntaxError) {
        let escapeStart = position
        guard position + 1 < bytes.count else {
            throw error("unterminated string", at: quote)
        }
        let letter = bytes[position + 1]
        position += 2
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(letter)
        case UInt8(ascii: "b"): unescaped.append(0x08)
        case UInt8(ascii: "f"): unescaped.append(0x0C)
        case UInt8(ascii: "n"): unescaped.append(0x0A)
        case UInt8(ascii: "r"): unescaped.append(0x0D)
        case UInt8(ascii: "t"): unescaped.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try readHexUnit(escapeStart: escapeStart)
            var scalarValue = UInt32(unit)
            if (0xDC00...0xDFFF).contains(unit) {
                throw error("lone surrogate \(escapeText(at: escapeStart)) in a string", at: escapeStart)
            }
            if (0xD800...0xDBFF).contains(unit) {
                let lowStart = position
                guard position + 1 < bytes.count,
                      bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                    throw error("lone surrogate \(escapeText(at: escapeStart)) in a string", at: escapeStart)
                }
                position += 2
                let low = try readHexUnit(escapeStart: lowStart)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error("lone surrogate \(escapeText(at: escapeStart)) in a string", at: escapeStart)
                }
                scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            }
            appendUTF8(scalarValue)
        default:
            throw error("invalid escape '\\\(Character(Unicode.Scalar(letter)))' in a string", at: escapeStart)
        }
    }

    /// Reads the four hex digits of a `\u` escape whose backslash is at `escapeStart`.
    private mutating func readHexUnit(escapeStart: Int) throws(JSONSyntaxError) -> UInt16 {
        var unit: UInt16 = 0
        for _ in 0..<4 {
            guard position < bytes.count, let digit = hexDigitValue(bytes[position]) else {
                throw error("expected 4 hex digits after '\\u' in a string", at: escapeStart)
            }
            unit = unit << 4 | UInt16(digit)
            position += 1
        }
        return unit
    }

    private func hexDigitValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Appends the UTF-8 encoding of a scalar value that is known not to be a surrogate.
    private mutating func appendUTF8(_ value: UInt32) {
        switch value {
        case ..<0x80:
            unescaped.append(UInt8(value))
        case ..<0x800:
            unescaped.append(UInt8(0xC0 | value >> 6))
            unescaped.append(UInt8(0x80 | value & 0x3F))
        case ..<0x10000:
            unescaped.append(UInt8(0xE0 | value >> 12))
            unescaped.append(UInt8(0x80 | value >> 6 & 0x3F))
            unescaped.append(UInt8(0x80 | value & 0x3F))
        default:
            unescaped.append(UInt8(0xF0 | value >> 18))
            unescaped.append(UInt8(0x80 | value >> 12 & 0x3F))
            unescaped.append(UInt8(0x80 | value >> 6 & 0x3F))
            unescaped.append(UInt8(0x80 | value & 0x3F))
        }
    }

    // MARK: - Bytes and positions

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): position += 1
            default: return
            }
        }
    }

    /// Steps over `byte` when it is next and says whether it was.
    private mutating func consume(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// An error at byte `offset`, with its line and column counted from the start of the input.
    private func error(_ message: String, at offset: Int) -> JSONSyntaxError {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return JSONSyntaxError(line: line, column: offset - lineStart + 1, message: message)
    }

    /// The byte at `index` for a message: `'x'` when printable ASCII, else `byte 0xNN`.
    private func describeByte(at index: Int) -> String {
        let byte = bytes[index]
        if byte > 0x20, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte \(hexByte(byte))"
    }

    /// The `\uXXXX` escape at `index` as written, for messages.
    private func escapeText(at index: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<min(index + 6, bytes.count)]), as: UTF8.self)
    }
}

/// `0x0A`-style uppercase hex of one byte, for messages.
private func hexByte(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return byte < 0x10 ? "0x0" + digits : "0x" + digits
}

/// `key` in double quotes with quotes, backslashes and control characters escaped, for messages.
private func quoted(_ key: String) -> String {
    var out: [UInt8] = []
    JSONWriter.appendString(key, to: &out)
    return String(decoding: out, as: UTF8.self)
}
