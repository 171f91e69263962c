import CLibDeflate
import CZlib

/// Raw deflate of one block with libdeflate, ended so that blocks join into one pigz-style deflate stream.
///
/// libdeflate has no dictionary and always marks its last deflate block final. For a block that is not the
/// member's last, zlib's `inflate` with `Z_BLOCK` finds where that final deflate block starts (as zlib's
/// examples/gzjoin.c does), its BFINAL bit is cleared, and an empty stored block ends the bits so the next
/// block starts on a byte. The member's last block keeps its BFINAL bit.
enum JoinableDeflate {
    /// The version of libdeflate in use, for the release manifest.
    static var libdeflateVersion: String {
        String(cString: paperflow_libdeflate_version())
    }

    /// The raw deflate bytes of `block` at `level` (1...9); final only when `isLast`, else ending on a byte.
    static func compress(_ block: UnsafeRawBufferPointer, level: Int, isLast: Bool) throws(GzipError) -> [UInt8] {
        guard let compressor = libdeflate_alloc_compressor(Int32(level)) else {
            throw GzipError(kind: .zlibFailure, message: "libdeflate could not allocate a compressor for level \(level)")
        }
        defer { libdeflate_free_compressor(compressor) }
        let bound = libdeflate_deflate_compress_bound(compressor, block.count)
        var output = [UInt8](repeating: 0, count: bound + emptyStoredBlock.count + 1)
        let written = output.withUnsafeMutableBytes { buffer in
            libdeflate_deflate_compress(compressor, block.baseAddress, block.count, buffer.baseAddress, buffer.count)
        }
        guard written > 0 else {
            throw GzipError(kind: .zlibFailure, message: "libdeflate output exceeded its own bound of \(bound) bytes")
        }
        output.removeLast(output.count - written)
        if isLast { return output }
        let final = try finalBlock(of: output)
        let finalFlag: UInt8 = 1 << UInt8(final.headerBit % 8)
        guard output[final.headerBit / 8] & finalFlag != 0 else {
            throw GzipError(kind: .zlibFailure, message: "the final deflate block of libdeflate output has no BFINAL bit")
        }
        output[final.headerBit / 8] &= ~finalFlag
        let usedBits = 8 - final.unusedBits
        if final.unusedBits > 0 {
            output[output.count - 1] &= UInt8((1 << usedBits) - 1)
        }
        if final.unusedBits < 3 {
            output.append(0)
        }
        output.append(contentsOf: emptyStoredBlock)
        return output
    }

    /// LEN 0 and NLEN 0xffff of an empty stored block, after its 3 header bits and padding to a byte.
    private static let emptyStoredBlock: [UInt8] = [0x00, 0x00, 0xff, 0xff]

    /// Where the final deflate block of the complete raw deflate `stream` starts (bit offset, least
    /// significant bit first) and how many bits of the stream's last byte are padding.
    static func finalBlock(of stream: [UInt8]) throws(GzipError) -> (headerBit: Int, unusedBits: Int) {
        try withZStream { (zstream) throws(GzipError) -> (headerBit: Int, unusedBits: Int) in
            let initCode = paperflow_inflateInit2(zstream, -MAX_WBITS)
            guard initCode == Z_OK else { throw GzipError.zlib(initCode, zstream, during: "inflateInit2") }
            defer { inflateEnd(zstream) }
            var scratch = [UInt8](repeating: 0, count: scratchSize)
            return try stream.withTypedThrowsUnsafeBytes { (input) throws(GzipError) -> (headerBit: Int, unusedBits: Int) in
                zstream.pointee.next_in = input.baseAddress.map {
                    UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self))
                }
                zstream.pointee.avail_in = UInt32(input.count)
                var headerBit = 0
                while true {
                    let code = scratch.withUnsafeMutableBytes { output in
                        zstream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
                        zstream.pointee.avail_out = UInt32(output.count)
                        return inflate(zstream, Z_BLOCK)
                    }
                    guard code == Z_OK else { throw GzipError.zlib(code, zstream, during: "inflate of a deflate block") }
                    let dataType = Int(zstream.pointee.data_type)
                    let atBlockBoundary = dataType & 128 != 0
                    guard atBlockBoundary else { continue }
                    let unusedBits = dataType & 7
                    let consumed = input.count - Int(zstream.pointee.avail_in)
                    let previousWasFinal = dataType & 64 != 0
                    if !previousWasFinal {
                        headerBit = consumed * 8 - unusedBits
                        continue
                    }
                    guard consumed == input.count else {
                        throw GzipError(
                            kind: .zlibFailure,
                            message: "libdeflate output has \(input.count - consumed) bytes after its final block")
                    }
                    return (headerBit, unusedBits)
                }
            }
        }
    }

    private static let scratchSize = 64 * 1024
}
