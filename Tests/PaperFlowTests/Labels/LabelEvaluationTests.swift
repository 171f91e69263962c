import Foundation
import Testing
@testable import PaperFlow

/// `eval-labels` on three hand-worked papers (see `Fixtures/labels/labeled-*.jsonl`): the fixture taxonomy predicts
/// [peft, retrieval] / text / general / method / false, then [data] / text / general / empirical-study / true, then
/// [other-approach] / [vision] / [biomedical] / survey / false.
@Suite("eval-labels")
struct LabelEvaluationTests {
    static func evaluate(_ fixture: String) throws -> LabelEvaluation {
        let taxonomy = try LabelFixture.taxonomy()
        let bytes = Array(try Data(contentsOf: TestSupport.fixture("labels/" + fixture)))
        let papers = try LabeledPapers.parse(bytes, file: fixture, taxonomy: taxonomy)
        return LabelEvaluation.evaluate(papers, labeler: Labeler(taxonomy: taxonomy))
    }

    @Test(arguments: ["labeled-top.jsonl", "labeled-nested.jsonl"])
    func theFiguresAreThoseWorkedOutByHand(fixture: String) throws {
        let evaluation = try Self.evaluate(fixture)
        #expect(evaluation.papers == 3)
        let facets = Dictionary(uniqueKeysWithValues: evaluation.facets.map { ($0.name, $0) })
        let approach = try #require(facets["approach"])
        #expect((approach.truePositives, approach.falsePositives, approach.falseNegatives) == (3, 1, 1))
        #expect(approach.precision == 0.75)
        #expect(approach.recall == 0.75)
        #expect(approach.f1 == 0.75)
        let modality = try #require(facets["modality"])
        #expect((modality.truePositives, modality.falsePositives, modality.falseNegatives) == (3, 0, 1))
        #expect(modality.precision == 1)
        #expect(abs(modality.f1 - 6.0 / 7.0) < 1e-12)
        #expect(facets["domain"]?.f1 == 1)
        #expect(abs((facets["contribution"]?.accuracy ?? 0) - 2.0 / 3.0) < 1e-12)
        #expect(abs((facets["safety"]?.accuracy ?? 0) - 2.0 / 3.0) < 1e-12)
        #expect((evaluation.truePositives, evaluation.falsePositives, evaluation.falseNegatives) == (13, 3, 4))
        #expect(abs(evaluation.microF1 - 26.0 / 33.0) < 1e-12)
        #expect(evaluation.codeErrors.map { "\($0.facet)/\($0.code) \($0.falsePositives) \($0.falseNegatives)" } == [
            "approach/retrieval 1 1", "modality/text 0 1", "contribution/method 0 1", "contribution/survey 1 0",
            "safety/false 0 1", "safety/true 1 0",
        ])
        #expect(evaluation.paperMistakes.map(\.line) == (fixture == "labeled-top.jsonl" ? [1, 2, 4] : [1, 2, 3]))
    }

    @Test func theReportPrintsEveryFigure() throws {
        let evaluation = try Self.evaluate("labeled-top.jsonl")
        let report = LabelEvaluationReport.render(
            evaluation, source: "labeled-top.jsonl", taxonomy: try LabelFixture.taxonomy(), showMistakes: true)
        let lines = report.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("labeled-top.jsonl: 3 papers; taxonomy taxonomy.json (sha256 "))
        #expect(lines.contains("approach          0.750   0.750  0.750          "))
        #expect(lines.contains("modality          1.000   0.750  0.857          "))
        #expect(lines.contains("contribution                               0.667"))
        #expect(lines.contains("overall micro-F1: 0.788 (true positives 13, false positives 3, false negatives 4)"))
        #expect(lines.contains("approach/retrieval       2           1           1"))
        #expect(lines.contains("line 2: Does synthetic data help?"))
        #expect(lines.contains("  safety: got true, want false (scores: score 6.00 [hallucination])"))
        #expect(lines.contains("  approach: got [peft, retrieval], want [peft] (scores: peft 8.00 [lora], retrieval 8.00 [retrieval])"))
    }

    @Test func aLineWithoutAFacetIsAnErrorWithItsLine() throws {
        let taxonomy = try LabelFixture.taxonomy()
        let text = """
        {"title": "A", "abstract": null, "approach": [], "modality": [], "domain": [], "contribution": "method", "safety": false}
        {"title": "B", "abstract": "x", "approach": [], "modality": [], "domain": [], "contribution": "method"}
        """
        #expect(throws: LabeledPapersError.self) { try LabeledPapers.parse(Array(text.utf8), file: "gold.jsonl", taxonomy: taxonomy) }
        do {
            _ = try LabeledPapers.parse(Array(text.utf8), file: "gold.jsonl", taxonomy: taxonomy)
        } catch {
            #expect(error.description == #"gold.jsonl:2: no "safety" at the top level or under "labels""#)
        }
        let wrongType = #"{"title": "A", "approach": "peft", "modality": [], "domain": [], "contribution": "method", "safety": false}"#
        do {
            _ = try LabeledPapers.parse(Array(wrongType.utf8), file: "gold.jsonl", taxonomy: taxonomy)
            Issue.record("a string approach was read")
        } catch {
            #expect(error.description == #"gold.jsonl:1: "approach": expected an array of codes, found string"#)
        }
    }

    @Test func theCommandLinePrintsTheReportForBothShapes() throws {
        let directory = TestSupport.fixture("labels")
        let top = try CLI.run(["eval-labels", "labeled-top.jsonl"], in: directory)
        #expect(top.status == 0, "stderr: \(top.stderr)")
        #expect(top.stdout.contains("overall micro-F1: 0.788"))
        let nested = try CLI.run(["eval-labels", "labeled-nested.jsonl", "--taxonomy", "taxonomy.json", "--show-errors"], in: directory)
        #expect(nested.status == 0)
        #expect(nested.stdout.contains("overall micro-F1: 0.788"))
        #expect(nested.stdout.contains("line 3: Clinical image survey"))
        let missing = try CLI.run(["eval-labels", "labeled-top.jsonl", "--taxonomy", "nope.json"], in: directory)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.json: cannot read the taxonomy file"))
    }
}

