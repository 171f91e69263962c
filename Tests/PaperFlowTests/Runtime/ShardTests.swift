import Foundation
import Testing
@testable import PaperFlow

/// `run --shard I/N` and `merge` (DESIGN §9), through the command line as Slurm runs them.
@Suite("Shards", .serialized)
struct ShardTests {
    /// A copy of the repository's pipeline, taxonomy and sample data.
    static func sampleWorkspace() throws -> URL {
        let workspace = try TestSupport.temporaryDirectory()
        for item in ["pipeline.json", "taxonomy.json", "data"] {
            try FileManager.default.copyItem(
                at: TestSupport.packageRoot.appendingPathComponent(item), to: workspace.appendingPathComponent(item))
        }
        return workspace
    }

    /// The published files of a release directory, run logs left out.
    static func published(_ directory: URL) throws -> [String: [UInt8]] {
        try CLI.files(under: directory).filter { !$0.key.hasPrefix("runs/") && !$0.key.hasPrefix(".") }
    }

    @Test func fourShardProcessesAndAMergePublishTheOneMachineReleaseByteForByte() throws {
        let workspace = try Self.sampleWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace) }
        #expect(try CLI.run(["run", "--release-dir", "one"], in: workspace).status == 0)
        let outputs = Mutex4()
        DispatchQueue.concurrentPerform(iterations: 4) { index in
            outputs.set(index, try? CLI.run(["run", "pipeline.json", "--shard", "\(index)/4", "--release-dir", "four"], in: workspace))
        }
        for index in 0..<4 {
            let output = try #require(outputs.get(index))
            #expect(output.status == 0, "shard \(index): \(output.stderr)")
            #expect(output.stderr.contains("shard \(index)-of-4 complete"))
        }
        let shards = (0..<4).map { "four/.shards/\($0)-of-4" }
        let merge = try CLI.run(["merge", "pipeline.json", "--release-dir", "four"] + shards, in: workspace)
        #expect(merge.status == 0, "\(merge.stderr)")
        let one = try Self.published(workspace.appendingPathComponent("one"))
        let four = try Self.published(workspace.appendingPathComponent("four"))
        #expect(one.count > 8)
        #expect(one.keys.sorted() == four.keys.sorted())
        for (path, bytes) in one { #expect(four[path] == bytes, "\(path) differs") }
        #expect(!FileManager.default.fileExists(atPath: workspace.appendingPathComponent("four/.shards").path))
    }

    @Test func moreShardsThanFilesStillMergeIntoTheSameRelease() throws {
        let workspace = try Self.sampleWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let spec = try PipelineSpec.load(path: workspace.appendingPathComponent("pipeline.json").path)
        _ = try Runner(spec: spec, jobs: 1, releaseDirectory: workspace.path + "/one").run()
        let runner = Runner(spec: spec, jobs: 2, releaseDirectory: workspace.path + "/many")
        for index in 0..<16 { _ = try runner.runShard(ShardSelector(index: index, count: 16)) }
        let report = try runner.merge(shardDirectories: [])
        #expect(report.dataset.recordCount == 470)
        #expect(try Self.published(workspace.appendingPathComponent("one")) == (try Self.published(workspace.appendingPathComponent("many"))))
    }

    @Test func aCompletedShardIsNotRedoneAndOneFromOtherInputsIsRefused() throws {
        let workspace = try Self.sampleWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let first = try CLI.run(["run", "--shard", "1/2", "--release-dir", "out"], in: workspace)
        #expect(first.status == 0, "\(first.stderr)")
        let shard = workspace.appendingPathComponent("out/.shards/1-of-2")
        let before = try CLI.files(under: shard)
        let again = try CLI.run(["run", "--shard", "1/2", "--release-dir", "out"], in: workspace)
        #expect(again.status == 0)
        #expect(again.stderr.contains("shard 1-of-2 is already complete"))
        #expect(try CLI.files(under: shard) == before)
        // An input of shard 1 (the second file in byte order) changes.
        let inputs = try FileManager.default.contentsOfDirectory(atPath: workspace.appendingPathComponent("data/raw").path).sorted()
        let changed = workspace.appendingPathComponent("data/raw").appendingPathComponent(inputs[1])
        try (try String(contentsOf: changed, encoding: .utf8) + "\n").write(to: changed, atomically: true, encoding: .utf8)
        let refused = try CLI.run(["run", "--shard", "1/2", "--release-dir", "out"], in: workspace)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("was made from other inputs or another spec"))
        #expect(try CLI.files(under: shard) == before)
    }

    @Test func mergeRefusesAnIncompleteOrForeignSetOfShards() throws {
        let workspace = try Self.sampleWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace) }
        for index in [0, 2] { #expect(try CLI.run(["run", "--shard", "\(index)/3", "--release-dir", "out"], in: workspace).status == 0) }
        let missing = try CLI.run(["merge", "--release-dir", "out"], in: workspace)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("missing 1-of-3"))
        #expect(CLI.publishedVersions(in: workspace.appendingPathComponent("out")).isEmpty)
        #expect(try CLI.run(["run", "--shard", "1/3", "--release-dir", "out"], in: workspace).status == 0)
        let spec = workspace.appendingPathComponent("pipeline.json")
        try (try String(contentsOf: spec, encoding: .utf8)).replacingOccurrences(of: "\"keep\": 14", with: "\"keep\": 13")
            .write(to: spec, atomically: true, encoding: .utf8)
        let foreign = try CLI.run(["merge", "--release-dir", "out"], in: workspace)
        #expect(foreign.status == 1)
        #expect(foreign.stderr.contains("was made with another spec or taxonomy"))
        #expect(CLI.publishedVersions(in: workspace.appendingPathComponent("out")).isEmpty)
    }

    @Test func aShardThatCannotWriteItsDirectoryFailsClearly() throws {
        let workspace = try Self.sampleWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let shards = workspace.appendingPathComponent("out/.shards")
        try FileManager.default.createDirectory(at: shards, withIntermediateDirectories: true)
        try Data("not a directory".utf8).write(to: shards.appendingPathComponent("2-of-4"))
        let output = try CLI.run(["run", "--shard", "2/4", "--release-dir", "out"], in: workspace)
        #expect(output.status == 1)
        #expect(output.stderr.contains("2-of-4 exists but is not a completed shard"))
        #expect(try CLI.run(["run", "--shard", "4/4"], in: workspace).status == 2)
    }
}

/// Four optional outputs set from concurrent closures.
private final class Mutex4: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [CLI.Output?] = [nil, nil, nil, nil]

    func set(_ index: Int, _ value: CLI.Output?) { lock.withLock { values[index] = value } }
    func get(_ index: Int) -> CLI.Output? { lock.withLock { values[index] } }
}
