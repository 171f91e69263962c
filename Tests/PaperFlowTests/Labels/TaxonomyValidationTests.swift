import Foundation
import Testing
@testable import PaperFlow

@Suite("taxonomy.json validation")
struct TaxonomyValidationTests {
    @Test func theRepositoryTaxonomyIsValidWithTheFacetsOfTheRecord() throws {
        let path = TestSupport.packageRoot.appendingPathComponent("taxonomy.json").path
        let taxonomy = try Taxonomy.load(path: path, file: "taxonomy.json")
        #expect(taxonomy.facets.map(\.name) == Labels.facetNames)
        #expect(taxonomy.facets.map(\.type) == [.multi, .multi, .multi, .single, .boolean])
        #expect(taxonomy.digest == SHA256Hex.digest(Array(try Data(contentsOf: URL(fileURLWithPath: path)))))
        #expect(taxonomy.facet(named: "approach")?.codes.count == 15)
        #expect(taxonomy.facet(named: "modality")?.codes.count == 8)
        #expect(taxonomy.facet(named: "domain")?.codes.count == 9)
        #expect(taxonomy.facet(named: "contribution")?.codes.map(\.code) == ["method", "empirical-study", "benchmark-dataset", "survey"])
    }

    @Test func theFixtureTaxonomyReadsEveryRule() throws {
        let taxonomy = try LabelFixture.taxonomy()
        #expect(taxonomy.fieldWeights == FieldWeights(title: 2, abstract: 1))
        #expect(taxonomy.repeatDecay == 0.5)
        #expect(taxonomy.contextExclusion.before.words == 2)
        #expect(taxonomy.contextExclusion.after.phrases.map(\.text) == ["baseline"])
        #expect(taxonomy.sentenceWeights.first?.weight == 2)
        let approach = try #require(taxonomy.facet(named: "approach"))
        #expect(approach.defaultCode == 4)
        #expect(approach.catchAll == 4)
        #expect(approach.relativeThreshold == 0.5)
        #expect(approach.maxCodes == 2)
        #expect(approach.codes[0].yieldsTo == [1])
        #expect(approach.codes[0].yieldFactor == 0.5)
        #expect(approach.codes[2].cues.map(\.weight) == [4, -4])
        let safety = try #require(taxonomy.facet(named: "safety"))
        #expect(safety.defaultFlag == false)
        #expect(safety.codes.map(\.code) == ["true"])
        #expect(taxonomy.facet(named: "domain")?.codes[1].cues.first?.field == .title)
        #expect(taxonomy.facet(named: "modality")?.maxCodes == 3)
    }

