import Crypto
import Foundation

/// Lowercase hexadecimal text of bytes.
public enum Hex {
    /// Returns two lowercase hex digits per byte of `bytes`, in order: `[0x0f, 0xa0]` → `"0fa0"`.
    public static func string<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        Array(bytes).withUnsafeBytes { string(rawBytes: $0) }
    }

    /// ``string(_:)`` of raw bytes, written straight into the string's storage.
    static func string(rawBytes bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { output in
            for (index, byte) in bytes.enumerated() {
                output[2 * index] = digit(byte >> 4)
                output[2 * index + 1] = digit(byte & 0x0F)
            }
            return bytes.count * 2
        }
    }

    private static func digit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}

/// SHA-256 digests as lowercase hex: the one way paperflow writes a digest.
public enum SHA256Hex {
    /// Returns the lowercase hex SHA-256 of `bytes` (64 characters).
    public static func digest(_ bytes: some DataProtocol) -> String {
        SHA256.hash(data: bytes).withUnsafeBytes { Hex.string(rawBytes: $0) }
    }

    /// Returns the lowercase hex SHA-256 of the UTF-8 bytes of `text` (64 characters).
    public static func digest(_ text: String) -> String {
        var text = text
        return text.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)).withUnsafeBytes { Hex.string(rawBytes: $0) } }
    }
}
