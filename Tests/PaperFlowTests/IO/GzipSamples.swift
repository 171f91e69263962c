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
}
