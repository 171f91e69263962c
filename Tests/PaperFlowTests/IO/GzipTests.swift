import Foundation
import Testing

@testable import PaperFlow

@Suite("Gzip")
struct GzipTests {
    private static let serial = ParallelExecutor(jobs: 1)
    private static let multiBlock = GzipOptions(level: 6, blockSize: 256 * 1024)

    @Test func roundTripsEmptyInput() throws {
        let compressed = try Gzip.compress([], executor: Self.serial)
        // Header, libdeflate's empty final stored block (01 00 00 ff ff), CRC-32 0 and ISIZE 0.
        #expect(Array(compressed.dropFirst(10)) == [0x01, 0x00, 0x00, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(try Gzip.decompress(compressed) == [])
    }

    @Test func roundTripsSmallInput() throws {
        let text = Array("{\"id\":\"2401.00001\",\"title\":\"Attention Is All You Need\"}\n".utf8)
        let compressed = try Gzip.compress(text, executor: Self.serial)
        #expect(GzipSamples.firstDifference(try Gzip.decompress(compressed), text) == nil)
    }

    @Test(arguments: [1, 9])
    func roundTripsAtLevel(_ level: Int) throws {
        let text = GzipSamples.text(byteCount: 300_000)
        let options = GzipOptions(level: level, blockSize: 64 * 1024)
        let compressed = try Gzip.compress(text, options: options, executor: ParallelExecutor(jobs: 2))
        #expect(compressed.count < text.count / 2)
        #expect(GzipSamples.firstDifference(try Gzip.decompress(compressed), text) == nil)
    }

    @Test func roundTripsMultiBlockInput() throws {
        let text = GzipSamples.text(byteCount: 5 * 1024 * 1024)
        let compressed = try Gzip.compress(text, options: Self.multiBlock, executor: ParallelExecutor(jobs: 2))
        #expect(compressed.count < text.count / 2)
        #expect(GzipSamples.firstDifference(try Gzip.decompress(compressed), text) == nil)
    }

    @Test func roundTripsManySmallBlocks() throws {
        let text = GzipSamples.text(byteCount: 100_000)
        let options = GzipOptions(level: 6, blockSize: 1000)
        let compressed = try Gzip.compress(text, options: options, executor: ParallelExecutor(jobs: 3))
        #expect(GzipSamples.firstDifference(try Gzip.decompress(compressed), text) == nil)
    }

    @Test func writesTheFixedHeader() throws {
        let compressed = try Gzip.compress(Array("hello".utf8), executor: Self.serial)
        #expect(Array(compressed.prefix(10)) == [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff])
    }

    @Test func writesCRCAndLengthInTheTrailer() throws {
        let compressed = try Gzip.compress(Array("hello".utf8), executor: Self.serial)
        // CRC-32 of "hello" is 0x3610A686; ISIZE is 5.
        #expect(Array(compressed.suffix(8)) == [0x86, 0xa6, 0x10, 0x36, 0x05, 0x00, 0x00, 0x00])
    }

    @Test func trailerLengthIsModulo2To32() {
        let trailer = Gzip.trailer(crc: 0x0102_0304, inputLength: (5 << 32) + 7)
        #expect(trailer == [0x04, 0x03, 0x02, 0x01, 0x07, 0x00, 0x00, 0x00])
    }

    @Test func outputIsIdenticalForAnyNumberOfJobs() throws {
        let text = GzipSamples.text(byteCount: 2 * 1024 * 1024 + 12345)
        let outputs = try [1, 2, 3, 4].map { jobs in
            try Gzip.compress(text, options: Self.multiBlock, executor: ParallelExecutor(jobs: jobs))
        }
        for output in outputs.dropFirst() {
            #expect(GzipSamples.firstDifference(output, outputs[0]) == nil)
        }
    }

    @Test func systemGzipReadsTheOutput() throws {
        let text = GzipSamples.text(byteCount: 5 * 1024 * 1024)
        let compressed = try Gzip.compress(text, options: Self.multiBlock, executor: ParallelExecutor(jobs: 2))
        let file = try GzipSamples.writeTemporary(compressed, name: "multi.gz")
        defer { try? FileManager.default.removeItem(at: file) }
        let test = try GzipSamples.runSystemGzip(["-t", file.path])
        #expect(test.status == 0)
        let decompressed = try GzipSamples.runSystemGzip(["-dc", file.path])
        #expect(decompressed.status == 0)
        #expect(GzipSamples.firstDifference(decompressed.output, text) == nil)
    }

    @Test func systemGzipReadsAnEmptyStream() throws {
        let file = try GzipSamples.writeTemporary(try Gzip.compress([], executor: Self.serial), name: "empty.gz")
        defer { try? FileManager.default.removeItem(at: file) }
        let decompressed = try GzipSamples.runSystemGzip(["-dc", file.path])
        #expect(decompressed.status == 0)
        #expect(decompressed.output.isEmpty)
    }

