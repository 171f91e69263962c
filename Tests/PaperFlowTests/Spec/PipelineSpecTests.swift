import Testing
@testable import PaperFlow

@Suite("Pipeline spec")
struct PipelineSpecTests {
    static let valid = """
    {
      "version": 1,
      "name": "paper-records",
      "input": { "paths": ["data/raw"], "snapshot_dates": { "data/raw/003_*.txt": "2025-11-06" } },
      "stages": [
        { "op": "extract" },
        { "op": "normalize" },
        { "op": "dedup-title" },
        { "op": "write", "params": { "level": 9, "shard_bytes": 4096 } }
      ],
      "limits": { "max_file_bytes": 1000, "max_rejected_files_ratio": 0.5, "min_records": 3 },
      "release": { "dir": "out/x", "license": "cc-by-4.0", "keep": 2 }
    }
    """

    /// The repository root holds `data/raw`, so path checks pass there.
    static let root = TestSupport.packageRoot.path

    @Test func decodesEverySection() throws {
        let spec = try TestSupport.spec(Self.valid, directory: Self.root)
        #expect(spec.version == 1)
        #expect(spec.name == "paper-records")
        #expect(spec.input.paths == ["data/raw"])
        #expect(spec.input.snapshotDates.map(\.pattern) == ["data/raw/003_*.txt"])
        #expect(spec.input.snapshotDates.first?.day.description == "2025-11-06")
        #expect(spec.stages.map(\.op) == ["extract", "normalize", "dedup-title", "write"])
        #expect(try spec.stages[3].parameters.integer("level") == 9)
        #expect(try spec.stages[3].parameters.integer("shard_bytes") == 4096)
        #expect(spec.stages[3].parameters.string("compression") == "gzip")
        #expect(spec.limits.maxFileBytes == 1000)
        #expect(spec.limits.maxRejectedFilesRatio == 0.5)
        #expect(spec.limits.minRecords == 3)
        #expect(spec.release.dir == "out/x")
        #expect(spec.release.license == "cc-by-4.0")
        #expect(spec.release.keep == 2)
        #expect(spec.digest.count == 64)
    }

    @Test func defaultsApplyWhenSectionsAreLeftOut() throws {
        let spec = try TestSupport.spec("""
        {"version": 1, "name": "n", "input": {"paths": ["data/raw"]}, "stages": [{"op": "extract"}, {"op": "normalize"}, {"op": "dedup-title"}, {"op": "write"}]}
        """, directory: Self.root)
        #expect(spec.limits.maxFileBytes == 33_554_432)
        #expect(spec.limits.maxRejectedFilesRatio == 0.05)
        #expect(spec.limits.minRecords == 1)
        #expect(spec.release.dir == "out/n")
        #expect(spec.release.keep == 14)
        #expect(try spec.stages[3].parameters.integer("level") == 6)
        #expect(try spec.stages[3].parameters.integer("shard_bytes") == 67_108_864)
    }

    @Test func theRepositorysDefaultSpecIsValid() throws {
        let spec = try PipelineSpec.load(path: Self.root + "/pipeline.json")
        #expect(spec.stages.first?.op == "extract")
        #expect(spec.stages.last?.op == "write")
    }

    /// A valid spec with one replacement applied.
    static func variant(_ old: String, _ new: String) -> String {
        valid.replacingOccurrences(of: old, with: new)
    }

