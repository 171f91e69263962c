import CZlib

/// Settings for `Gzip.compress` and `GzipStreamWriter`.
///
/// The compressed bytes depend on `level`, `blockSize` and the libdeflate version only, never on the executor's jobs.
public struct GzipOptions: Sendable, Equatable {
    /// libdeflate compression level, from 1 (fastest) to 9 (smallest).
    public var level: Int
    /// Input bytes per block compressed on its own thread, from 1 byte to 1 GiB (default 1 MiB).
    public var blockSize: Int

    /// Options with the given level (default 6) and block size (default 1 MiB).
    public init(level: Int = 6, blockSize: Int = 1 << 20) {
        self.level = level
        self.blockSize = blockSize
    }

    static let levels = 1...9
    static let blockSizes = 1...(1 << 30)

    func validate() throws(GzipError) {
        guard Self.levels.contains(level) else {
            throw GzipError(kind: .invalidOptions, message: "compression level \(level) is outside 1...9")
        }
        guard Self.blockSizes.contains(blockSize) else {
            throw GzipError(kind: .invalidOptions, message: "block size \(blockSize) is outside 1...\(1 << 30) bytes")
        }
    }
}

/// Why gzip data could not be written or read.
///
/// `kind` tells what went wrong; `zlibCode` is the zlib return code behind it, when zlib reported it.
public struct GzipError: Error, CustomStringConvertible, Equatable {
    /// The class of failure, for callers that react differently to each.
    public enum Kind: Sendable, Equatable {
        /// `GzipOptions` out of range.
        case invalidOptions
        /// The input is empty or does not start with the gzip magic bytes.
        case notGzip
        /// The input ends inside a gzip member.
        case truncated
        /// Bad header or deflate data, a CRC-32 or length mismatch, or bytes after a member that are not a member.
        case corrupt
        /// zlib or libdeflate refused to work (out of memory, incompatible library, internal state error).
        case zlibFailure
    }

    /// The class of failure.
    public let kind: Kind
    /// What happened, in words.
    public let message: String
    /// The zlib return code (for example `Z_DATA_ERROR`, -3), or nil when the error did not come from zlib.
    public let zlibCode: Int32?

    /// An error of `kind` with a message and, when zlib reported it, the zlib return code.
    public init(kind: Kind, message: String, zlibCode: Int32? = nil) {
        self.kind = kind
        self.message = message
        self.zlibCode = zlibCode
    }

    /// The message, with the zlib code when there is one.
    public var description: String {
        guard let zlibCode else { return "gzip: \(message)" }
        return "gzip: \(message) (zlib code \(zlibCode))"
    }
}

/// gzip (RFC 1952) writing with the system libdeflate and reading with the system zlib.
///
/// Writing follows pigz: the input is cut into fixed-size blocks that libdeflate compresses in parallel,
/// each on its own, joined into one deflate stream (see `JoinableDeflate`); the result is one gzip member
/// whose bytes do not depend on the number of jobs. Reading accepts any gzip stream, including
/// concatenated members.
public enum Gzip {
    /// The version of the zlib library in use (reading, and finding where libdeflate's blocks end).
    public static var zlibVersion: String {
        String(cString: CZlib.zlibVersion())
    }

    /// The version of the libdeflate library that compresses, for the release manifest.
    public static var libdeflateVersion: String {
        JoinableDeflate.libdeflateVersion
    }

    /// Whether `prefix` starts with the gzip magic bytes 1f 8b.
    public static func isGzip(_ prefix: some Collection<UInt8>) -> Bool {
        var bytes = prefix.makeIterator()
        return bytes.next() == 0x1f && bytes.next() == 0x8b
    }

    /// One gzip member of `data`: header 1f 8b 08, no flags, MTIME 0, XFL 0, OS 255, no file name.
    ///
    /// Blocks of `options.blockSize` bytes compress on the executor's threads, each on its own; the output is identical
    /// for any `executor.jobs`, and to what a `GzipStreamWriter` writes for `data` appended in any pieces.
    /// Empty input gives a valid member of an empty stream. ISIZE is the input length modulo 2^32, as gzip writes it.
    public static func compress(
        _ data: [UInt8], options: GzipOptions = GzipOptions(), executor: ParallelExecutor
    ) throws(GzipError) -> [UInt8] {
        var compressed: [UInt8] = []
        var encoder = try GzipMemberEncoder<GzipError>(
            options: options, executor: executor, output: { compressed.append(contentsOf: $0) }, failure: { $0 })
        try data.withTypedThrowsUnsafeBytes { (bytes) throws(GzipError) in try encoder.append(bytes) }
        _ = try encoder.finish()
        return compressed
    }

    /// The uncompressed bytes of the gzip stream `data`; concatenated members give their concatenation.
    ///
    /// zlib checks each member's header, CRC-32 and ISIZE. Throws `.notGzip` when `data` is empty or not
    /// gzip, `.truncated` when it ends inside a member, `.corrupt` on bad data or trailing non-gzip bytes.
    public static func decompress(_ data: [UInt8]) throws(GzipError) -> [UInt8] {
        guard isGzip(data) else {
            let message = data.isEmpty ? "the input is empty" : "the input does not start with the gzip magic bytes 1f 8b"
            throw GzipError(kind: .notGzip, message: message)
        }
        return try GzipInflate.decompress(data, capacityHint: outputSizeHint(data))
    }

