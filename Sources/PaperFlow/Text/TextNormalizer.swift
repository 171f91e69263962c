import Foundation

/// Normalizes a text field (title, abstract, author, …) as DESIGN §2 "Text" requires.
///
/// One level of HTML entities decoded, NFC, every run of Unicode White_Space (U+2028, U+2029 and U+0085
/// included) turned into one ASCII space, leading and trailing whitespace removed. TeX and markdown stay as written.
public enum TextNormalizer {
    /// Returns the normalized form of `text`; pure-ASCII input takes a byte-level path and is returned as is
    /// when it is already normalized.
    public static func normalize(_ text: String) -> String {
        let decoded = HTMLEntities.decode(text)
        if ASCIIByte.isASCII(decoded) {
            return collapsingASCIIWhitespace(decoded)
        }
        if isKnownNFC(decoded) {
            return collapsingWhitespace(decoded)
        }
        return collapsingWhitespace(decoded.precomposedStringWithCanonicalMapping)
    }

    /// Returns the normalized form of `text`, or nil when `text` is nil or normalizes to the empty string.
    public static func normalizeOptional(_ text: String?) -> String? {
        guard let text else { return nil }
        let normalized = normalize(text)
        return normalized.isEmpty ? nil : normalized
    }

    /// True when every scalar of `text` passes `isNFCStableStarter`: such a text is already NFC, and Foundation's
    /// NFC (~28 MB/s) can be skipped. False only means "not known".
    static func isKnownNFC(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                if bytes[index] < 0x80 {
                    index += 1
                    continue
                }
                let scalar = decodeScalar(in: bytes, at: index)
                guard isNFCStableStarter(value: scalar.value) else { return false }
                index += scalar.length
            }
            return true
        }
    }

    /// Whether NFC leaves `scalar` alone in any text: see `isNFCStableStarter(value:)`.
    static func isNFCStableStarter(_ scalar: Unicode.Scalar) -> Bool {
        isNFCStableStarter(value: scalar.value)
    }

    /// Scalars of common scripts that NFC never changes: no canonical decomposition or an allowed one (precomposed
    /// letters), combining class 0, and never the second part of a composition. Checked against Unicode's data in
    /// the tests.
    private static func isNFCStableStarter(value: UInt32) -> Bool {
        switch value {
        case 0x00...0x2FF,  // ASCII, Latin-1, Latin Extended-A/B, IPA, spacing modifiers
            0x391...0x3A9, 0x3B1...0x3C9,  // basic Greek letters
            0x400...0x482, 0x48A...0x4FF,  // Cyrillic without its combining marks
            0x2010...0x2027, 0x2030...0x205E,  // dashes, quotes, bullets, ellipsis, primes
            0x3000...0x3029, 0x3041...0x3096,  // CJK punctuation, hiragana
            0x4E00...0x9FFF,  // CJK unified ideographs
            0xAC00...0xD7A3,  // Hangul syllables
            0xFF01...0xFF5E:  // fullwidth ASCII
            true
        default:
            false
        }
    }

    /// `collapsingWhitespace` for a pure-ASCII `text`, on bytes only.
    private static func collapsingASCIIWhitespace(_ text: String) -> String {
        var text = text
        let collapsed: String? = text.withUTF8 { bytes in
            guard needsASCIIWhitespaceCollapse(bytes) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { output in
                var written = 0
                var pendingSpace = false
                for byte in bytes {
                    if ASCIIByte.isWhitespace(byte) {
                        pendingSpace = written > 0
                        continue
                    }
                    if pendingSpace {
                        output[written] = ASCIIByte.space
                        written += 1
                        pendingSpace = false
                    }
                    output[written] = byte
                    written += 1
                }
                return written
            }
        }
        return collapsed ?? text
    }

    /// Whether ASCII `bytes` hold leading or trailing whitespace, whitespace other than a space, or two spaces in a row.
    private static func needsASCIIWhitespaceCollapse(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousWasSpace = true
        for byte in bytes {
            if byte == ASCIIByte.space {
                if previousWasSpace { return true }
                previousWasSpace = true
            } else if ASCIIByte.isWhitespace(byte) {
                return true
            } else {
                previousWasSpace = false
            }
        }
        return previousWasSpace
    }

    /// `text` with every run of White_Space turned into one space and the ends trimmed; `text` itself when it has
    /// nothing to change.
    private static func collapsingWhitespace(_ text: String) -> String {
        var text = text
        let collapsed: String? = text.withUTF8 { bytes in
            guard needsWhitespaceCollapse(bytes) else { return nil }
            // A run of whitespace becomes at most one byte: the text never grows.
            return String(unsafeUninitializedCapacity: bytes.count) { output in
                var written = 0
                var pendingSpace = false
                var index = 0
                while index < bytes.count {
                    let scalar = scalarShape(in: bytes, at: index)
                    if scalar.isWhitespace {
                        pendingSpace = written > 0
                    } else {
                        if pendingSpace {
                            output[written] = ASCIIByte.space
                            written += 1
                            pendingSpace = false
                        }
                        for offset in 0..<scalar.length { output[written + offset] = bytes[index + offset] }
                        written += scalar.length
                    }
                    index += scalar.length
                }
                return written
            }
        }
        return collapsed ?? text
    }

    /// Whether `bytes` hold leading or trailing whitespace, whitespace other than one ASCII space, or two in a row.
    private static func needsWhitespaceCollapse(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousWasSpace = true
        var index = 0
        while index < bytes.count {
            if bytes[index] == ASCIIByte.space {
                if previousWasSpace { return true }
                previousWasSpace = true
                index += 1
                continue
            }
            let scalar = scalarShape(in: bytes, at: index)
            if scalar.isWhitespace { return true }
            previousWasSpace = false
            index += scalar.length
        }
        return previousWasSpace
    }

    /// The length in bytes of the scalar at `index` of valid UTF-8, and whether it has the White_Space property.
    private static func scalarShape(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (length: Int, isWhitespace: Bool) {
        let lead = bytes[index]
        if lead < 0x80 {
            return (1, ASCIIByte.isWhitespace(lead))
        }
        let scalar = decodeScalar(in: bytes, at: index)
        return (scalar.length, Unicode.Scalar(scalar.value)?.properties.isWhitespace ?? false)
    }

    /// The scalar value and length of the multi-byte sequence at `index` of valid UTF-8 (a String's bytes).
    private static func decodeScalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int) {
        let lead = UInt32(bytes[index])
        let length = lead < 0xE0 ? 2 : (lead < 0xF0 ? 3 : 4)
        var value = lead & (0x7F >> UInt32(length))
        for offset in 1..<length {
            value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        return (value, length)
    }
}