@Suite("Label counts")
struct LabelCountsTests {
    @Test func recordsPerCodeInTaxonomyOrderWithCodesSorted() throws {
        let labeler = try LabelFixture.labeler()
        var records: [PaperRecord] = []
        for (index, title) in ["LoRA for retrieval", "Clinical image survey", "Hallucination of LoRA"].enumerated() {
            var record = PaperRecord(
                title: title, source: SourceRef(path: "a", format: "f", index: index), rank: .hfText, location: .line("a", index + 1))
            record.labels = labeler.labels(title: title, abstract: nil)
            records.append(record)
        }
        var unlabeled = records[0]
        unlabeled.labels = .unlabeled
        records.append(unlabeled)
        var counts = LabelCounts(taxonomy: labeler.taxonomy)
        for record in records { counts.add(record) }
        let json = counts.json
        #expect(String(decoding: JSONWriter.serialize(json, pretty: false), as: UTF8.self) == """
        {"approach":{"data":0,"full-fine-tuning":0,"other-approach":1,"peft":2,"retrieval":1},\
        "modality":{"code":0,"text":2,"vision":1},"domain":{"biomedical":1,"general":2},\
        "contribution":{"empirical-study":0,"method":2,"survey":1},"safety":{"false":2,"true":1}}
        """)
        var first = LabelCounts(taxonomy: labeler.taxonomy)
        var second = LabelCounts(taxonomy: labeler.taxonomy)
        for record in records.prefix(2) { first.add(record) }
        for record in records.dropFirst(2) { second.add(record) }
        first.add(second)
        #expect(JSONWriter.serialize(first.json, pretty: false) == JSONWriter.serialize(json, pretty: false))
    }
}
