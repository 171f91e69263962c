#if canImport(Glibc)
import Glibc
#endif

/// Fast searches for fixed byte strings (`memchr` for the first byte, `memcmp` for the rest), for sniffing
/// heads and tails of files.
/// Never a way to read markup: only fixed strings, no patterns.
public enum ByteSearch {
    /// The offset (an index of `haystack`) where `needle` first occurs, if it does.
    public static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        haystack.withUnsafeBufferPointer { firstIndex(of: needle, in: $0) }.map { haystack.startIndex + $0 }
    }

    /// The offset in `haystack` where `needle` first occurs, if it does.
    static func firstIndex(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty ? 0 : nil }
        return needle.withUnsafeBytes { pattern in
            guard let base = haystack.baseAddress.map(UnsafeRawPointer.init), let first = pattern.baseAddress else { return nil }
            let lead = Int32(needle[0])
            var offset = 0
            let last = haystack.count - pattern.count
            while offset <= last {
                guard let hit = memchr(base + offset, lead, last - offset + 1) else { return nil }
                let position = base.distance(to: UnsafeRawPointer(hit))
                if memcmp(base + position, first, pattern.count) == 0 { return position }
                offset = position + 1
            }
            return nil
        }
    }

    /// Whether `needle` occurs in `haystack`.
    public static func contains(_ needle: String, in haystack: ArraySlice<UInt8>) -> Bool {
        firstIndex(of: Array(needle.utf8), in: haystack) != nil
    }

    /// Whether `needle` occurs in `haystack`, ignoring the case of ASCII letters.
    public static func containsIgnoringCase(_ needle: String, in haystack: ArraySlice<UInt8>) -> Bool {
        let pattern = Array(needle.utf8).map(ASCIIByte.lowercased)
        guard let lead = pattern.first, pattern.count <= haystack.count else { return pattern.isEmpty }
        let upperLead = lead >= UInt8(ascii: "a") && lead <= UInt8(ascii: "z") ? lead - 32 : lead
        return haystack.withUnsafeBufferPointer { hay in
            var start = 0
            let last = hay.count - pattern.count
            while start <= last {
                let byte = hay[start]
                if byte == lead || byte == upperLead {
                    var matched = 1
                    while matched < pattern.count && ASCIIByte.lowercased(hay[start + matched]) == pattern[matched] { matched += 1 }
                    if matched == pattern.count { return true }
                }
                start += 1
            }
            return false
        }
    }
}
