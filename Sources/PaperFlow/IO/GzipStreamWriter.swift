/// Writes one gzip member incrementally, compressing full blocks in parallel; bytes identical to `Gzip.compress` of the concatenation.
///
/// Input is held until `2 × executor.jobs` full blocks of `options.blockSize` are there and more follows; those
/// compress with libdeflate on the executor's threads and go to `output` in order, so memory stays at two blocks
/// per job whatever the total size (4 MiB of input plus its compressed bytes for 2 jobs and 1 MiB blocks).
/// `output` is called on the caller's thread, from `append` and `finish`, with bytes valid only during the
/// call. The output never depends on `executor.jobs` nor on how the input is split into appends. Errors
/// thrown by `output` pass through unchanged; compression failures throw `GzipError`.
public struct GzipStreamWriter: ~Copyable {
    private var encoder: GzipMemberEncoder<any Error>

    /// A writer of one member to `output`; throws `GzipError` `.invalidOptions` for options out of range.
    public init(
        options: GzipOptions = GzipOptions(), executor: ParallelExecutor,
        output: @escaping (UnsafeRawBufferPointer) throws -> Void
    ) throws(GzipError) {
        encoder = try GzipMemberEncoder(options: options, executor: executor, output: output) { $0 }
    }

    /// Adds `bytes` to the member; may compress and output full blocks before it returns.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
        try encoder.append(bytes)
    }

    /// Adds `bytes` to the member; may compress and output full blocks before it returns.
    public mutating func append(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try encoder.append($0) }
    }

    /// Adds `bytes` to the member; may compress and output full blocks before it returns.
    public mutating func append(_ bytes: ArraySlice<UInt8>) throws {
        try bytes.withUnsafeBytes { try encoder.append($0) }
    }

    /// Compresses the rest, outputs the last blocks and the trailer, and returns the sizes and digests of both streams.
    public consuming func finish() throws -> GzipStreamSummary {
        try encoder.finish()
    }
}

/// Sizes and SHA-256 digests of one gzip member and of the input it encodes, as a release manifest lists them.
public struct GzipStreamSummary: Sendable, Equatable {
    /// Bytes appended to the writer.
    public var uncompressedBytes: Int
    /// Bytes handed to the output: header, deflate data and trailer.
    public var compressedBytes: Int
    /// SHA-256 of the appended bytes, 64 lowercase hex digits.
    public var uncompressedSHA256: String
    /// SHA-256 of the gzip member, 64 lowercase hex digits.
    public var compressedSHA256: String

    /// A summary with the given sizes and lowercase hex digests.
    public init(uncompressedBytes: Int, compressedBytes: Int, uncompressedSHA256: String, compressedSHA256: String) {
        self.uncompressedBytes = uncompressedBytes
        self.compressedBytes = compressedBytes
        self.uncompressedSHA256 = uncompressedSHA256
        self.compressedSHA256 = compressedSHA256
    }
}
