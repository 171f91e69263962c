#if canImport(Glibc)
import Glibc
#endif

/// Fast searches for fixed byte strings (`memchr` for one byte, `memcmp` for the rest), for sniffing heads and
/// tails of files.
/// Never a way to read markup: only fixed strings, no patterns.
public enum ByteSearch {
    /// The offset (an index of `haystack`) where `needle` first occurs, if it does.
    public static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        haystack.withUnsafeBufferPointer { firstIndex(of: needle, in: $0) }.map { haystack.startIndex + $0 }
    }

    /// The index of `haystack` where `byte` first occurs, if it does (`memchr`).
    public static func firstIndex(of byte: UInt8, in haystack: ArraySlice<UInt8>) -> Int? {
        haystack.withUnsafeBufferPointer { firstIndex(of: byte, in: $0) }.map { haystack.startIndex + $0 }
    }

    /// The offset in `haystack` where `byte` first occurs, if it does (`memchr`).
    static func firstIndex(of byte: UInt8, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = haystack.baseAddress, let hit = memchr(base, Int32(byte), haystack.count) else { return nil }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
    }

    /// The offset in `haystack` where `needle` first occurs, if it does.
    ///
    /// `memchr` looks for the needle's first upper-case ASCII letter (rarer in pages than its first byte, often a
    /// lower-case letter or `<`), else for its first byte; `memcmp` checks each place it finds.
    static func firstIndex(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty ? 0 : nil }
        let anchor = needle.firstIndex { $0 &- UInt8(ascii: "A") < 26 } ?? 0
        return needle.withUnsafeBytes { pattern in
            guard let base = haystack.baseAddress.map(UnsafeRawPointer.init), let first = pattern.baseAddress else { return nil }
            let anchorByte = Int32(needle[anchor])
            // Places of the anchor byte that can start a match lie in anchor...(last + anchor).
            var offset = anchor
            let end = haystack.count - pattern.count + anchor + 1
            while offset < end {
                guard let hit = memchr(base + offset, anchorByte, end - offset) else { return nil }
                let position = base.distance(to: UnsafeRawPointer(hit)) - anchor
                if memcmp(base + position, first, pattern.count) == 0 { return position }
                offset = position + anchor + 1
            }
            return nil
        }
    }

    /// Whether `needle` occurs in `haystack`.
    public static func contains(_ needle: String, in haystack: ArraySlice<UInt8>) -> Bool {
        firstIndex(of: Array(needle.utf8), in: haystack) != nil
    }

    /// Whether `text` holds `needle` (ASCII), as `text.contains(needle)` tells; on bytes when `text` is ASCII too (then
    /// every character is one byte but a CR LF pair, which an ASCII needle without line breaks cannot split).
    static func text(_ text: String, contains needle: String) -> Bool {
        guard ASCIIByte.isASCII(text) else { return text.contains(needle) }
        var text = text
        return text.withUTF8 { firstIndex(of: Array(needle.utf8), in: $0) != nil }
    }

    /// Whether `needle` occurs in `haystack`, ignoring the case of ASCII letters.
    public static func containsIgnoringCase(_ needle: String, in haystack: ArraySlice<UInt8>) -> Bool {
        let pattern = Array(needle.utf8).map(ASCIIByte.lowercased)
        guard let lead = pattern.first, pattern.count <= haystack.count else { return pattern.isEmpty }
        let upperLead = lead >= UInt8(ascii: "a") && lead <= UInt8(ascii: "z") ? lead - 32 : lead
        return haystack.withUnsafeBufferPointer { hay in
            guard let base = hay.baseAddress else { return false }
            let last = hay.count - pattern.count
            // The next place of each spelling of the lead byte, found with memchr; -1 once there is none.
            func next(_ byte: UInt8, from start: Int) -> Int {
                guard start <= last, let hit = memchr(base + start, Int32(byte), last - start + 1) else { return -1 }
                return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            }
            var lower = next(lead, from: 0)
            var upper = upperLead == lead ? -1 : next(upperLead, from: 0)
            while lower >= 0 || upper >= 0 {
                let start = upper < 0 || (lower >= 0 && lower < upper) ? lower : upper
                var matched = 1
                while matched < pattern.count && ASCIIByte.lowercased(hay[start + matched]) == pattern[matched] { matched += 1 }
                if matched == pattern.count { return true }
                if start == lower { lower = next(lead, from: start + 1) } else { upper = next(upperLead, from: start + 1) }
            }
            return false
        }
    }
}