    /// The fixed member header: deflate, no flags, MTIME 0, XFL 0, OS 255 (unknown).
    static let header: [UInt8] = [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff]
    static let trailerSize = 8

    /// The member trailer: CRC-32 and input length modulo 2^32, both little-endian.
    static func trailer(crc: UInt32, inputLength: Int) -> [UInt8] {
        let isize = UInt32(truncatingIfNeeded: inputLength)
        return littleEndianBytes(crc) + littleEndianBytes(isize)
    }

    private static func littleEndianBytes(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    /// The ISIZE of the last member when it is plausible for `data`'s size, bounded to limit the first allocation.
    private static func outputSizeHint(_ data: [UInt8]) -> Int {
        let maximumDeflateRatio = 1032
        let largestHint = 1 << 28
        var isize = 0
        if data.count >= header.count + trailerSize {
            for offset in 0..<4 {
                isize |= Int(data[data.count - 4 + offset]) << (8 * offset)
            }
        }
        let plausible = isize <= data.count.multipliedReportingOverflow(by: maximumDeflateRatio).partialValue
        return min(largestHint, max(4096, plausible ? isize : data.count * 4))
    }
}

/// gzip decoding of a whole stream of members.
enum GzipInflate {
    /// The concatenated output of every gzip member in `data`, which starts with the gzip magic.
    static func decompress(_ data: [UInt8], capacityHint: Int) throws(GzipError) -> [UInt8] {
        try withZStream { (stream) throws(GzipError) -> [UInt8] in
            let gzipWindowBits = MAX_WBITS + 16
            let initCode = paperflow_inflateInit2(stream, gzipWindowBits)
            guard initCode == Z_OK else { throw GzipError.zlib(initCode, stream, during: "inflateInit2") }
            defer { inflateEnd(stream) }
            var output = [UInt8](repeating: 0, count: max(1, capacityHint))
            var produced = 0
            var consumed = 0
            while true {
                if produced == output.count {
                    output.append(contentsOf: repeatElement(0, count: max(output.count / 2, 64 * 1024)))
                }
                let code = data.withUnsafeBytes { input in
                    let remaining = UnsafeRawBufferPointer(rebasing: input[consumed...])
                    let fed = min(remaining.count, Int(UInt32.max))
                    stream.pointee.next_in = remaining.baseAddress.map {
                        UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self))
                    }
                    stream.pointee.avail_in = UInt32(fed)
                    let code = output.withUnsafeMutableBytes { buffer in
                        runStep(stream, output: buffer, produced: &produced) { inflate($0, Z_NO_FLUSH) }
                    }
                    consumed += fed - Int(stream.pointee.avail_in)
                    return code
                }
                switch code {
                case Z_OK:
                    continue
                case Z_STREAM_END:
                    if consumed == data.count {
                        output.removeLast(output.count - produced)
                        return output
                    }
                    guard Gzip.isGzip(data[consumed...]) else {
                        throw GzipError(
                            kind: .corrupt, message: "bytes after the gzip member ending at offset \(consumed) are not gzip")
                    }
                    let resetCode = inflateReset(stream)
                    guard resetCode == Z_OK else { throw GzipError.zlib(resetCode, stream, during: "inflateReset") }
                case Z_BUF_ERROR where consumed == data.count:
                    throw GzipError(
                        kind: .truncated, message: "the input ends inside a gzip member after \(data.count) bytes",
                        zlibCode: code)
                default:
                    throw GzipError.zlib(code, stream, during: "inflate")
                }
            }
        }
    }
}

/// Runs `body` on a heap-allocated z_stream: zlib keeps a pointer back to the stream, so it must not move.
func withZStream<Result>(
    _ body: (UnsafeMutablePointer<z_stream>) throws(GzipError) -> Result
) throws(GzipError) -> Result {
    let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    defer {
        stream.deinitialize(count: 1)
        stream.deallocate()
    }
    return try body(stream)
}

/// Points the stream's output at the free part of `output` (after `produced` bytes), runs one zlib call,
/// and advances `produced` by what it wrote.
private func runStep(
    _ stream: UnsafeMutablePointer<z_stream>, output: UnsafeMutableRawBufferPointer, produced: inout Int,
    _ call: (UnsafeMutablePointer<z_stream>) -> Int32
) -> Int32 {
    let free = UnsafeMutableRawBufferPointer(rebasing: output[produced...])
    let offered = min(free.count, Int(UInt32.max))
    stream.pointee.next_out = free.baseAddress?.assumingMemoryBound(to: Bytef.self)
    stream.pointee.avail_out = UInt32(offered)
    let code = call(stream)
    produced += offered - Int(stream.pointee.avail_out)
    return code
}

extension GzipError {
    /// An error for zlib return `code` from `operation`, with zlib's own message when it left one.
    static func zlib(_ code: Int32, _ stream: UnsafeMutablePointer<z_stream>, during operation: String) -> GzipError {
        let detail = stream.pointee.msg.map { String(cString: $0) } ?? String(cString: zError(code))
        let kind: Kind
        switch code {
        case Z_DATA_ERROR, Z_NEED_DICT: kind = .corrupt
        default: kind = .zlibFailure
        }
        return GzipError(kind: kind, message: "\(operation) failed: \(detail)", zlibCode: code)
    }
}