    @Test func readsSystemGzipOutputWithAFileName() throws {
        let text = GzipSamples.text(byteCount: 200_000)
        let file = try GzipSamples.writeTemporary(text, name: "named.jsonl")
        defer { try? FileManager.default.removeItem(at: file) }
        let compressed = try GzipSamples.runSystemGzip(["-c", "-N", file.path])
        #expect(compressed.status == 0)
        try #require(compressed.output.count > 10)
        #expect(compressed.output[3] & 0x08 != 0)
        #expect(GzipSamples.firstDifference(try Gzip.decompress(compressed.output), text) == nil)
    }

    @Test func rejectsACorruptedCRC() throws {
        var compressed = try Gzip.compress(GzipSamples.text(byteCount: 10_000), executor: Self.serial)
        compressed[compressed.count - 8] ^= 0xff
        let error = #expect(throws: GzipError.self) { try Gzip.decompress(compressed) }
        #expect(error?.kind == .corrupt)
        #expect(error?.zlibCode != nil)
    }

    @Test func rejectsAWrongLength() throws {
        var compressed = try Gzip.compress(GzipSamples.text(byteCount: 10_000), executor: Self.serial)
        compressed[compressed.count - 1] ^= 0x01
        let error = #expect(throws: GzipError.self) { try Gzip.decompress(compressed) }
        #expect(error?.kind == .corrupt)
    }

    @Test(arguments: [1, 4, 500, 5000])
    func rejectsATruncatedStream(removing byteCount: Int) throws {
        let compressed = try Gzip.compress(GzipSamples.text(byteCount: 50_000), executor: Self.serial)
        let truncated = Array(compressed.dropLast(byteCount))
        let error = #expect(throws: GzipError.self) { try Gzip.decompress(truncated) }
        #expect(error?.kind == .truncated)
    }

    @Test func rejectsInputThatIsNotGzip() {
        let empty = #expect(throws: GzipError.self) { try Gzip.decompress([]) }
        #expect(empty?.kind == .notGzip)
        let text = #expect(throws: GzipError.self) { try Gzip.decompress(Array("{\"id\":1}\n".utf8)) }
        #expect(text?.kind == .notGzip)
    }

    @Test func rejectsTrailingBytesThatAreNotGzip() throws {
        let compressed = try Gzip.compress(Array("hello".utf8), executor: Self.serial)
        let error = #expect(throws: GzipError.self) { try Gzip.decompress(compressed + [0x00, 0x01, 0x02]) }
        #expect(error?.kind == .corrupt)
    }

    @Test func decompressesConcatenatedMembers() throws {
        let first = GzipSamples.text(byteCount: 700_000)
        let second = Array("second member\n".utf8)
        let executor = ParallelExecutor(jobs: 2)
        let stream = try Gzip.compress(first, options: Self.multiBlock, executor: executor)
            + Gzip.compress([], executor: executor)
            + Gzip.compress(second, executor: executor)
        #expect(GzipSamples.firstDifference(try Gzip.decompress(stream), first + second) == nil)
    }

    @Test func rejectsOptionsOutOfRange() {
        for options in [GzipOptions(level: 0), GzipOptions(level: 10), GzipOptions(blockSize: 0)] {
            let error = #expect(throws: GzipError.self) {
                try Gzip.compress([1, 2, 3], options: options, executor: Self.serial)
            }
            #expect(error?.kind == .invalidOptions)
        }
    }

    @Test func recognisesTheMagicBytes() {
        #expect(Gzip.isGzip([0x1f, 0x8b, 0x08]))
        #expect(Gzip.isGzip([0x1f, 0x8b]))
        #expect(!Gzip.isGzip([0x1f]))
        #expect(!Gzip.isGzip([UInt8]()))
        #expect(!Gzip.isGzip(Array("{}".utf8)))
    }

    @Test func reportsTheZlibVersion() {
        #expect(Gzip.zlibVersion.first?.isNumber == true)
        #expect(Gzip.zlibVersion.contains("."))
    }

    @Test func reportsTheLibdeflateVersion() {
        #expect(Gzip.libdeflateVersion.first?.isNumber == true)
        #expect(Gzip.libdeflateVersion.contains("."))
    }

    @Test func combinedCRCEqualsOnePass() {
        let text = GzipSamples.text(byteCount: 10_000)
        text.withUnsafeBytes { all in
            let whole = CRC32.checksum(all)
            let first = CRC32.checksum(UnsafeRawBufferPointer(rebasing: all[..<3333]))
            let second = CRC32.checksum(UnsafeRawBufferPointer(rebasing: all[3333...]))
            #expect(CRC32.combine(first, second, secondLength: all.count - 3333) == whole)
            #expect(CRC32.checksum(UnsafeRawBufferPointer(rebasing: all[3333...]), seed: first) == whole)
        }
    }
}
