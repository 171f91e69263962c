import Foundation
@testable import PaperFlow

/// Paths and helpers shared by the tests.
enum TestSupport {
    /// The package root, found from this file's path.
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url = url.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// `../shared` beside the repository (absent on machines without it).
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    /// A fixture shipped with the tests.
    static func fixture(_ path: String) -> URL {
        packageRoot.appendingPathComponent("Tests/PaperFlowTests/Fixtures").appendingPathComponent(path)
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("paperflow-tests-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A spec parsed from JSON text, with paths relative to `directory`.
    static func spec(_ json: String, directory: String = "/") throws -> PipelineSpec {
        try PipelineSpec.parse(Array(json.utf8), file: "pipeline.json", directory: directory)
    }

    /// The issues of an invalid spec (empty when it is valid).
    static func issues(_ json: String, directory: String = "/") -> [String] {
        do throws(SpecError) {
            _ = try PipelineSpec.parse(Array(json.utf8), file: "pipeline.json", directory: directory)
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    /// Extracts `text` as an hf-text dump named `name`.
    static func extractText(_ text: String, name: String = "dump.txt", snapshot: Day? = nil) -> Extraction {
        HFText.extract(LoadedInput(bytes: Array(text.utf8), path: name, snapshotDay: snapshot))
    }

    /// An abstract of the given length in words, deterministic.
    static func abstract(_ seed: String, words: Int = 40) -> String {
        (0..<words).map { "\(seed)\($0 % 7)" }.joined(separator: " ") + "."
    }

    /// Runs `runner` and returns its report with the papers it released, in release order.
    static func runKeepingPapers(_ runner: Runner) throws -> (report: RunReport, papers: [PaperRecord]) {
        let collected = PaperCollector()
        var runner = runner
        runner.paperObserver = { collected.append($0) }
        let report = try runner.run()
        return (report, collected.papers)
    }

    /// The release line of one extracted record after `normalize` and the title hash (nil when either drops it).
    static func releaseLine(_ record: PaperRecord) -> [UInt8]? {
        var record = record
        var counters = Counters()
        guard Normalize.normalize(&record, counters: &counters) == nil, DedupTitle.hashTitle(&record) == nil else { return nil }
        return RecordEncoder.line(record)
    }
}

/// Papers handed to a runner's observer (called from one thread at a time).
final class PaperCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [PaperRecord] = []

    func append(_ papers: [PaperRecord]) {
        lock.withLock { stored.append(contentsOf: papers) }
    }

    var papers: [PaperRecord] { lock.withLock { stored } }
}
