import Crypto

/// The engine behind `GzipStreamWriter` and `Gzip.compress`: one pigz-style gzip member written as input arrives.
///
/// Input collects until `blocksPerJob` full blocks per job are held and more input follows; those blocks then
/// compress in parallel, each on its own, and their bytes go to `output` in order, so memory stays at one batch
/// of input plus its compressed bytes. The last block, possibly short or empty, ends the member at `finish`.
/// `Failure` is the error `output` throws; `failure` turns a compression error into it.
struct GzipMemberEncoder<Failure: Error>: ~Copyable {
    /// Full blocks held per job before a batch compresses: enough to even out the jobs, few enough to keep memory low.
    static var blocksPerJob: Int { 2 }

    private let options: GzipOptions
    private let executor: ParallelExecutor
    private let output: (UnsafeRawBufferPointer) throws(Failure) -> Void
    private let failure: (GzipError) -> Failure
    /// Input bytes held before a batch compresses: `blocksPerJob` full blocks per job.
    private let batchBytes: Int
    /// Input not compressed yet, at most `batchBytes`.
    private var held: [UInt8] = []
    private var headerWritten = false
    private var crc = CRC32.empty
    private var inputCount = 0
    private var outputCount = 0
    private var inputHash = SHA256()
    private var outputHash = SHA256()

    /// An encoder that hands the member's bytes to `output` in order; throws `.invalidOptions` for bad options.
    init(
        options: GzipOptions, executor: ParallelExecutor,
        output: @escaping (UnsafeRawBufferPointer) throws(Failure) -> Void, failure: @escaping (GzipError) -> Failure
    ) throws(GzipError) {
        try options.validate()
        self.options = options
        self.executor = executor
        self.output = output
        self.failure = failure
        let perJob = options.blockSize * Self.blocksPerJob
        let (batchBytes, overflow) = perJob.multipliedReportingOverflow(by: executor.jobs)
        self.batchBytes = overflow ? perJob : batchBytes
        held.reserveCapacity(self.batchBytes)
    }

    /// Adds `bytes` to the member; compresses and outputs every batch that fills up while more input follows.
    mutating func append(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
        inputHash.update(bufferPointer: bytes)
        inputCount += bytes.count
        var rest = bytes[...]
        while !rest.isEmpty {
            if held.count == batchBytes {
                try compressHeldInput(endingMember: false)
            }
            let taken = min(rest.count, batchBytes - held.count)
            held.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest.prefix(taken)))
            rest = rest.dropFirst(taken)
        }
    }

    /// Compresses the input still held as the member's last blocks, outputs them and the trailer, and sums up the member.
    consuming func finish() throws(Failure) -> GzipStreamSummary {
        try compressHeldInput(endingMember: true)
        let trailer = Gzip.trailer(crc: crc, inputLength: inputCount)
        try trailer.withTypedThrowsUnsafeBytes { (bytes) throws(Failure) in try emit(bytes) }
        return GzipStreamSummary(
            uncompressedBytes: inputCount, compressedBytes: outputCount,
            uncompressedSHA256: Hex.string(inputHash.finalize()), compressedSHA256: Hex.string(outputHash.finalize()))
    }

    /// Compresses the held input in parallel blocks and outputs them; all of it is full blocks unless
    /// `endingMember`, when the last block ends the deflate stream.
    private mutating func compressHeldInput(endingMember: Bool) throws(Failure) {
        let blocks: [CompressedBlock]
        do {
            blocks = try Self.compressBlocks(of: held, options: options, endingMember: endingMember, executor: executor)
        } catch {
            throw failure(error)
        }
        for block in blocks {
            crc = CRC32.combine(crc, block.crc, secondLength: block.inputLength)
            try block.bytes.withTypedThrowsUnsafeBytes { (bytes) throws(Failure) in try emit(bytes) }
        }
        held.removeAll(keepingCapacity: true)
    }

    /// Outputs `bytes` of the member, after the header when they are the first.
    private mutating func emit(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
        if !headerWritten {
            headerWritten = true
            try Gzip.header.withTypedThrowsUnsafeBytes { (header) throws(Failure) in try pass(header) }
        }
        try pass(bytes)
    }

    private mutating func pass(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
        outputHash.update(bufferPointer: bytes)
        outputCount += bytes.count
        try output(bytes)
    }

    /// The blocks of `input`, compressed in parallel.
    private static func compressBlocks(
        of input: [UInt8], options: GzipOptions, endingMember: Bool, executor: ParallelExecutor
    ) throws(GzipError) -> [CompressedBlock] {
        let blockSize = options.blockSize
        let level = options.level
        let blockCount = endingMember ? max(1, (input.count + blockSize - 1) / blockSize) : input.count / blockSize
        return try executor.map(blockCount) { (index: Int) throws(GzipError) -> CompressedBlock in
            let lower = index * blockSize
            let range = lower..<min(input.count, lower + blockSize)
            let isLast = endingMember && index == blockCount - 1
            return try input.withTypedThrowsUnsafeBytes { (all) throws(GzipError) -> CompressedBlock in
                let block = UnsafeRawBufferPointer(rebasing: all[range])
                let bytes = try JoinableDeflate.compress(block, level: level, isLast: isLast)
                return CompressedBlock(bytes: bytes, crc: CRC32.checksum(block), inputLength: block.count)
            }
        }
    }
}

/// A block's raw deflate bytes with the CRC-32 and length of the input it encodes.
private struct CompressedBlock: Sendable {
    let bytes: [UInt8]
    let crc: UInt32
    let inputLength: Int
}

extension Array where Element == UInt8 {
    /// `withUnsafeBytes` for a body that throws a typed error, which the standard library's `rethrows` widens to `any Error`.
    func withTypedThrowsUnsafeBytes<Value, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Value
    ) throws(Failure) -> Value {
        try withUnsafeBytes { bytes in Result { () throws(Failure) -> Value in try body(bytes) } }.get()
    }
}
