import Foundation
import Testing

@testable import PaperFlow

@Suite("Gzip block join")
struct GzipBlockJoinTests {
    /// Inputs that make libdeflate choose different block types: text, noise (stored blocks), zeros, a mix.
    private static let inputs: [(name: String, bytes: [UInt8])] = [
        ("empty", []),
        ("one byte", [0x7b]),
        ("text", GzipSamples.text(byteCount: 900_000 + 123)),
        ("noise", GzipSamples.noise(byteCount: 300_000)),
        ("zeros", [UInt8](repeating: 0, count: 700_000)),
        ("text and noise", GzipSamples.text(byteCount: 100_000) + GzipSamples.noise(byteCount: 70_001)
            + GzipSamples.text(byteCount: 150_000)),
    ]

    /// A gzip member of `blocks` as the writer joins them: all but the last re-ended, the last final.
    private static func member(of blocks: [[UInt8]], level: Int) throws -> [UInt8] {
        var body: [UInt8] = []
        var crc = CRC32.empty
        for (index, block) in blocks.enumerated() {
            try block.withUnsafeBytes { bytes in
                body += try JoinableDeflate.compress(bytes, level: level, isLast: index == blocks.count - 1)
                crc = CRC32.checksum(bytes, seed: crc)
            }
        }
        return Gzip.header + body + Gzip.trailer(crc: crc, inputLength: blocks.reduce(0) { $0 + $1.count })
    }

    @Test(arguments: [1, 6, 9])
    func outputIsOneMemberThatEveryReaderDecodes(level: Int) throws {
        let options = GzipOptions(level: level, blockSize: 64 * 1024)
        for input in Self.inputs {
            let outputs = try [1, 2, 4].map { jobs in
                try Gzip.compress(input.bytes, options: options, executor: ParallelExecutor(jobs: jobs))
            }
            #expect(GzipSamples.firstDifference(outputs[1], outputs[0]) == nil, "\(input.name)")
            #expect(GzipSamples.firstDifference(outputs[2], outputs[0]) == nil, "\(input.name)")
            let compressed = outputs[0]
            #expect(GzipSamples.firstDifference(try Gzip.decompress(compressed), input.bytes) == nil, "\(input.name)")
            #expect(GzipSamples.firstDifference(GzipSamples.singleMember(compressed), input.bytes) == nil, "\(input.name)")
            let file = try GzipSamples.writeTemporary(compressed, name: "join.gz")
            defer { try? FileManager.default.removeItem(at: file) }
            #expect(try GzipSamples.runSystemGzip(["-t", file.path]).status == 0, "\(input.name)")
            let zcat = try GzipSamples.runSystemGzip(["-dc", file.path])
            #expect(zcat.status == 0, "\(input.name)")
            #expect(GzipSamples.firstDifference(zcat.output, input.bytes) == nil, "\(input.name)")
        }
    }

    @Test func joinsBlocksWhateverThePaddingOfTheirLastByte() throws {
        let text = GzipSamples.text(byteCount: 4000)
        let noise = GzipSamples.noise(byteCount: 4000)
        var paddings = Set<Int>()
        for length in 1...120 {
            let block = Array(text.prefix(length * 29 % 4000)) + Array(noise.prefix(length))
            let final = try block.withUnsafeBytes { bytes in
                try JoinableDeflate.finalBlock(of: JoinableDeflate.compress(bytes, level: 6, isLast: true))
            }
            paddings.insert(final.unusedBits)
            let joined = try block.withUnsafeBytes { try JoinableDeflate.compress($0, level: 6, isLast: false) }
            #expect(joined.suffix(4) == [0x00, 0x00, 0xff, 0xff], "length \(length)")
            let member = try Self.member(of: [block, Array(text.prefix(length)), block], level: 6)
            #expect(GzipSamples.firstDifference(GzipSamples.singleMember(member), block + Array(text.prefix(length)) + block) == nil, "length \(length)")
        }
        #expect(paddings == Set(0...7))
    }

    @Test func findsTheFinalBlockAfterSeveralDeflateBlocks() throws {
        // libdeflate ends a deflate block every few hundred KB of input, so this block has several.
        let block = GzipSamples.text(byteCount: 600_000) + GzipSamples.noise(byteCount: 200_000)
            + GzipSamples.text(byteCount: 600_000)
        let raw = try block.withUnsafeBytes { try JoinableDeflate.compress($0, level: 6, isLast: true) }
        let final = try JoinableDeflate.finalBlock(of: raw)
        #expect(final.headerBit > 0)
        #expect(raw[final.headerBit / 8] & (1 << UInt8(final.headerBit % 8)) != 0)
        let member = try Self.member(of: [block, block], level: 6)
        #expect(GzipSamples.firstDifference(GzipSamples.singleMember(member), block + block) == nil)
    }
}
