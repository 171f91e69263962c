import CZlib
import Foundation

/// Inputs and system-gzip helpers shared by the gzip tests.
enum GzipSamples {
    /// Deterministic, varied text: JSON-lines-like records with words drawn by a fixed linear congruential generator.
    static func text(byteCount: Int) -> [UInt8] {
        let words = [
            "attention", "diffusion", "transformer", "benchmark", "retrieval", "agents", "sparse", "mixture",
            "experts", "alignment", "vision", "language", "reasoning", "tokens", "scaling", "laws", "graph",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var text: [UInt8] = []
        text.reserveCapacity(byteCount + 256)
        var record = 0
        while text.count < byteCount {
            var line = "{\"id\":\"\(record)\",\"title\":\""
            for _ in 0..<8 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                line += words[Int(state >> 33) % words.count] + " "
            }
            line += "\",\"n\":\(state >> 40)}\n"
            text.append(contentsOf: Array(line.utf8))
            record += 1
        }
        return Array(text.prefix(byteCount))
    }

    static func systemGzip() throws -> URL {
        let candidates = ["/bin/gzip", "/usr/bin/gzip"]
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return URL(fileURLWithPath: path)
    }

    /// Runs the system gzip with `arguments` and returns its exit status and standard output.
    static func runSystemGzip(_ arguments: [String]) throws -> (status: Int32, output: [UInt8]) {
        let process = Process()
        process.executableURL = try systemGzip()
        process.arguments = arguments
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, [UInt8](output))
    }

    static func writeTemporary(_ bytes: [UInt8], name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("paperflow-gzip-\(UUID().uuidString)-\(name)")
        try Data(bytes).write(to: url)
        return url
    }

    /// Where `actual` first differs from `expected`, in words, or nil when they are equal; a short failure
    /// message where `#expect(a == b)` would diff two large arrays for minutes.
    static func firstDifference(_ actual: [UInt8]?, _ expected: [UInt8]) -> String? {
        guard let actual else { return "no bytes, expected \(expected.count)" }
        if actual == expected { return nil }
        let offset = zip(actual, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(actual.count, expected.count)
        return "\(actual.count) bytes, expected \(expected.count); first difference at offset \(offset)"
    }

    /// `count` bytes from a fixed linear congruential generator: data deflate cannot shrink.
    static func noise(byteCount: Int, seed: UInt64 = 0x2545_F491_4F6C_DD1D) -> [UInt8] {
        var state = seed
        return (0..<byteCount).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    /// The decoded bytes of `member` when it is exactly one gzip member: zlib's gzip-only inflate (window bits
    /// 31, no concatenation) reaches the stream end precisely at the last byte. Nil otherwise.
    static func singleMember(_ member: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit2_(&stream, MAX_WBITS + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return nil
        }
        defer { inflateEnd(&stream) }
        var input = member
        var decoded: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        return input.withUnsafeMutableBytes { input -> [UInt8]? in
            stream.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
            stream.avail_in = UInt32(input.count)
            while true {
                let code = chunk.withUnsafeMutableBytes { output -> Int32 in
                    stream.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
                    stream.avail_out = UInt32(output.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                decoded.append(contentsOf: chunk.prefix(chunk.count - Int(stream.avail_out)))
                switch code {
                case Z_OK: continue
                case Z_STREAM_END: return stream.avail_in == 0 ? decoded : nil
                default: return nil
                }
            }
        }
    }
}
