import Foundation
@testable import PaperFlow

/// Runs the built `paperflow` executable, as a user would.
enum CLI {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The executable, built beside the test bundle.
    static let binary: URL = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = bundle.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("paperflow")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
            directory = directory.deletingLastPathComponent()
        }
        return TestSupport.packageRoot.appendingPathComponent(".build/debug/paperflow")
    }()

    /// Runs `paperflow arguments…` in `directory` with a clean environment (no SOURCE_DATE_EPOCH unless given).
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SOURCE_DATE_EPOCH")
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Copies a fixture directory into a fresh temporary directory.
    static func workspace(fixture: String) throws -> URL {
        let directory = try TestSupport.temporaryDirectory()
        let source = TestSupport.fixture(fixture)
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name != "expected" {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: directory.appendingPathComponent(name))
        }
        return directory
    }

    /// Every file under `directory` (recursively, links not followed) with its bytes, by relative path.
    static func files(under directory: URL) throws -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return result }
        for case let path as String in enumerator {
            let url = directory.appendingPathComponent(path)
            let values = try url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            if values.isSymbolicLink == true {
                result[path] = Array(try FileManager.default.destinationOfSymbolicLink(atPath: url.path).utf8)
            } else if values.isRegularFile == true {
                result[path] = Array(try Data(contentsOf: url))
            }
        }
        return result
    }

    /// The decompressed data shards of the release `latest` points to, concatenated in shard order.
    static func records(inRelease release: URL) throws -> String {
        let data = release.appendingPathComponent("data")
        var text = ""
        for name in try FileManager.default.contentsOfDirectory(atPath: data.path).sorted() {
            text += String(decoding: try Gzip.decompress(Array(try Data(contentsOf: data.appendingPathComponent(name)))), as: UTF8.self)
        }
        return text
    }

    /// A gzip file's text.
    static func gunzip(_ url: URL) throws -> String {
        String(decoding: try Gzip.decompress(Array(try Data(contentsOf: url))), as: UTF8.self)
    }

    /// Every entry of a release directory that is not hidden (versions, `latest`, `runs`).
    static func publishedVersions(in directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }
}
