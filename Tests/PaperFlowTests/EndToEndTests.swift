import Foundation
import Testing
@testable import PaperFlow

/// Runs the built CLI on fixtures and compares whole outputs.
@Suite("End to end", .serialized)
struct EndToEndTests {
    static let expected = TestSupport.fixture("e2e/expected")

    @Test func theFixtureReleaseMatchesTheExpectedOutputExactly() throws {
        let workspace = try CLI.workspace(fixture: "e2e")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let output = try CLI.run(["run", "pipeline.json", "--jobs", "1"], in: workspace)
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let release = workspace.appendingPathComponent("out/latest")
        let records = try CLI.records(inRelease: release)
        #expect(records == (try String(contentsOf: Self.expected.appendingPathComponent("records.jsonl"), encoding: .utf8)))
        let stats = try String(contentsOf: release.appendingPathComponent("stats.json"), encoding: .utf8)
        #expect(stats == (try String(contentsOf: Self.expected.appendingPathComponent("stats.json"), encoding: .utf8)))
        #expect(try CLI.gunzip(release.appendingPathComponent("rejects.jsonl.gz")) == "")
        let shards = try FileManager.default.contentsOfDirectory(atPath: release.appendingPathComponent("data").path).sorted()
        #expect(shards == ["train-00000-of-00005.jsonl.gz", "train-00001-of-00005.jsonl.gz", "train-00002-of-00005.jsonl.gz",
                           "train-00003-of-00005.jsonl.gz", "train-00004-of-00005.jsonl.gz"])
        #expect(output.stderr.contains("dedup-title"))
        #expect(output.stderr.contains("duplicates merged: 2"))
    }

    @Test func jobsOneAndTwoGiveByteIdenticalReleases() throws {
        let first = try CLI.workspace(fixture: "e2e")
        let second = try CLI.workspace(fixture: "e2e")
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        #expect(try CLI.run(["run", "--jobs", "1"], in: first).status == 0)
        #expect(try CLI.run(["run", "--jobs", "2"], in: second).status == 0)
        var one = try CLI.files(under: first.appendingPathComponent("out"))
        var two = try CLI.files(under: second.appendingPathComponent("out"))
        for key in one.keys where key.hasPrefix("runs/") { one.removeValue(forKey: key) }
        for key in two.keys where key.hasPrefix("runs/") { two.removeValue(forKey: key) }
        #expect(one.count > 6)
        #expect(one.keys.sorted() == two.keys.sorted())
        for key in one.keys { #expect(one[key] == two[key], "\(key) differs") }
    }

    @Test func aSecondRunOfTheSameInputIsANoOp() throws {
        let workspace = try CLI.workspace(fixture: "e2e")
        defer { try? FileManager.default.removeItem(at: workspace) }
        #expect(try CLI.run(["run"], in: workspace).status == 0)
        let before = try CLI.files(under: workspace.appendingPathComponent("out"))
        let again = try CLI.run(["run"], in: workspace)
        #expect(again.status == 0)
        #expect(again.stderr.contains("already published"))
        #expect(try CLI.files(under: workspace.appendingPathComponent("out")) == before)
    }

    @Test func theShardsAreOneGzipMemberWithoutTimeOrName() throws {
        let workspace = try CLI.workspace(fixture: "e2e")
        defer { try? FileManager.default.removeItem(at: workspace) }
        #expect(try CLI.run(["run"], in: workspace).status == 0)
        let data = workspace.appendingPathComponent("out/latest/data")
        for name in try FileManager.default.contentsOfDirectory(atPath: data.path) {
            let bytes = Array(try Data(contentsOf: data.appendingPathComponent(name)))
            #expect(Array(bytes.prefix(10)) == [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF])
        }
        let sums = try String(contentsOf: workspace.appendingPathComponent("out/latest/SHA256SUMS"), encoding: .utf8)
        #expect(sums.split(separator: "\n").map { $0.split(separator: " ").last.map(String.init) ?? "" } == [
            "README.md", "croissant.json",
            "data/train-00000-of-00005.jsonl.gz", "data/train-00001-of-00005.jsonl.gz", "data/train-00002-of-00005.jsonl.gz",
            "data/train-00003-of-00005.jsonl.gz", "data/train-00004-of-00005.jsonl.gz", "diff.json", "manifest.json",
            "rejects.jsonl.gz", "schema.json", "stats.json",
        ])
    }

    @Test func dryRunListsInputsAndWritesNothing() throws {
        let workspace = try CLI.workspace(fixture: "e2e")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let output = try CLI.run(["run", "--dry-run"], in: workspace)
        #expect(output.status == 0)
        #expect(output.stdout.contains("daily_b.txt   hf-text"))
        #expect(output.stderr.contains("(dry run)"))
        #expect(!FileManager.default.fileExists(atPath: workspace.appendingPathComponent("out").path))
    }

    @Test func everyRejectCodeOfTextInputWithItsLocation() throws {
        let workspace = try CLI.workspace(fixture: "rejects")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let output = try CLI.run(["run"], in: workspace)
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let rejects = try CLI.gunzip(workspace.appendingPathComponent("out/latest/rejects.jsonl.gz"))
        let expected = try String(contentsOf: TestSupport.fixture("rejects/expected/rejects.jsonl"), encoding: .utf8)
        #expect(rejects == expected)
        let records = try CLI.records(inRelease: workspace.appendingPathComponent("out/latest"))
        #expect(records.split(separator: "\n").count == 3)
    }

    @Test func tooManyRejectedFilesFailsAndPublishesNothing() throws {
        let workspace = try CLI.workspace(fixture: "rejects")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let spec = try String(contentsOf: workspace.appendingPathComponent("pipeline.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"max_rejected_files_ratio\": 1", with: "\"max_rejected_files_ratio\": 0.5")
        try spec.write(to: workspace.appendingPathComponent("strict.json"), atomically: true, encoding: .utf8)
        let output = try CLI.run(["run", "strict.json"], in: workspace)
        #expect(output.status == 1)
        #expect(output.stderr.contains("input files were rejected, over limits.max_rejected_files_ratio (0.5)"))
        #expect(CLI.publishedVersions(in: workspace.appendingPathComponent("out")).isEmpty)
    }

    @Test func tooFewRecordsFailsAndPublishesNothing() throws {
        let workspace = try CLI.workspace(fixture: "e2e")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let spec = try String(contentsOf: workspace.appendingPathComponent("pipeline.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"min_records\": 1", with: "\"min_records\": 100")
        try spec.write(to: workspace.appendingPathComponent("pipeline.json"), atomically: true, encoding: .utf8)
        let output = try CLI.run(["run"], in: workspace)
        #expect(output.status == 1)
        #expect(output.stderr.contains("fewer than limits.min_records (100)"))
        #expect(CLI.publishedVersions(in: workspace.appendingPathComponent("out")).isEmpty)
    }

    @Test func noMatchingInputFails() throws {
        let workspace = try CLI.workspace(fixture: "e2e")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let spec = try String(contentsOf: workspace.appendingPathComponent("pipeline.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"paths\": [\"raw\"]", with: "\"paths\": [\"raw/*.html\"]")
            .replacingOccurrences(of: "\"raw/search_*.txt\"", with: "\"raw/search_*.html\"")
        try spec.write(to: workspace.appendingPathComponent("pipeline.json"), atomically: true, encoding: .utf8)
        let output = try CLI.run(["run"], in: workspace)
        #expect(output.status == 1)
        #expect(output.stderr.contains("no input matched input.paths (raw/*.html)"))
    }

    @Test func invalidSpecsAndUsageExitWithStatusTwo() throws {
        let workspace = try CLI.workspace(fixture: "e2e")
        defer { try? FileManager.default.removeItem(at: workspace) }
        try #"{"version": 1, "name": "x", "input": {"paths": ["raw"]}, "stages": [{"op": "dedupe"}]}"#
            .write(to: workspace.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        let validate = try CLI.run(["validate", "bad.json"], in: workspace)
        #expect(validate.status == 2)
        #expect(validate.stderr.contains(#"bad.json: stages[0].op: unknown operator "dedupe" (known: extract, normalize, dedup-title, label, write)"#))
        #expect(try CLI.run(["run", "bad.json"], in: workspace).status == 2)
        #expect(try CLI.run(["run", "--jobs", "0"], in: workspace).status == 2)
        #expect(try CLI.run(["frobnicate"], in: workspace).status == 2)
        let valid = try CLI.run(["validate"], in: workspace)
        #expect(valid.status == 0)
        #expect(valid.stdout.contains("valid"))
    }

    @Test func operatorsListsEveryOperatorWithParameters() throws {
        let output = try CLI.run(["operators"], in: TestSupport.packageRoot)
        #expect(output.status == 0)
        for name in OperatorRegistry.names { #expect(output.stdout.contains(name + ": ")) }
        #expect(output.stdout.contains("level: integer 1...9 (default 6)"))
    }
}
