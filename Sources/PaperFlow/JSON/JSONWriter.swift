/// Writes canonical JSON as UTF-8 bytes: one escaping rule, members in stored order, numbers as
/// their literal, so equal values always give identical bytes.
public enum JSONWriter {
    /// Appends `text` as a JSON string literal: `"` and `\` escaped, control characters below 0x20 as \b \f \n \r \t or \u00XX
    /// (lowercase hex), everything else (including `/`, DEL and all non-ASCII) as raw UTF-8.
    public static func appendString(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            out.append(UInt8(ascii: "\""))
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < index {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                }
                appendEscape(of: byte, to: &out)
                runStart = index + 1
            }
            if runStart < utf8.count {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
            }
            out.append(UInt8(ascii: "\""))
        }
    }

    /// Appends `value` in decimal (`-` for negatives, no leading zeros), including `Int.min`.
    public static func appendInt(_ value: Int, to out: inout [UInt8]) {
        var magnitude = value.magnitude
        if value < 0 { out.append(UInt8(ascii: "-")) }
        if magnitude < 10 {
            out.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var cursor = digits.count
            repeat {
                cursor -= 1
                digits[cursor] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[cursor...]))
        }
    }

    /// Compact (no spaces) or pretty (2-space indent, `"key": value`, one member per line, `[]`/`{}` for empty) serialization of a value;
    /// members in their stored order; numbers as their literal. No trailing newline.
    public static func serialize(_ value: JSONValue, pretty: Bool) -> [UInt8] {
        var out: [UInt8] = []
        append(value, pretty: pretty, to: &out)
        return out
    }

    /// Appends the serialization of `value` (as `serialize` would return it) to `out`, so many
    /// values can share one buffer, e.g. JSON lines. Recurses once per nesting level.
    public static func append(_ value: JSONValue, pretty: Bool, to out: inout [UInt8]) {
        if pretty {
            appendPretty(value, depth: 0, to: &out)
        } else {
            appendCompact(value, to: &out)
        }
    }

    private static func appendCompact(_ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendCompact(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for (index, member) in object.members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                appendCompact(member.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .string(let text): appendString(text, to: &out)
        case .number(let number): out.append(contentsOf: number.literal.utf8)
        case .bool(true): out.append(contentsOf: "true".utf8)
        case .bool(false): out.append(contentsOf: "false".utf8)
        case .null: out.append(contentsOf: "null".utf8)
        }
    }

    private static func appendPretty(_ value: JSONValue, depth: Int, to out: inout [UInt8]) {
        switch value {
        case .array(let elements) where !elements.isEmpty:
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendNewline(indentingTo: depth + 1, to: &out)
                appendPretty(element, depth: depth + 1, to: &out)
            }
            appendNewline(indentingTo: depth, to: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let object) where !object.members.isEmpty:
            out.append(UInt8(ascii: "{"))
            for (index, member) in object.members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendNewline(indentingTo: depth + 1, to: &out)
                appendString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                out.append(UInt8(ascii: " "))
                appendPretty(member.value, depth: depth + 1, to: &out)
            }
            appendNewline(indentingTo: depth, to: &out)
            out.append(UInt8(ascii: "}"))
        default:
            appendCompact(value, to: &out)
        }
    }

    private static func appendNewline(indentingTo depth: Int, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    /// Appends the escape sequence of a byte that cannot appear raw in a string literal.
    private static func appendEscape(of byte: UInt8, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(UInt8(ascii: "f"))
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        default:
            let hexDigits: StaticString = "0123456789abcdef"
            out.append(contentsOf: "u00".utf8)
            out.append(hexDigits.utf8Start[Int(byte >> 4)])
            out.append(hexDigits.utf8Start[Int(byte & 0x0F)])
        }
    }
}
