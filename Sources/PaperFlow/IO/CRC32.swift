import CZlib

/// CRC-32 (the gzip/zlib polynomial) of byte ranges, computed by the system zlib.
///
/// Ranges checksummed separately (for example in parallel) are joined with `combine`, which gives
/// the same value as one pass over the concatenation.
enum CRC32 {
    /// The CRC-32 of an empty range, and the seed for `checksum`.
    static let empty: UInt32 = 0

    /// The CRC-32 of `bytes`, continuing from `seed` (the CRC-32 of the bytes before them).
    static func checksum(_ bytes: UnsafeRawBufferPointer, seed: UInt32 = empty) -> UInt32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return seed }
        let value = crc32_z(UInt(seed), base.assumingMemoryBound(to: Bytef.self), bytes.count)
        return UInt32(truncatingIfNeeded: value)
    }

    /// The CRC-32 of `first` followed by `second`, given both CRCs and the length of the second range.
    static func combine(_ first: UInt32, _ second: UInt32, secondLength: Int) -> UInt32 {
        let value = crc32_combine(UInt(first), UInt(second), secondLength)
        return UInt32(truncatingIfNeeded: value)
    }
}
