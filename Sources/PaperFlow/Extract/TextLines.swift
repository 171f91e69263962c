/// One line of a text file: its 1-based number and its text.
public struct TextLine: Sendable {
    public var number: Int
    /// The text with invalid UTF-8 replaced by U+FFFD, without the line end.
    public var text: String
    /// Whether the original bytes were valid UTF-8.
    public var isValidUTF8: Bool
}

/// Splits text bytes into lines at `\n` (a `\r` before it is dropped, so CRLF files read as usual).
public enum TextLines {
    /// The lines of `bytes` that hold more than whitespace, the first `limit` of them; a leading UTF-8 byte order
    /// mark is skipped.
    public static func nonBlank(_ bytes: [UInt8], limit: Int = .max) -> [TextLine] {
        var lines: [TextLine] = []
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var number = 1
        while start <= bytes.count && lines.count < limit {
            let newline = ByteSearch.firstIndex(of: ASCIIByte.lineFeed, in: bytes[start...]) ?? bytes.count
            var end = newline
            if end > start && bytes[end - 1] == 0x0D { end -= 1 }
            let slice = bytes[start..<end]
            if !slice.allSatisfy(ASCIIByte.isWhitespace) {
                if let text = String(validating: slice, as: UTF8.self) {
                    lines.append(TextLine(number: number, text: text, isValidUTF8: true))
                } else {
                    lines.append(TextLine(number: number, text: String(decoding: slice, as: UTF8.self), isValidUTF8: false))
                }
            }
            if newline == bytes.count { break }
            start = newline + 1
            number += 1
        }
        return lines
    }
}