    @Test(arguments: [
        (#""name": "domain""#, #""name": "topic""#,
         #"taxonomy.json: facets[2].name: unknown facet "topic" (known: approach, modality, domain, contribution, safety)"#),
        (#""name": "domain""#, #""name": "modality""#,
         #"taxonomy.json: facets[2].name: duplicate facet "modality" (first at facets[1])"#),
        (#""name": "domain""#, #""name": "topic""#, #"taxonomy.json: facets: missing facet "domain" (the record has approach, modality, domain, contribution, safety)"#),
        (#""name": "contribution", "type": "single""#, #""name": "contribution", "type": "multi""#,
         #"taxonomy.json: facets[3].type: "contribution" is single in the record schema, not multi"#),
        (#""name": "contribution", "type": "single""#, #""name": "contribution", "type": "list""#,
         #"taxonomy.json: facets[3].type: unknown facet type "list" (valid: multi, single, boolean)"#),
        (#"{ "code": "vision""#, #"{ "code": "text""#, #"taxonomy.json: facets[1].codes[2].code: duplicate code "text" (first at codes[0])"#),
        (#"{ "code": "vision""#, #"{ "code": "Vision""#,
         #"taxonomy.json: facets[1].codes[2].code: "Vision" is not a code: lower-case letters and digits, words joined by "-""#),
        (#""default": "text""#, #""default": "txt""#,
         #"taxonomy.json: facets[1].default: "txt" is not a code of "modality" (codes: text, code, vision)"#),
        (#""default": false"#, #""default": "false""#, #"taxonomy.json: facets[4].default: expected a boolean, found string"#),
        (#""catch_all": "other-approach""#, #""catch_all": "misc""#,
         #"taxonomy.json: facets[0].catch_all: "misc" is not a code of "approach" (codes: full-fine-tuning, peft, retrieval, data, other-approach)"#),
        (#""yields_to": ["peft"]"#, #""yields_to": ["pft"]"#,
         #"taxonomy.json: facets[0].codes[0].yields_to[0]: "pft" is not another code of this facet (codes: peft, retrieval, data, other-approach)"#),
        (#""relative_threshold": 0.5"#, #""relative_threshold": 1.5"#,
         #"taxonomy.json: facets[0].relative_threshold: 1.5 is out of range (valid: 0...1)"#),
        (#""max_codes": 2"#, #""max_codes": 0"#, #"taxonomy.json: facets[0].max_codes: 0 is out of range (valid: 1...100)"#),
        (#""field": "title""#, #""field": "body""#,
         #"taxonomy.json: facets[2].codes[1].cues[0].field: unknown field "body" (valid: title, abstract)"#),
        (#""phrases": ["synthetic data"]"#, #""phrases": []"#, #"taxonomy.json: facets[0].codes[3].cues[0].phrases: needs at least one phrase"#),
        (#""phrases": ["image"]"#, #""phrases": ["image", "Image"]"#,
         #"taxonomy.json: facets[1].codes[2].cues[0].phrases[1]: duplicate phrase "Image" (also at facets[1].codes[2].cues[0].phrases[0])"#),
        (#""repeat_decay": 0.5"#, #""repeat_decay": 0.5, "colour": 1"#,
         #"taxonomy.json: colour: unknown key "colour" (valid: version, note, fields, repeat_decay, context_exclusion, sentence_weights, facets)"#),
        (#""version": 1"#, #""version": 2"#, #"taxonomy.json: version: unsupported taxonomy version 2 (supported: 1)"#),
        (#""words": 2"#, #""words": -1"#, #"taxonomy.json: context_exclusion.before.words: -1 is out of range (valid: 0...20)"#),
    ])
    func aProblemIsReportedWithItsJSONPath(old: String, new: String, expected: String) throws {
        let issues = LabelFixture.issues(try LabelFixture.variant(old, new))
        #expect(issues.contains(expected), "\(issues)")
    }

    @Test(arguments: [
        ("lo*ra", #""*" may only end a word"#),
        ("rl/hf", #""/" is not pattern syntax: list each variant as its own phrase"#),
        ("x ^y", #""^" may only start the phrase"#),
        ("ab*", #""*" needs at least 3 characters before it ("ab*" matches too much)"#),
        ("fine-*", #""*" must follow the letters of a word"#),
        ("   ", "an empty phrase"),
        ("---", "no letters or digits"),
        ("lora (qlora)", #"unexpected character "(" (phrases hold letters, digits, spaces, hyphens, "*", "^" and "?")"#),
        ("a b c d e f g", "7 words; a phrase has at most 6"),
    ])
    func aBadPatternIsAnErrorThatSaysWhy(phrase: String, why: String) throws {
        let issues = LabelFixture.issues(try LabelFixture.variant(#""phrases": ["synthetic data"]"#, #""phrases": ["\#(phrase)"]"#))
        #expect(issues == [#"taxonomy.json: facets[0].codes[3].cues[0].phrases[0]: bad pattern "\#(phrase)": \#(why)"#])
    }

    @Test func everyProblemIsReportedNotJustTheFirst() throws {
        let json = try LabelFixture.variant(#""default": "text""#, #""default": "txt""#)
            .replacingOccurrences(of: #"{ "code": "vision""#, with: #"{ "code": "text""#)
            .replacingOccurrences(of: #""phrases": ["synthetic data"]"#, with: #""phrases": ["syn/thetic"]"#)
        #expect(LabelFixture.issues(json).count == 3)
    }

    @Test func facetsOutOfRecordOrderAreAnError() throws {
        let text = try String(contentsOf: LabelFixture.taxonomyURL, encoding: .utf8)
        guard case .object(let root) = try JSONValue.parse(text), case .array(let facets)? = root["facets"] else {
            Issue.record("the fixture has no facets")
            return
        }
        let swapped = JSONValue.object(JSONObject(root.members.map { member in
            member.key == "facets" ? JSONObject.Member(key: "facets", value: .array([facets[1], facets[0]] + facets[2...])) : member
        }))
        let issues = LabelFixture.issues(String(decoding: JSONWriter.serialize(swapped, pretty: false), as: UTF8.self))
        #expect(issues == [
            "taxonomy.json: facets: facets must be in record order (approach, modality, domain, contribution, safety), found modality, approach, domain, contribution, safety",
        ])
    }

    @Test func notJSONIsOneIssue() {
        #expect(LabelFixture.issues("{\"version\": 1,")
            .allSatisfy { $0.hasPrefix("taxonomy.json: not valid JSON: ") })
        #expect(LabelFixture.issues("[]") == ["taxonomy.json: expected an object, found array"])
    }

    @Test func aMissingFileIsAnIssue() {
        do throws(SpecError) {
            _ = try Taxonomy.load(path: "/nonexistent/taxonomy.json", file: "taxonomy.json")
            Issue.record("a missing file loaded")
        } catch {
            #expect(error.issues.map(\.description) == ["taxonomy.json: cannot read the taxonomy file (does it exist?)"])
        }
    }
}
