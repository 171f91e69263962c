/// Named ASCII bytes and byte classes for the byte-level fast paths of the Text layer.
enum ASCIIByte {
    static let tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let numberSign = UInt8(ascii: "#")
    static let ampersand = UInt8(ascii: "&")
    static let plus = UInt8(ascii: "+")
    static let comma = UInt8(ascii: ",")
    static let minus = UInt8(ascii: "-")
    static let period = UInt8(ascii: ".")
    static let colon = UInt8(ascii: ":")
    static let semicolon = UInt8(ascii: ";")
    static let backslash = UInt8(ascii: "\\")
    static let openingBrace = UInt8(ascii: "{")
    static let closingBrace = UInt8(ascii: "}")

    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLetter(byte) || isDigit(byte)
    }

    /// The byte with an upper-case ASCII letter turned to lower case; every other byte unchanged.
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    /// True for the ASCII characters with the Unicode White_Space property: tab, LF, VT, FF, CR and space.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte &- tab < 5
    }

    /// The value of `byte` as a digit in `radix` (10 or 16); nil when it is not one.
    static func digitValue(_ byte: UInt8, radix: UInt32) -> UInt32? {
        if isDigit(byte) { return UInt32(byte &- UInt8(ascii: "0")) }
        guard radix == 16 else { return nil }
        let lower = byte | 0x20
        guard lower &- UInt8(ascii: "a") < 6 else { return nil }
        return UInt32(lower &- UInt8(ascii: "a")) + 10
    }

    /// Whether every byte of `text` is ASCII; one branch-free pass over its UTF-8.
    static func isASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var union: UInt8 = 0
            for byte in bytes {
                union |= byte
            }
            return union < 0x80
        }
    }

    /// Whether `text` holds `target` (an ASCII byte) in its UTF-8.
    static func contains(_ target: UInt8, in text: String) -> Bool {
        var text = text
        return text.withUTF8 { ByteSearch.firstIndex(of: target, in: $0) != nil }
    }
}
