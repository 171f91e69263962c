import Foundation
import Testing
@testable import PaperFlow

@Suite("label")
struct LabelTests {
    /// A workspace with the e2e raw inputs, the fixture taxonomy and a spec whose stages are `stages`.
    static func workspace(stages: String) throws -> URL {
        let directory = try TestSupport.temporaryDirectory()
        try FileManager.default.copyItem(at: TestSupport.fixture("e2e/raw"), to: directory.appendingPathComponent("raw"))
        try FileManager.default.copyItem(at: LabelFixture.taxonomyURL, to: directory.appendingPathComponent("taxonomy.json"))
        try """
        {"version": 1, "name": "t", "input": {"paths": ["raw"]}, "stages": [\(stages)], "release": {"dir": "out"}}
        """.write(to: directory.appendingPathComponent("pipeline.json"), atomically: true, encoding: .utf8)
        return directory
    }

    static let labeled = #"{"op": "extract"}, {"op": "normalize"}, {"op": "dedup-title"}, {"op": "label", "params": {"taxonomy": "taxonomy.json"}}, {"op": "write"}"#

    @Test func theRegistryPlacesLabelAfterDedupTitleAndBeforeWrite() {
        #expect(OperatorRegistry.names == ["extract", "normalize", "dedup-title", "label", "write"])
        #expect(Label.placement.after == ["dedup-title"])
        #expect(Label.parameters.map(\.name) == ["taxonomy"])
        #expect(Label.parameters.first?.defaultValue == nil)
    }

    @Test func everyRecordIsLabeledTheSameWayWhateverTheJobs() throws {
        let directory = try Self.workspace(stages: Self.labeled)
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = try PipelineSpec.load(path: directory.appendingPathComponent("pipeline.json").path)
        let (report, one) = try TestSupport.runKeepingPapers(Runner(spec: spec, jobs: 1, dryRun: true))
        let two = try TestSupport.runKeepingPapers(Runner(spec: spec, jobs: 2, dryRun: true)).papers
        #expect(one.count > 3)
        #expect(one.allSatisfy { $0.labels.facets.map(\.name) == Labels.facetNames })
        #expect(one.allSatisfy { record in record.labels.facets.allSatisfy { $0.value != .none } })
        #expect(one.map(\.labels) == two.map(\.labels))
        let bytes = Array(try Data(contentsOf: LabelFixture.taxonomyURL))
        #expect(report.dataset.taxonomyDigest == SHA256Hex.digest(bytes))
        let labeler = try LabelFixture.labeler()
        for record in one {
            #expect(record.labels == labeler.labels(title: record.title, abstract: record.abstract))
        }
    }

    @Test func withoutALabelStageEveryFacetIsNull() throws {
        let directory = try Self.workspace(stages: #"{"op": "extract"}, {"op": "normalize"}, {"op": "dedup-title"}, {"op": "write"}"#)
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = try PipelineSpec.load(path: directory.appendingPathComponent("pipeline.json").path)
        let (report, papers) = try TestSupport.runKeepingPapers(Runner(spec: spec, jobs: 1, dryRun: true))
        #expect(!papers.isEmpty)
        #expect(papers.allSatisfy { $0.labels == .unlabeled })
        #expect(report.dataset.taxonomyDigest == nil)
    }

    @Test func validateReportsTheTaxonomyAndTheStage() throws {
        let directory = try Self.workspace(stages: Self.labeled)
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = { (stages: String) -> [String] in
            TestSupport.issues("""
            {"version": 1, "name": "t", "input": {"paths": ["raw"]}, "stages": [\(stages)]}
            """, directory: directory.path)
        }
        #expect(spec(Self.labeled) == [])
        #expect(spec(#"{"op": "extract"}, {"op": "normalize"}, {"op": "dedup-title"}, {"op": "label"}, {"op": "write"}"#) == [
            "pipeline.json: stages[3].params.taxonomy: missing (required)",
        ])
        #expect(spec(#"{"op": "extract"}, {"op": "normalize"}, {"op": "label", "params": {"taxonomy": "taxonomy.json"}}, {"op": "dedup-title"}, {"op": "write"}"#) == [
            #"pipeline.json: stages[2].op: "label" must come after "dedup-title" (found at stages[3])"#,
        ])
        #expect(spec(#"{"op": "extract"}, {"op": "normalize"}, {"op": "dedup-title"}, {"op": "label", "params": {"taxonomy": "none.json"}}, {"op": "write"}"#) == [
            "pipeline.json: stages[3].params.taxonomy: no such file: none.json (relative to \(directory.path))",
        ])
        let broken = try LabelFixture.variant(#""default": "text""#, #""default": "txt""#)
        try broken.write(to: directory.appendingPathComponent("broken.json"), atomically: true, encoding: .utf8)
        #expect(spec(#"{"op": "extract"}, {"op": "normalize"}, {"op": "dedup-title"}, {"op": "label", "params": {"taxonomy": "broken.json"}}, {"op": "write"}"#) == [
            #"broken.json: facets[1].default: "txt" is not a code of "modality" (codes: text, code, vision)"#,
        ])
    }

    @Test func theCommandLineValidatesTheTaxonomy() throws {
        let directory = try Self.workspace(stages: Self.labeled)
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = try LabelFixture.variant(#"{ "code": "vision""#, #"{ "code": "text""#)
        try broken.write(to: directory.appendingPathComponent("taxonomy.json"), atomically: true, encoding: .utf8)
        let output = try CLI.run(["validate"], in: directory)
        #expect(output.status == 2)
        #expect(output.stderr.contains(#"taxonomy.json: facets[1].codes[2].code: duplicate code "text" (first at codes[0])"#))
    }

    @Test func theRepositoryPipelineLabelsEverySeedRecord() throws {
        let spec = try PipelineSpec.load(path: TestSupport.packageRoot.appendingPathComponent("pipeline.json").path)
        #expect(spec.stages.map(\.op) == ["extract", "normalize", "dedup-title", "label", "write"])
        let papers = try TestSupport.runKeepingPapers(Runner(spec: spec, jobs: 2, dryRun: true)).papers
        #expect(papers.count == 470, "469 papers of the seed dumps and one more from the arXiv samples")
        for record in papers {
            guard case .codes(let approach) = record.labels.facets[0].value, case .codes(let modality) = record.labels.facets[1].value,
                  case .codes(let domain) = record.labels.facets[2].value, case .code = record.labels.facets[3].value,
                  case .flag = record.labels.facets[4].value else {
                Issue.record("\(record.title): \(record.labels)")
                continue
            }
            #expect((1...3).contains(approach.count), "\(record.title)")
            #expect(!modality.isEmpty && !domain.isEmpty, "\(record.title)")
            #expect(!(domain.contains("general") && domain.count > 1), "\(record.title)")
        }
    }
}
