import Foundation
import Testing
@testable import PaperFlow

/// Spilled runs and a bounded fan-in merge give the same release as holding everything in memory.
@Suite("Spilling", .serialized)
struct SpillTests {
    /// Every file of a release directory (the `latest` target) by relative path.
    static func files(of release: String) throws -> [String: Data] {
        let root = (release as NSString).resolvingSymlinksInPath
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + path))
            }
        }
        return files
    }

    @Test func aRunThatSpillsEveryBatchPublishesTheSameBytes() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = try PipelineSpec.load(path: TestSupport.packageRoot.appendingPathComponent("pipeline.json").path)
        _ = try Runner(spec: spec, jobs: 2, releaseDirectory: directory.path + "/memory").run()
        var spilling = Runner(spec: spec, jobs: 1, releaseDirectory: directory.path + "/spilled")
        spilling.batchBytes = 1
        spilling.memoryBudget = 0
        spilling.fanIn = 2
        let report = try spilling.run()
        #expect(report.stages.map(\.count.recordsOut) == [568, 568, 470, 470, 470])
        let inMemory = try Self.files(of: directory.path + "/memory/latest")
        let spilled = try Self.files(of: directory.path + "/spilled/latest")
        #expect(inMemory.keys.sorted() == spilled.keys.sorted())
        for (path, bytes) in inMemory { #expect(spilled[path] == bytes, "\(path)") }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/spilled").filter { $0.hasPrefix(".spill") }
        #expect(leftovers.isEmpty)
    }
}
