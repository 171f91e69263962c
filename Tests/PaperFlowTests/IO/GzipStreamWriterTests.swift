import Foundation
import Testing

@testable import PaperFlow

@Suite("GzipStreamWriter")
struct GzipStreamWriterTests {
    /// Small blocks, so that inputs of a few hundred KB span many blocks and batches.
    private static let smallBlocks = GzipOptions(level: 6, blockSize: 3000)

    private struct OutputFailed: Error, Equatable {}

    /// The member written by a writer fed `data` cut at `cuts` (offsets into `data`, ascending), and its summary.
    private static func streamed(
        _ data: [UInt8], cuts: [Int], options: GzipOptions, jobs: Int
    ) throws -> (bytes: [UInt8], summary: GzipStreamSummary) {
        var bytes: [UInt8] = []
        var writer = try GzipStreamWriter(options: options, executor: ParallelExecutor(jobs: jobs)) {
            bytes.append(contentsOf: $0)
        }
        var start = 0
        for cut in cuts + [data.count] {
            try writer.append(data[start..<cut])
            start = cut
        }
        let summary = try writer.finish()
        return (bytes, summary)
    }

    /// `count` ascending cut offsets in `0...length`, repeats allowed (empty appends), from a fixed generator.
    private static func randomCuts(length: Int, count: Int, seed: UInt64) -> [Int] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(length + 1))
        }.sorted()
    }

    @Test(arguments: [1, 2, 4])
    func randomSplitsGiveTheBytesOfOneCompress(jobs: Int) throws {
        let text = GzipSamples.text(byteCount: 200_000)
        let whole = try Gzip.compress(text, options: Self.smallBlocks, executor: ParallelExecutor(jobs: 1))
        for seed in UInt64(1)...12 {
            let cuts = Self.randomCuts(length: text.count, count: Int(seed * 7 % 40), seed: seed)
            let streamed = try Self.streamed(text, cuts: cuts, options: Self.smallBlocks, jobs: jobs)
            #expect(GzipSamples.firstDifference(streamed.bytes, whole) == nil, "seed \(seed), cuts \(cuts)")
        }
    }

    @Test(arguments: [1, 2, 4])
    func lengthsAtBlockAndBatchEdgesGiveTheBytesOfOneCompress(jobs: Int) throws {
        let blockSize = Self.smallBlocks.blockSize
        let batch = blockSize * GzipMemberEncoder<GzipError>.blocksPerJob * jobs
        let lengths = [
            0, 1, blockSize - 1, blockSize, blockSize + 1, 3 * blockSize, batch - 1, batch, batch + 1,
            2 * batch, 2 * batch + 1, 5 * batch + blockSize,
        ]
        let text = GzipSamples.text(byteCount: lengths.max() ?? 0)
        for length in lengths {
            let data = Array(text.prefix(length))
            let whole = try Gzip.compress(data, options: Self.smallBlocks, executor: ParallelExecutor(jobs: 1))
            let everyBlock = Array(stride(from: blockSize, to: length, by: blockSize))
            for cuts in [[], everyBlock, [0, length], [length / 2]] {
                let streamed = try Self.streamed(data, cuts: cuts, options: Self.smallBlocks, jobs: jobs)
                #expect(GzipSamples.firstDifference(streamed.bytes, whole) == nil, "length \(length), cuts \(cuts)")
                #expect(GzipSamples.firstDifference(try Gzip.decompress(streamed.bytes), data) == nil)
            }
        }
    }

    @Test func byteByByteAppendsGiveTheBytesOfOneCompress() throws {
        let text = GzipSamples.text(byteCount: 20_000)
        let options = GzipOptions(level: 1, blockSize: 700)
        let whole = try Gzip.compress(text, options: options, executor: ParallelExecutor(jobs: 1))
        let streamed = try Self.streamed(text, cuts: Array(1..<text.count), options: options, jobs: 2)
        #expect(GzipSamples.firstDifference(streamed.bytes, whole) == nil)
    }

    @Test func summaryGivesSizesAndDigestsOfBothStreams() throws {
        let text = GzipSamples.text(byteCount: 50_000)
        let streamed = try Self.streamed(text, cuts: [10_000, 30_000], options: Self.smallBlocks, jobs: 2)
        #expect(streamed.summary.uncompressedBytes == text.count)
        #expect(streamed.summary.compressedBytes == streamed.bytes.count)
        #expect(streamed.summary.uncompressedSHA256 == SHA256Hex.digest(text))
        #expect(streamed.summary.compressedSHA256 == SHA256Hex.digest(streamed.bytes))
    }

    @Test func summarisesAnEmptyMember() throws {
        let streamed = try Self.streamed([], cuts: [], options: GzipOptions(), jobs: 2)
        #expect(streamed.bytes == (try Gzip.compress([], executor: ParallelExecutor(jobs: 1))))
        #expect(streamed.summary == GzipStreamSummary(
            uncompressedBytes: 0, compressedBytes: 23,
            uncompressedSHA256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            compressedSHA256: SHA256Hex.digest(streamed.bytes)))
    }

    @Test(arguments: [1, 2])
    func outputsEachBatchOnceMoreInputFollows(jobs: Int) throws {
        let text = GzipSamples.text(byteCount: 21 * 7_000)
        let options = GzipOptions(level: 6, blockSize: 4096)
        let batch = options.blockSize * GzipMemberEncoder<GzipError>.blocksPerJob * jobs
        var bytes: [UInt8] = []
        var writer = try GzipStreamWriter(options: options, executor: ParallelExecutor(jobs: jobs)) {
            bytes.append(contentsOf: $0)
        }
        for end in stride(from: 7_000, through: text.count, by: 7_000) {
            try writer.append(text[(end - 7_000)..<end])
            let compressed = (end - 1) / batch * batch
            #expect(GzipSamples.firstDifference(try Self.decodedSoFar(bytes, inputLength: compressed, of: text), Array(text.prefix(compressed))) == nil)
        }
        _ = try writer.finish()
        #expect(GzipSamples.firstDifference(try Gzip.decompress(bytes), text) == nil)
    }

    @Test func passesOutputErrorsThrough() throws {
        var writer = try GzipStreamWriter(options: GzipOptions(blockSize: 1000), executor: ParallelExecutor(jobs: 1)) { _ in
            throw OutputFailed()
        }
        try writer.append(Array(repeating: 0x61, count: 2000))
        #expect(throws: OutputFailed()) { try writer.append([0x62]) }
        var small = try GzipStreamWriter(executor: ParallelExecutor(jobs: 1)) { _ in throw OutputFailed() }
        try small.append([0x61])
        do {
            _ = try small.finish()
            Issue.record("finish returned although the output threw")
        } catch {
            #expect(error as? OutputFailed == OutputFailed())
        }
    }

    @Test func rejectsOptionsOutOfRange() {
        let error = #expect(throws: GzipError.self) {
            _ = try GzipStreamWriter(options: GzipOptions(level: 12), executor: ParallelExecutor(jobs: 1)) { _ in }
        }
        #expect(error?.kind == .invalidOptions)
    }

    /// What a member's output before `finish` decodes to, closed with an empty final stored block and the trailer
    /// of the first `inputLength` bytes of `text`; the header alone when nothing was compressed yet.
    private static func decodedSoFar(_ partial: [UInt8], inputLength: Int, of text: [UInt8]) throws -> [UInt8] {
        guard !partial.isEmpty else { return [] }
        let crc = text.withUnsafeBytes { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[..<inputLength])) }
        let finalEmptyStoredBlock: [UInt8] = [0x01, 0x00, 0x00, 0xff, 0xff]
        return try Gzip.decompress(partial + finalEmptyStoredBlock + Gzip.trailer(crc: crc, inputLength: inputLength))
    }
}
