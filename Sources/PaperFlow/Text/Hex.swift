import Crypto
import Foundation

/// Lowercase hexadecimal text of bytes.
public enum Hex {
    /// Returns two lowercase hex digits per byte of `bytes`, in order: `[0x0f, 0xa0]` → `"0fa0"`.
    public static func string<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)
}

/// SHA-256 digests as lowercase hex: the one way paperflow writes a digest.
public enum SHA256Hex {
    /// Returns the lowercase hex SHA-256 of `bytes` (64 characters).
    public static func digest(_ bytes: some DataProtocol) -> String {
        Hex.string(SHA256.hash(data: bytes))
    }

    /// Returns the lowercase hex SHA-256 of the UTF-8 bytes of `text` (64 characters).
    public static func digest(_ text: String) -> String {
        var text = text
        return text.withUTF8 { Hex.string(SHA256.hash(data: UnsafeRawBufferPointer($0))) }
    }
}