    @Test(arguments: [
        (#""name": "paper-records","#, #""name": "paper-records", "colour": "red","#,
         #"pipeline.json: colour: unknown key "colour" (valid: version, name, input, stages, limits, release)"#),
        (#"{ "op": "dedup-title" }"#, #"{ "op": "dedupe" }"#,
         #"pipeline.json: stages[2].op: unknown operator "dedupe" (known: extract, normalize, dedup-title, label, write)"#),
        (#""level": 9"#, #""level": "9""#,
         "pipeline.json: stages[3].params.level: expected an integer, found string"),
        (#""level": 9"#, #""level": 12"#,
         "pipeline.json: stages[3].params.level: 12 is out of range (valid: 1...9)"),
        (#""level": 9"#, #""levle": 9"#,
         #"pipeline.json: stages[3].params.levle: unknown parameter "levle" (valid: compression, level, shard_bytes)"#),
        (#"{ "op": "normalize" }"#, #"{ "op": "normalize", "params": { "x": 1 } }"#,
         #"pipeline.json: stages[1].params.x: unknown parameter "x" ("normalize" takes no parameters)"#),
        (#""version": 1"#, #""version": 7"#,
         "pipeline.json: version: unsupported spec version 7 (supported: 1)"),
        (#""version": 1"#, #""version": "1""#,
         "pipeline.json: version: expected an integer, found string"),
        (#""paths": ["data/raw"]"#, #""paths": ["data/raw", "data/nope"]"#,
         "pipeline.json: input.paths[1]: no such file or directory: data/nope (relative to \(root))"),
        (#""2025-11-06""#, #""2025-13-06""#,
         #"pipeline.json: input.snapshot_dates.data/raw/003_*.txt: "2025-13-06" is not a valid day (expected YYYY-MM-DD)"#),
        (#""data/raw/003_*.txt""#, #""elsewhere/003_*.txt""#,
         "pipeline.json: input.snapshot_dates.elsewhere/003_*.txt: not under any of input.paths (data/raw)"),
        (#""max_rejected_files_ratio": 0.5"#, #""max_rejected_files_ratio": 2"#,
         "pipeline.json: limits.max_rejected_files_ratio: must be between 0 and 1"),
        (#""compression": "gzip","#, "", ""),
    ])
    func reportsEachProblemWithItsPath(old: String, new: String, expected: String) {
        let issues = TestSupport.issues(Self.variant(old, new), directory: Self.root)
        if expected.isEmpty {
            #expect(issues.isEmpty)
        } else {
            #expect(issues == [expected])
        }
    }

    @Test func writeParameterChoicesAreChecked() {
        let issues = TestSupport.issues(Self.variant(#""level": 9"#, #""compression": "zstd""#), directory: Self.root)
        #expect(issues == [#"pipeline.json: stages[3].params.compression: "zstd" is not supported (valid: gzip)"#])
    }

    @Test func stageOrdersThatCannotWorkAreErrors() {
        let swapped = """
        {"version": 1, "name": "n", "input": {"paths": ["data/raw"]},
         "stages": [{"op": "extract"}, {"op": "dedup-title"}, {"op": "normalize"}, {"op": "write"}]}
        """
        #expect(TestSupport.issues(swapped, directory: Self.root) == [
            #"pipeline.json: stages[1].op: "dedup-title" must come after "normalize" (found at stages[2])"#,
        ])
        let writeFirst = """
        {"version": 1, "name": "n", "input": {"paths": ["data/raw"]}, "stages": [{"op": "write"}, {"op": "extract"}]}
        """
        #expect(TestSupport.issues(writeFirst, directory: Self.root) == [
            #"pipeline.json: stages: a pipeline needs a "dedup-title" stage"#,
            #"pipeline.json: stages[0].op: "write" must be the last stage"#,
            #"pipeline.json: stages[0].op: "write" must come after "extract" (found at stages[1])"#,
            #"pipeline.json: stages[1].op: "extract" must be the first stage"#,
        ])
        let missing = """
        {"version": 1, "name": "n", "input": {"paths": ["data/raw"]}, "stages": [{"op": "extract"}, {"op": "dedup-title"}]}
        """
        #expect(TestSupport.issues(missing, directory: Self.root) == [
            #"pipeline.json: stages: a pipeline needs a "write" stage"#,
            #"pipeline.json: stages[1].op: "dedup-title" needs a "normalize" stage before it"#,
        ])
        let twice = """
        {"version": 1, "name": "n", "input": {"paths": ["data/raw"]},
         "stages": [{"op": "extract"}, {"op": "normalize"}, {"op": "normalize"}, {"op": "write"}]}
        """
        #expect(TestSupport.issues(twice, directory: Self.root) == [
            #"pipeline.json: stages[2].op: "normalize" already runs at stages[1]; each operator runs once"#,
            #"pipeline.json: stages: a pipeline needs a "dedup-title" stage"#,
        ])
    }

    @Test func missingSectionsAndWrongTypesAreAllReported() {
        let issues = TestSupport.issues(#"{"version": 1, "stages": {}, "limits": []}"#, directory: Self.root)
        #expect(issues == [
            "pipeline.json: name: missing (required)",
            "pipeline.json: input: missing (required)",
            "pipeline.json: stages: expected an array, found object",
            "pipeline.json: limits: expected an object, found array",
        ])
    }

    @Test func invalidJSONSaysWhere() {
        let issues = TestSupport.issues("{\"version\": 1,\n \"name\": }")
        #expect(issues.count == 1)
        #expect(issues.first?.hasPrefix("pipeline.json: not valid JSON: line 2, column 10") == true)
    }
}
