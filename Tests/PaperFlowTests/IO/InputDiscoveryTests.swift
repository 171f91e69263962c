import Foundation
import Testing
@testable import PaperFlow

@Suite("Input discovery")
struct InputDiscoveryTests {
    static func spec(_ paths: [String], directory: URL, snapshots: String = "") throws -> PipelineSpec {
        let list = paths.map { "\"\($0)\"" }.joined(separator: ", ")
        return try TestSupport.spec("""
        {"version": 1, "name": "t", "input": {"paths": [\(list)]\(snapshots)}, "stages": [{"op": "extract"}, {"op": "normalize"}, {"op": "dedup-title"}, {"op": "write"}]}
        """, directory: directory.path)
    }

    @Test func directoriesAreReadRecursivelyInByteOrderSkippingHiddenNames() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("in/sub"), withIntermediateDirectories: true)
        try fm.createDirectory(at: root.appendingPathComponent("in/.git"), withIntermediateDirectories: true)
        for name in ["in/b.txt", "in/B.txt", "in/sub/a.txt", "in/.hidden", "in/.git/config"] {
            try Data("x".utf8).write(to: root.appendingPathComponent(name))
        }
        let result = InputDiscovery(spec: try Self.spec(["in"], directory: root)).discover()
        #expect(result.files.map(\.displayPath) == ["B.txt", "b.txt", "sub/a.txt"])
        #expect(result.counters["hidden_files_skipped"] == 2)
    }

    @Test func aLinkLoopEndsAndALinkedFileIsReadOnce() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("in/sub"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: root.appendingPathComponent("in/sub/a.txt"))
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("in/sub/loop").path, withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("in/z-link.txt").path, withDestinationPath: "sub/a.txt")
        let result = InputDiscovery(spec: try Self.spec(["in"], directory: root)).discover()
        #expect(result.files.map(\.displayPath) == ["sub/a.txt"])
        #expect(result.counters["links_seen_twice"] == 2)
    }

    @Test func severalRootsPrefixTheirPathsAndGlobsExpand() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("one"), withIntermediateDirectories: true)
        try fm.createDirectory(at: root.appendingPathComponent("two"), withIntermediateDirectories: true)
        for name in ["one/a.txt", "two/x.txt", "two/y.html"] {
            try Data("x".utf8).write(to: root.appendingPathComponent(name))
        }
        let spec = try Self.spec(["one", "two/*.txt"], directory: root, snapshots: #", "snapshot_dates": {"two/*.txt": "2025-01-02"}"#)
        let result = InputDiscovery(spec: spec).discover()
        #expect(result.files.map(\.displayPath) == ["one/a.txt", "two/x.txt"])
        #expect(result.files.map(\.snapshotDay) == [nil, Day(year: 2025, month: 1, day: 2)])
    }

    @Test func anUnreadableInputIsARejectNotACrash() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let spec = try Self.spec(["."], directory: root)
        let extract = try Extract(parameters: ParameterValues(["dom_cross_check": .boolean(false)]), spec: spec)
        let outcome = extract.read(InputFile(fullPath: root.path, displayPath: "dir", size: 0, snapshotDay: nil))
        #expect(outcome.extraction.rejects.map(\.reason) == [.unreadable])
        #expect(outcome.extraction.rejects.first?.location.description == "dir")
    }
}
