#if canImport(Glibc)
import Glibc
#endif

/// The byte offset where each line of a byte buffer starts, for turning libxml2's line numbers into byte offsets.
///
/// Lines are counted as libxml2 counts them: 1-based, a new line after each `\n`.
struct LineStarts: Sendable {
    /// Offset of the start of each line (line 1 at index 0).
    private let starts: [Int]

    init(_ bytes: [UInt8]) {
        var starts = [0]
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count, let hit = memchr(base + offset, 0x0A, buffer.count - offset) {
                offset = base.distance(to: UnsafeRawPointer(hit)) + 1
                starts.append(offset)
            }
        }
        self.starts = starts
    }

    /// The byte offset of the start of `line`; 0 below line 1, the last line's start beyond the last line.
    func byteOffset(ofLine line: Int) -> Int {
        guard line >= 1 else { return 0 }
        return starts[min(line, starts.count) - 1]
    }
}
