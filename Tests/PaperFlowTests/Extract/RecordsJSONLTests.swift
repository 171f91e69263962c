import Foundation
import Testing
@testable import PaperFlow

@Suite("records-jsonl", .serialized)
struct RecordsJSONLTests {
    static let format = "records-jsonl"

    static func extract(_ text: String, path: String = "train.jsonl") -> Extraction {
        RecordsJSONL.extract(LoadedInput(bytes: Array(text.utf8), path: path, snapshotDay: nil))
    }

    /// Each line of `text` with its `sources` value cut off (it is the last key of a record line).
    static func withoutSources(_ text: String) -> [String] {
        text.split(separator: "\n").map { line in
            guard let range = line.range(of: #","sources":["#, options: .backwards) else { return String(line) }
            return String(line[..<range.lowerBound])
        }
    }

    @Test func recognisesReleaseLinesOnly() throws {
        let release = try FormatFixtureFiles.text(Self.format, "records.jsonl")
        #expect(RecordsJSONL.recognizes(FormatFixtureFiles.head("\n\n" + release)))
        #expect(FormatRegistry.sniff(FormatFixtureFiles.head(release))?.name == RecordsJSONL.name)
        let longFirstLine = #"{"id":"arxiv:1","arxiv_id":"1","arxiv_version":null,"title":"T","title_hash":"ab","abstract":""#
            + String(repeating: "x", count: ContentScreen.headLength)
        #expect(RecordsJSONL.recognizes(FormatFixtureFiles.head(longFirstLine)))
        #expect(!RecordsJSONL.recognizes(FormatFixtureFiles.head(#"{"title":"T","id":"x","title_hash":"a","sources":[]}"# + "\n")))
        #expect(!RecordsJSONL.recognizes(FormatFixtureFiles.head(#"{"id":"x","title":"T"}"# + "\n")))
        #expect(!RecordsJSONL.recognizes(FormatFixtureFiles.head(#"[{"id":"x","title_hash":"a","sources":[]}]"# + "\n")))
        #expect(!RecordsJSONL.recognizes(FormatFixtureFiles.head(#"{"id": broken, "title_hash", "sources"}"# + "\n")))
        #expect(!RecordsJSONL.recognizes(FormatFixtureFiles.head(HFTextTests.chrome + "A Title\n")))
        #expect(!RecordsJSONL.recognizes(FormatFixtureFiles.head(try HFSearchHTMLTests.page())))
    }

    @Test func everyFieldIsReadBackAndOnlyTheSourcesChange() throws {
        let release = try FormatFixtureFiles.text(Self.format, "records.jsonl")
        let result = Self.extract(release)
        #expect(result.rejects.isEmpty)
        #expect(result.counters.sorted.isEmpty)
        let lines = FormatFixtureFiles.releaseLines(result.records)
        #expect(Self.withoutSources(lines) == Self.withoutSources(release))
        #expect(result.records.map(\.sources) == (0..<3).map { [SourceRef(path: "train.jsonl", format: "records-jsonl", index: $0)] })
        #expect(result.records.allSatisfy { $0.rank == .reingestedRelease && $0.labels == .unlabeled })
        #expect(result.records.map(\.location.description) == ["train.jsonl:1", "train.jsonl:2", "train.jsonl:3"])
        #expect(result.records.map(\.printedAuthorsCount) == [nil, 3, 5])
        #expect(result.records.map(\.authorsCount) == [2, 3, 5])
    }

    @Test func brokenLinesAreRejectedWhereTheyAre() throws {
        let release = try FormatFixtureFiles.text(Self.format, "records.jsonl")
        let lines = release.split(separator: "\n").map(String.init)
        let noTitle = lines[1].replacingOccurrences(of: #""title":"Sparse adapters for tiny models.""#, with: #""title":null"#)
        let text = [lines[0], "", "this is not json", noTitle, #"["an","array"]"#, lines[2], #"{"id":"title:0","title":"Cut"#].joined(separator: "\n")
        let result = Self.extract(text)
        #expect(result.records.map(\.title) == ["Improving Length-Generalization in Transformers via Task Hinting",
                                                "Adapter Routing under Distribution Shift:A Study"])
        #expect(result.records.map { $0.sources[0].index } == [0, 4])
        #expect(result.rejects.map(\.reason) == [.missingTitle, .missingTitle, .missingTitle, .truncated])
        #expect(result.rejects.map(\.location.description) == ["train.jsonl:3", "train.jsonl:4", "train.jsonl:5", "train.jsonl:7"])
        let notCut = Self.extract(lines[0] + "\n{\"id\":\n")
        #expect(notCut.rejects.map(\.reason) == [.missingTitle])
    }

    @Test func invalidUTF8RejectsOnlyItsLine() throws {
        let release = try FormatFixtureFiles.text(Self.format, "records.jsonl")
        let lines = release.split(separator: "\n").map { Array($0.utf8) }
        var bytes = lines[0] + [0x0A]
        bytes += Array(lines[1].prefix(60)) + [0xC3, 0x28] + Array(lines[1].dropFirst(60)) + [0x0A]
        bytes += lines[2] + [0x0A]
        let result = RecordsJSONL.extract(LoadedInput(bytes: bytes, path: "x.jsonl", snapshotDay: nil))
        #expect(result.records.count == 2)
        #expect(result.rejects.map(\.reason) == [.invalidUTF8])
        #expect(result.rejects.map(\.location.description) == ["x.jsonl:2"])
    }

    @Test func fieldsOfTheWrongTypeReadAsNullAndAreCounted() {
        let line = #"{"id":"x","arxiv_id":7,"title":"Typed Wrong","title_hash":"a","upvotes":"5","authors":["A",1],"#
            + #""published_date":"2024-02-30","comments":2,"sources":[]}"#
        let result = Self.extract(line + "\n")
        let record = result.records.first
        #expect(record?.arxivID == nil)
        #expect(record?.upvotes == nil)
        #expect(record?.authors == [])
        #expect(record?.publishedDate == nil)
        #expect(record?.comments == 2)
        #expect(result.counters["records_jsonl_bad_fields"] == 4)
    }

    @Test func aReleaseReadBackGivesTheSameRecordsExceptSources() throws {
        let first = try CLI.workspace(fixture: "e2e")
        let second = try TestSupport.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        let run = try CLI.run(["run", "--jobs", "2"], in: first)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let data = first.appendingPathComponent("out/latest/data")
        let raw = second.appendingPathComponent("raw")
        try FileManager.default.copyItem(at: data, to: raw)
        let shards = try FileManager.default.contentsOfDirectory(atPath: raw.path).sorted()
        #expect(shards.count == 5)
        try """
        {"version": 1, "name": "reingest", "input": {"paths": ["raw"]},
         "stages": [{"op": "extract"}, {"op": "normalize"}, {"op": "dedup-title"}, {"op": "write", "params": {"shard_bytes": 1024}}],
         "limits": {"max_rejected_files_ratio": 0, "min_records": 1}, "release": {"dir": "out"}}
        """.write(to: second.appendingPathComponent("pipeline.json"), atomically: true, encoding: .utf8)
        let again = try CLI.run(["run", "--jobs", "1"], in: second)
        #expect(again.status == 0, "stderr: \(again.stderr)")
        let before = try CLI.records(inRelease: first.appendingPathComponent("out/latest"))
        let after = try CLI.records(inRelease: second.appendingPathComponent("out/latest"))
        #expect(before.split(separator: "\n").count == 5)
        #expect(Self.withoutSources(after) == Self.withoutSources(before))
        #expect(try CLI.gunzip(second.appendingPathComponent("out/latest/rejects.jsonl.gz")) == "")
        for line in after.split(separator: "\n") {
            let sources = try #require(line.range(of: #""sources":["#)).upperBound
            #expect(line[sources...].hasPrefix(#"{"path":"train-0000"#))
            #expect(line[sources...].contains(#""format":"records-jsonl","index":0}]}"#))
        }
        let stats = try String(contentsOf: second.appendingPathComponent("out/latest/stats.json"), encoding: .utf8)
        #expect(stats.contains("records-jsonl"))
    }
}
