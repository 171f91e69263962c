import Foundation
import Testing
@testable import PaperFlow

/// Publishing, crashes, locks, pruning and reproducibility, through the built CLI.
@Suite("Release lifecycle", .serialized)
struct ReleaseLifecycleTests {
    /// Adds one more dump to a fixture workspace, so that the next run has a new version.
    static func addInput(_ workspace: URL, name: String = "daily_c.txt", title: String = "A Brand New Paper") throws {
        let text = "Get trending papers in your email inbox!\n\(title)\n" + TestSupport.abstract("new") + "\n"
        try Data(text.utf8).write(to: workspace.appendingPathComponent("raw/" + name))
    }

    static func releaseFiles(_ workspace: URL) throws -> [String: [UInt8]] {
        try CLI.files(under: workspace.appendingPathComponent("out")).filter { !$0.key.hasPrefix("runs/") && !$0.key.hasPrefix(".lock") }
    }

    @Test(arguments: ["first-file", "before-rename", "before-latest"])
    func aRunKilledWhilePublishingLeavesThePreviousReleaseIntact(point: String) throws {
        let workspace = try CLI.workspace(fixture: "e2e")
        defer { try? FileManager.default.removeItem(at: workspace) }
        #expect(try CLI.run(["run"], in: workspace).status == 0)
        let before = try Self.releaseFiles(workspace)
        let latest = try FileManager.default.destinationOfSymbolicLink(atPath: workspace.appendingPathComponent("out/latest").path)
        try Self.addInput(workspace)
        let killed = try CLI.run(["run"], in: workspace, environment: ["PAPERFLOW_KILL_AT": point])
        #expect(killed.status == 9, "the run must die by SIGKILL at \(point)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: workspace.appendingPathComponent("out/latest").path) == latest)
        let after = try Self.releaseFiles(workspace)
        for (path, bytes) in before { #expect(after[path] == bytes, "\(path) changed after a kill at \(point)") }
        let again = try CLI.run(["run"], in: workspace)
        #expect(again.status == 0)
        #expect(!CLI.publishedVersions(in: workspace.appendingPathComponent("out")).contains { $0.hasPrefix(".tmp") })
        let hidden = try FileManager.default.contentsOfDirectory(atPath: workspace.appendingPathComponent("out").path)
        #expect(hidden.filter { $0.hasPrefix(".tmp-") || $0.hasPrefix(".latest-") }.isEmpty, "leftovers: \(hidden)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: workspace.appendingPathComponent("out/latest").path) != latest)
    }

    @Test func aSecondConcurrentRunIsRefusedNamingTheHolder() throws {
        let workspace = try CLI.workspace(fixture: "e2e")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let lock = try ReleaseLock(root: workspace.appendingPathComponent("out").path)
        let output = try CLI.run(["run"], in: workspace)
        withExtendedLifetime(lock) {}
        #expect(output.status == 1)
        #expect(output.stderr.contains("is locked by process \(getpid())"))
        #expect(CLI.publishedVersions(in: workspace.appendingPathComponent("out")).isEmpty)
    }

    @Test func releasesBeyondKeepArePrunedButNeverLatest() throws {
        let workspace = try CLI.workspace(fixture: "e2e")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let spec = try String(contentsOf: workspace.appendingPathComponent("pipeline.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"release\": { \"dir\": \"out\" }", with: "\"release\": { \"dir\": \"out\", \"keep\": 2 }")
        try spec.write(to: workspace.appendingPathComponent("pipeline.json"), atomically: true, encoding: .utf8)
        var versions: [String] = []
        for round in 0..<4 {
            try Self.addInput(workspace, name: "extra_\(round).txt", title: "Extra Paper Number \(round)")
            #expect(try CLI.run(["run"], in: workspace).status == 0)
            versions.append(try FileManager.default.destinationOfSymbolicLink(atPath: workspace.appendingPathComponent("out/latest").path))
        }
        let left = CLI.publishedVersions(in: workspace.appendingPathComponent("out")).filter { $0 != "latest" && $0 != "runs" }
        #expect(left.sorted() == Array(versions.suffix(2)).sorted())
    }

    @Test func twoRunsInDifferentDirectoriesTimeZonesAndUmasksGiveIdenticalBytes() throws {
        let first = try CLI.workspace(fixture: "e2e")
        let second = try CLI.workspace(fixture: "e2e")
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        let shell = URL(fileURLWithPath: "/bin/sh")
        func run(_ workspace: URL, umask: String, zone: String, jobs: String) throws -> Int32 {
            let process = Process()
            process.executableURL = shell
            process.arguments = ["-c", "umask \(umask) && exec \"$0\" run --jobs \(jobs)", CLI.binary.path]
            process.currentDirectoryURL = workspace
            var environment = ProcessInfo.processInfo.environment
            environment["TZ"] = zone
            environment.removeValue(forKey: "SOURCE_DATE_EPOCH")
            process.environment = environment
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        #expect(try run(first, umask: "022", zone: "UTC", jobs: "1") == 0)
        #expect(try run(second, umask: "077", zone: "Pacific/Kiritimati", jobs: "2") == 0)
        let one = try Self.releaseFiles(first)
        let two = try Self.releaseFiles(second)
        #expect(one.keys.sorted() == two.keys.sorted())
        for (path, bytes) in one { #expect(two[path] == bytes, "\(path) differs") }
        let manifest = String(decoding: one.first { $0.key.hasSuffix("manifest.json") }?.value ?? [], as: UTF8.self)
        #expect(!manifest.contains(first.path) && !manifest.contains("/tmp"))
    }

    @Test func diffReportsChangesAndIDMigrationsAgainstThePreviousRelease() throws {
        let workspace = try CLI.workspace(fixture: "e2e")
        defer { try? FileManager.default.removeItem(at: workspace) }
        #expect(try CLI.run(["run"], in: workspace).status == 0)
        let previous = workspace.appendingPathComponent("out/latest").resolvingSymlinksInPath()
        try Self.addInput(workspace)
        try FileManager.default.removeItem(at: workspace.appendingPathComponent("raw/search_a.txt"))
        #expect(try CLI.run(["run"], in: workspace).status == 0)
        let diff = try JSONValue.parse(Array(try Data(contentsOf: workspace.appendingPathComponent("out/latest/diff.json"))))
        let counts = try #require(diff.objectValue?["counts"]?.objectValue)
        #expect(counts["added"] == .int(1))
        #expect(counts["removed"] == .int(2))
        #expect(counts["changed"] == .int(2))
        #expect(counts["unchanged"] == .int(1))
        #expect(diff.objectValue?["previous"] == .string(previous.lastPathComponent))
        let text = try CLI.run(["diff", previous.path, "out/latest"], in: workspace)
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("\(previous.lastPathComponent) → "))
        #expect(text.stdout.contains("1 added, 2 removed, 2 changed, 1 unchanged, 0 id migrations"))
        #expect(text.stdout.contains("fields changed: authors_count 2, published_date 2, comments 2, sources 2"))
    }

    @Test func idMigrationsPairTheOldTitleIDWithTheNewArxivID() throws {
        func line(_ id: String, _ hash: String, _ title: String) -> PublishedRelease.Line {
            PublishedRelease.Line(id: id, bytes: Array(#"{"id":"\#(id)","title":"\#(title)","title_hash":"\#(hash)"}"#.utf8))
        }
        let old = [line("title:aaaa", "aaaa", "Paper A"), line("title:bbbb", "bbbb", "Paper B"), line("title:cccc", "cccc", "Paper C")]
        let new = [line("arxiv:2401.00001", "aaaa", "Paper A"), line("title:bbbb", "bbbb", "Paper B v2"), line("title:dddd", "dddd", "Paper D")]
        let diff = try ReleaseDiff(from: ("v1", old), to: ("v2", new))
        #expect(diff.migrations == [ReleaseDiff.Migration(from: "title:aaaa", to: "arxiv:2401.00001")])
        #expect(diff.added == ["title:dddd"])
        #expect(diff.removed == ["title:cccc"])
        #expect(diff.changed == ["title:bbbb"])
        #expect(diff.fieldChanges["id"] == 1)
        #expect(diff.fieldChanges["title"] == 1)
        #expect(diff.summary.contains("> title:aaaa → arxiv:2401.00001"))
    }

    @Test func inspectAndSnapshotReadARelease() throws {
        let workspace = try CLI.workspace(fixture: "rejects")
        defer { try? FileManager.default.removeItem(at: workspace) }
        #expect(try CLI.run(["run"], in: workspace).status == 0)
        let inspect = try CLI.run(["inspect", "out/latest"], in: workspace)
        #expect(inspect.status == 0)
        #expect(inspect.stdout.contains("3 records"))
        #expect(inspect.stdout.contains("truncated"))
        #expect(try CLI.run(["snapshot", "out/latest", "--write", "snap"], in: workspace).status == 0)
        #expect(try CLI.run(["snapshot", "out/latest", "--check", "snap"], in: workspace).status == 0)
        let records = workspace.appendingPathComponent("snap/records.tsv")
        var lines = try String(contentsOf: records, encoding: .utf8).split(separator: "\n").map(String.init)
        let changedID = String(lines[0].split(separator: "\t")[0])
        lines[0] = changedID + "\t" + String(repeating: "0", count: 64)
        lines.removeLast()
        try (lines.joined(separator: "\n") + "\n").write(to: records, atomically: true, encoding: .utf8)
        let check = try CLI.run(["snapshot", "out/latest", "--check", "snap"], in: workspace)
        #expect(check.status == 1)
        #expect(check.stderr.contains("changed: \(changedID)"))
        #expect(check.stderr.contains("added: "))
    }
}
