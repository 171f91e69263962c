/// File-level checks that run before sniffing: empty and binary content (DESIGN §8).
public enum ContentScreen {
    /// How many leading bytes the binary check and the sniffers look at.
    public static let headLength = 65_536

    /// The verdict on a file's content.
    public enum Verdict: Equatable, Sendable {
        case text
        case empty
        /// A NUL byte, or over 10% of bytes invalid UTF-8, within the head.
        case binary(String)
    }

    /// Screens `bytes`: empty (nothing but whitespace), binary, or text.
    public static func screen(_ bytes: [UInt8]) -> Verdict {
        if bytes.allSatisfy(ASCIIByte.isWhitespace) { return .empty }
        let head = bytes.prefix(headLength)
        if let nul = ByteSearch.firstIndex(of: 0, in: head) { return .binary("NUL byte at byte \(nul)") }
        let invalid = invalidUTF8ByteCount(head, isComplete: bytes.count <= headLength)
        if invalid * 10 > head.count {
            return .binary("\(invalid) of the first \(head.count) bytes are not valid UTF-8")
        }
        return .text
    }

    /// The index of the first byte at or after `start` that is not ASCII (or the end), checking 8 bytes at a time.
    static func endOfASCIIRun(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int {
        bytes.withUnsafeBytes { raw in
            var offset = start - bytes.startIndex
            while offset + 8 <= raw.count && raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                offset += 8
            }
            while offset < raw.count && raw[offset] < 0x80 { offset += 1 }
            return bytes.startIndex + offset
        }
    }

    /// Bytes that belong to no valid UTF-8 sequence. A sequence cut by the end of an incomplete head is not counted.
    static func invalidUTF8ByteCount(_ bytes: ArraySlice<UInt8>, isComplete: Bool) -> Int {
        var invalid = 0
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let lead = bytes[index]
            if lead < 0x80 {
                index = endOfASCIIRun(bytes, from: index + 1)
                continue
            }
            let length: Int
            var lowerSecond: UInt8 = 0x80
            var upperSecond: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lowerSecond = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upperSecond = 0x9F
            case 0xF0: length = 4; lowerSecond = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upperSecond = 0x8F
            default:
                invalid += 1
                index += 1
                continue
            }
            if index + length > end && !isComplete {
                return invalid
            }
            var valid = index + length <= end
            if valid {
                for offset in 1..<length {
                    let byte = bytes[index + offset]
                    let lower = offset == 1 ? lowerSecond : 0x80
                    let upper = offset == 1 ? upperSecond : 0xBF
                    if byte < lower || byte > upper {
                        valid = false
                        break
                    }
                }
            }
            if valid {
                index += length
            } else {
                invalid += 1
                index += 1
            }
        }
        return invalid
    }
}
