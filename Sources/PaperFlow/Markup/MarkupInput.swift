/// Prepares markup bytes for libxml2: honours a declared charset, and marks undeclared invalid
/// UTF-8 so that only the records holding it are rejected, not the whole file.
///
/// Each byte that is not part of a valid UTF-8 sequence is replaced by ``invalidMarker`` (U+10FFFD,
/// the last private-use code point, which no page uses), and the document is parsed as UTF-8. Records whose fields
/// contain the marker become `invalid-utf8` rejects in `extract`.
public enum MarkupInput {
    /// The character that stands for an invalid byte.
    public static let invalidMarker: Character = "\u{10FFFD}"
    static let invalidMarkerBytes: [UInt8] = [0xF4, 0x8F, 0xBF, 0xBD]

    /// Bytes ready for the parser and the encoding to force (nil: let libxml2 follow the declaration).
    public struct Prepared: Sendable {
        public var bytes: [UInt8]
        public var encoding: String?
    }

    /// Decides the encoding of `bytes` and marks invalid UTF-8 when the document is UTF-8.
    public static func prepare(_ bytes: [UInt8]) -> Prepared {
        if let declared = declaredCharset(bytes), !isUTF8Name(declared) {
            return Prepared(bytes: bytes, encoding: nil)
        }
        if ContentScreen.invalidUTF8ByteCount(bytes[...], isComplete: true) == 0 {
            return Prepared(bytes: bytes, encoding: "UTF-8")
        }
        return Prepared(bytes: markingInvalidUTF8(bytes), encoding: "UTF-8")
    }

    /// The charset a document declares in its first 4 KiB: `<meta charset=…>`, a `Content-Type` meta,
    /// or the XML declaration's `encoding=`. A byte scan in the manner of the HTML encoding prescan.
    public static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(4096)
        for key in ["charset=", "encoding="] {
            var start = head.startIndex
            while let found = firstIndexIgnoringCase(key, in: head[start...]) {
                start = found + key.utf8.count
                var index = start
                while index < head.endIndex, head[index] == 0x22 || head[index] == 0x27 || head[index] == 0x20 { index += 1 }
                var end = index
                while end < head.endIndex, isCharsetByte(ASCIIByte.lowercased(head[end])) { end += 1 }
                if end > index { return String(decoding: head[index..<end].map(ASCIIByte.lowercased), as: UTF8.self) }
            }
        }
        return nil
    }

    /// Where `key` (lower-case ASCII) first occurs in `bytes`, ignoring the case of ASCII letters.
    private static func firstIndexIgnoringCase(_ key: String, in bytes: ArraySlice<UInt8>) -> Int? {
        let pattern = Array(key.utf8)
        guard pattern.count <= bytes.count else { return nil }
        for index in bytes.startIndex...(bytes.endIndex - pattern.count)
        where ASCIIByte.lowercased(bytes[index]) == pattern[0]
            && zip(bytes[index...], pattern).allSatisfy({ ASCIIByte.lowercased($0) == $1 }) {
            return index
        }
        return nil
    }

    static func isUTF8Name(_ name: String) -> Bool {
        name == "utf-8" || name == "utf8"
    }

    private static func isCharsetByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F || byte == 0x3A
    }

    /// `bytes` with every invalid UTF-8 byte replaced by the marker.
    static func markingInvalidUTF8(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var index = 0
        while index < bytes.count {
            let length = validSequenceLength(bytes, at: index)
            if length == 0 {
                out.append(contentsOf: invalidMarkerBytes)
                index += 1
            } else {
                out.append(contentsOf: bytes[index..<(index + length)])
                index += length
            }
        }
        return out
    }

    /// The length of the valid UTF-8 sequence at `index`, or 0 when the byte there starts none.
    static func validSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let length: Int
        switch bytes[index] {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        return ContentScreen.invalidUTF8ByteCount(bytes[index..<(index + length)], isComplete: true) == 0 ? length : 0
    }
}
