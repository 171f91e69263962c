import Foundation
import Testing
@testable import PaperFlow

@Suite("hf-daily-html pages")
struct HFDailyHTMLTests {
    static let fixtures = TestSupport.fixture("formats/hf-daily-html")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    static func extract(_ bytes: [UInt8], path: String = "page.html", crossCheck: Bool = false) -> Extraction {
        HFDailyHTML.extract(LoadedInput(
            bytes: bytes, path: path, snapshotDay: nil, options: ExtractOptions(domCrossCheck: crossCheck)))
    }

    static func extract(fixture name: String, crossCheck: Bool = false) throws -> Extraction {
        extract(try bytes(name), path: name, crossCheck: crossCheck)
    }

    /// The byte offset of the start of the line that holds the `occurrence`-th (from 0) `needle`.
    static func lineStart(of needle: String, occurrence: Int = 0, in bytes: [UInt8]) -> Int? {
        let pattern = Array(needle.utf8)
        var seen = 0
        var index = 0
        while index + pattern.count <= bytes.count {
            if bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                if seen == occurrence {
                    return (bytes[..<index].lastIndex(of: 0x0A) ?? -1) + 1
                }
                seen += 1
            }
            index += 1
        }
        return nil
    }

    /// The records as canonical release lines, after `normalize` and the title hash.
    static func canonicalLines(_ records: [PaperRecord]) -> String {
        var text = ""
        for record in records {
            guard let line = TestSupport.releaseLine(record) else { continue }
            text += String(decoding: line, as: UTF8.self)
        }
        return text
    }

    // MARK: Recognition

    @Test func recognisesBothLayoutsTheShellAndNothingElse() throws {
        for name in ["daily-2024.html", "daily-2025.html", "weekly-2025.html", "broken-props.html", "missing-title.html",
                     "no-list.html", "truncated.html"] {
            #expect(HFDailyHTML.recognizes(try Self.bytes(name).prefix(ContentScreen.headLength)), "\(name)")
        }
        let unrelated = try Self.bytes("unrelated.html")
        #expect(!HFDailyHTML.recognizes(unrelated[...]))
        #expect(FormatRegistry.sniff(unrelated[...]) == nil)
        let dump = Array(HFTextTests.chrome.utf8)
        #expect(!HFDailyHTML.recognizes(dump[...]))
        #expect(FormatRegistry.sniff(dump[...]).map { $0.name } == "hf-text")
        let prose = Array("Daily Papers are great. data-target=\"DailyPapers\" is how the page marks them.".utf8)
        #expect(!HFDailyHTML.recognizes(prose[...]))
    }

    @Test func aSearchPageWithTheSameShellIsLeftToTheSearchFormat() {
        let shell = #"<!DOCTYPE html><html><head><title>Daily Papers - Hugging Face</title></head><body class="DailyPapersPage">"#
        let islandWithSearch = shell + #"<div data-target="DailyPapers" data-props="{&quot;searchResults&quot;:[]}"></div></body></html>"#
        let searchLinks = shell + #"<form action="/papers"><input name="q"></form><a href="/papers?q=llama">more</a></body></html>"#
        #expect(!HFDailyHTML.recognizes(Array(islandWithSearch.utf8)[...]))
        #expect(!HFDailyHTML.recognizes(Array(searchLinks.utf8)[...]))
    }

    // MARK: JSON

    @Test func the2024LayoutIsReadFromTheIslandJSON() throws {
        let bytes = try Self.bytes("daily-2024.html")
        let result = Self.extract(bytes, path: "daily-2024.html")
        #expect(result.rejects.isEmpty)
        #expect(result.counters.sorted.isEmpty)
        let records = result.records
        #expect(records.map(\.arxivID) == ["2407.90001", "2407.90002", "2404.01399"])
        #expect(records.map(\.title) == [
            "Sparse Mixture Routers for Tiny Vision Models", "Diffusion & Flow: A Unified View of Generative Trajectories",
            "Old Paper Featured Again",
        ])
        #expect(records.allSatisfy { $0.rank == .hfDailyJSON })
        #expect(records.map { $0.sources } == (0..<3).map { [SourceRef(path: "daily-2024.html", format: "hf-daily-html", index: $0)] })
        #expect(records[0].abstract?.contains("\n") == true, "the hard wraps are kept for normalize")
        #expect(records[0].authors == ["Ana Lima", "Bo Chen", "Carla Diaz", "Dev Patel", "Eun Kim", "Femi Ade"])
        #expect(records[1].authors == ["Gil Ortega", "Hana Sato"], "a hidden author is still counted by the page")
        #expect(records.map(\.authorsCount) == [6, 2, 1])
        #expect(records.map(\.upvotes) == [41, 12, 3])
        #expect(records.map(\.comments) == [3, 0, 2])
        #expect(records.map(\.organization) == [nil, nil, nil])
        #expect(records.map(\.publishedDate) == [
            PartialDate(year: 2024, month: 7, day: 31), PartialDate(year: 2024, month: 7, day: 31),
            PartialDate(year: 2024, month: 4, day: 1),
        ], "an instant at -05:00 takes its UTC day")
        #expect(records.allSatisfy { $0.listingDate == PartialDate(year: 2024, month: 8, day: 1) }, "the page's `date`")
        #expect(records.allSatisfy { $0.referenceDay == Day(year: 2024, month: 8, day: 1) })
        let island = Self.lineStart(of: #"data-target="DailyPapers""#, in: bytes)
        #expect(records.allSatisfy { $0.location == Location(path: "daily-2024.html", position: island.map { .byte($0) }) })
    }

    @Test func the2025LayoutKeepsItsQuirksForNormalize() throws {
        let result = try Self.extract(fixture: "daily-2025.html")
        #expect(result.rejects.isEmpty)
        let records = result.records
        #expect(records.map(\.arxivID) == ["2609.90001", "2601.90002", "2609.90003"])
        #expect(records[1].title == "Paragraph Limits Are Not White Space:Compression Signals of Hierarchy")
        #expect(records[0].authors == ["Hong Du", "Chris D&#39;Mello", "Stéphane May", "Mihaela-Elena Breabăn"])
        #expect(records[0].abstract == "Representation autoencoders reuse features of a frozen encoder.\n  FuseNet-Δ regularizes "
            + #"the fused layers and closes the gap: 98.3\% of the reconstructions are judged "easy" by raters."#)
        #expect(records.map(\.organization) == ["Example Vision Lab", nil, nil])
        #expect(records.map(\.upvotes) == [110, 0, 1])
        #expect(records.map(\.comments) == [2, 0, 1])
        #expect(records.map(\.authorsCount) == [4, 7, 1])
        #expect(records.map { $0.publishedDate } == [
            PartialDate(year: 2026, month: 9, day: 25), PartialDate(year: 2026, month: 9, day: 20),
            PartialDate(year: 2026, month: 9, day: 24),
        ], "paper.publishedAt, not the entry's publishedAt (the evening before, UTC)")
        #expect(records.allSatisfy { $0.listingDate == PartialDate(year: 2026, month: 9, day: 28) }, "submittedOnDailyAt")
        let lines = Self.canonicalLines(records)
        #expect(lines.contains(#""authors":["Hong Du","Chris D'Mello","Stéphane May","Mihaela-Elena Breabăn"]"#))
        #expect(lines.contains(#"closes the gap: 98.3\\% of the reconstructions are judged \"easy\" by raters."#))
        #expect(lines.contains(#"frozen encoder. FuseNet-Δ regularizes"#))
    }

    @Test func aWeeklyPageHasNoListingDateWithoutSubmittedOnDailyAt() throws {
        let result = try Self.extract(fixture: "weekly-2025.html")
        #expect(result.rejects.isEmpty)
        #expect(result.records.map(\.arxivID) == ["2609.90001", "2601.90002"])
        #expect(result.records.allSatisfy { $0.listingDate == nil && $0.referenceDay == nil })
        #expect(result.records.allSatisfy { $0.publishedDate != nil })
    }

    @Test func organizationIsTheObjectsFullnameElseNameOrAString() {
        func json(_ text: String) -> JSONValue? { try? JSONValue.parse(text) }
        #expect(HFDailyHTML.organization(json(#"{"name":"kaist-ai","fullname":"KAIST AI"}"#)) == "KAIST AI")
        #expect(HFDailyHTML.organization(json(#"{"name":"kaist-ai","fullname":" "}"#)) == "kaist-ai")
        #expect(HFDailyHTML.organization(json(#""Seoul National University""#)) == "Seoul National University")
        #expect(HFDailyHTML.organization(json("null")) == nil)
        #expect(HFDailyHTML.organization(nil) == nil)
    }

    @Test func anEntryWithoutATitleIsRejectedAndKeepsItsIndex() {
        let props = #"{&quot;date&quot;:&quot;2024-08-01T00:00:00.000Z&quot;,&quot;dailyPapers&quot;:["#
            + #"{&quot;paper&quot;:{&quot;id&quot;:&quot;2407.00001&quot;,&quot;title&quot;:&quot;First&quot;}},"#
            + #"{&quot;paper&quot;:{&quot;id&quot;:&quot;2407.00002&quot;,&quot;title&quot;:&quot; &quot;}},"#
            + #"{&quot;paper&quot;:{&quot;id&quot;:&quot;2407.00003&quot;},&quot;title&quot;:&quot;Third&quot;}]}"#
        let html = "<html><head><title>Daily Papers - Hugging Face</title></head><body class=\"DailyPapersPage\">\n"
            + "<div data-target=\"DailyPapers\" data-props=\"\(props)\"></div>\n</body></html>\n"
        let result = Self.extract(Array(html.utf8))
        #expect(result.records.map(\.title) == ["First", "Third"])
        #expect(result.records.map { $0.sources[0].index } == [0, 2])
        #expect(result.rejects.map(\.reason) == [.missingTitle])
        #expect(result.rejects.map(\.location.description) == ["page.html:\(Array(html.utf8).firstIndex(of: 0x0A)! + 1)"])
    }

    // MARK: DOM fallback

    @Test func propsThatAreNotJSONFallBackToTheCards() throws {
        let bytes = try Self.bytes("broken-props.html")
        let result = Self.extract(bytes, path: "broken-props.html")
        #expect(result.rejects.isEmpty, "readable cards make a broken data-props no reject")
        #expect(result.counters["hf_daily_dom_fallback"] == 1)
        let records = result.records
        #expect(records.allSatisfy { $0.rank == .hfDailyDOM })
        #expect(records.map(\.arxivID) == ["2609.90001", "2601.90002", "2609.90003"])
        #expect(records.map(\.title) == [
            "FuseNet-Δ: Regularizing Fused Layers in Representation Autoencoders",
            "Paragraph Limits Are Not White Space:Compression Signals of Hierarchy", "Solo Author Study of Tokenizers",
        ])
        #expect(records.map(\.upvotes) == [110, 0, 1], "`-` in the vote box is 0")
        #expect(records.map(\.comments) == [2, 0, 1], "no #community link is 0 comments")
        #expect(records.map(\.printedAuthorsCount) == [nil, 7, 1])
        #expect(records.map(\.organization) == ["Example Vision Lab", nil, nil])
        #expect(records[1].authors == ["Yuan Yuan", "Jin Mo Yang", "Young Min Cho"],
                "full names in reading order; the avatars of HF accounts show usernames and are left out")
        #expect(records[2].authors.isEmpty)
        #expect(records.allSatisfy { $0.abstract == nil && $0.publishedDate == nil && $0.listingDate == nil })
        #expect(records.map { $0.sources[0].index } == [0, 1, 2])
        let locations = (0..<3).map { Self.lineStart(of: "<article", occurrence: $0, in: bytes) }
        #expect(records.map(\.location.position) == locations.map { $0.map { .byte($0) } })
    }

    @Test func the2024CardsGiveTheDateWidgetsDayAndTheCountsTheyPrint() throws {
        var html = String(decoding: try Self.bytes("daily-2024.html"), as: UTF8.self)
        let island = try #require(html.range(of: #"data-target="DailyPapers" data-props=""#))
        let end = try #require(html[island.upperBound...].firstIndex(of: "\""))
        html.replaceSubrange(island.lowerBound...end, with: #"data-target="DailyPapers""#)
        let result = Self.extract(Array(html.utf8))
        #expect(result.rejects.isEmpty)
        #expect(result.counters["hf_daily_dom_fallback"] == 1)
        #expect(result.records.map(\.arxivID) == ["2407.90001", "2407.90002", "2404.01399"])
        #expect(result.records.map(\.title)[1] == "Diffusion & Flow: A Unified View of Generative Trajectories")
        #expect(result.records.map(\.upvotes) == [41, 12, 3])
        #expect(result.records.map(\.comments) == [3, 0, 2])
        #expect(result.records.map(\.authorsCount) == [6, 2, 1])
        #expect(result.records[0].authors == ["Ana Lima", "Carla Diaz", "Dev Patel"])
        #expect(result.records.allSatisfy { $0.listingDate == PartialDate(year: 2024, month: 8, day: 1) })
    }

    @Test func aCardWithoutATitleIsAMissingTitleRejectAtItsCard() throws {
        let bytes = try Self.bytes("missing-title.html")
        let result = Self.extract(bytes, path: "missing-title.html")
        #expect(result.records.map(\.arxivID) == ["2407.90001", "2404.01399"])
        #expect(result.records.map { $0.sources[0].index } == [0, 2])
        #expect(result.rejects.map(\.reason) == [.missingTitle])
        let second = try #require(Self.lineStart(of: "<article", occurrence: 1, in: bytes))
        #expect(result.rejects.map(\.location) == [Location(path: "missing-title.html", position: .byte(second))])
        #expect(result.counters["hf_daily_dom_fallback"] == 1)
    }

    @Test func aDailyPageWhosePapersCannotBeFoundIsOneLayoutChange() throws {
        let result = try Self.extract(fixture: "no-list.html")
        #expect(result.records.isEmpty)
        #expect(result.rejects.map(\.reason) == [.layoutChanged])
        #expect(result.rejects.first?.location == Location(path: "no-list.html"))
        #expect(result.counters["hf_daily_dom_fallback"] == 0)

        let emptyList = #"<html><head><title>Daily Papers - Hugging Face</title></head><body class="DailyPapersPage">"#
            + #"<div data-target="DailyPapers" data-props="{&quot;dailyPapers&quot;:[]}"><section></section></div></body></html>"#
        let empty = Self.extract(Array(emptyList.utf8))
        #expect(empty.records.isEmpty)
        #expect(empty.rejects.map(\.reason) == [.layoutChanged])
    }

    @Test func aPageCutInTheCardsKeepsTheCardsBeforeTheCut() throws {
        let bytes = try Self.bytes("truncated.html")
        let result = Self.extract(bytes, path: "truncated.html")
        #expect(result.records.map(\.arxivID) == ["2609.90001", "2601.90002"])
        #expect(result.records.map(\.comments) == [2, 0])
        #expect(result.rejects.map(\.reason) == [.truncated])
        let third = try #require(Self.lineStart(of: "<article", occurrence: 2, in: bytes))
        #expect(result.rejects.map(\.location) == [Location(path: "truncated.html", position: .byte(third))])
    }

    @Test func aPageCutAfterItsJSONKeepsEveryPaperAndSaysItIsCut() throws {
        let bytes = try Self.bytes("daily-2025.html")
        let cut = try #require(Self.lineStart(of: "<article", occurrence: 2, in: bytes))
        let result = Self.extract(Array(bytes[..<(cut + 200)]))
        #expect(result.records.map(\.arxivID) == ["2609.90001", "2601.90002", "2609.90003"])
        #expect(result.records.allSatisfy { $0.rank == .hfDailyJSON })
        #expect(result.rejects.map(\.reason) == [.truncated])
    }

    @Test func aPageCutInsideItsPropsIsTruncatedNotALayoutChange() throws {
        let bytes = try Self.bytes("daily-2025.html")
        let island = try #require(Self.lineStart(of: #"data-target="DailyPapers""#, in: bytes))
        let result = Self.extract(Array(bytes[..<(island + 3000)]))
        #expect(result.records.isEmpty)
        #expect(result.rejects.map(\.reason) == [.truncated])
    }

    @Test func svelteCommentsInsideTextAreDropped() {
        let card = #"<article><h3><a href="/papers/2609.00001"><!---->A <!---->Title</a></h3>"#
            + #"<div class="leading-none"><!---->7</div><a href="/papers/2609.00001#community"><!----> 2</a></article>"#
        let html = #"<html><head><title>Daily Papers - Hugging Face</title></head><body class="DailyPapersPage">"#
            + card + "</body></html>"
        let result = Self.extract(Array(html.utf8))
        #expect(result.records.map(\.title) == ["A Title"])
        #expect(result.records.map(\.upvotes) == [7])
        #expect(result.records.map(\.comments) == [2])
    }

    @Test func deepNestingIsWalkedWithoutExhaustingTheStack() {
        let depth = 200_000
        let shell = #"<html><head><title>Daily Papers - Hugging Face</title></head><body class="DailyPapersPage">"#
        let deep = shell + String(repeating: "<div>", count: depth) + "deep" + String(repeating: "</div>", count: depth)
        let complete = Self.extract(Array((deep + "</body></html>").utf8))
        #expect(complete.records.isEmpty)
        #expect(complete.rejects.map(\.reason) == [.layoutChanged])
        let cut = Self.extract(Array(deep.utf8))
        #expect(cut.rejects.map(\.reason) == [.truncated])
    }

    @Test func smallReaders() {
        #expect(HFDailyHTML.paperID("/papers/2407.21783") == "2407.21783")
        #expect(HFDailyHTML.paperID("/papers/2407.21783#community") == "2407.21783")
        #expect(HFDailyHTML.paperID("/papers/2601.0635") == "2601.0635")
        #expect(HFDailyHTML.paperID("/papers/date/2026-09-25") == nil)
        #expect(HFDailyHTML.paperID("/papers/trending") == nil)
        #expect(HFDailyHTML.paperID("/papers") == nil)
        #expect(HFDailyHTML.voteCount("-") == 0)
        #expect(HFDailyHTML.voteCount("94") == 94)
        #expect(HFDailyHTML.voteCount("Submitted by akhaliq") == nil)
        #expect(HFDailyHTML.authorsCount("·\n\t\t533 authors") == 533)
        #expect(HFDailyHTML.authorsCount("· 1 authors") == 1)
        #expect(HFDailyHTML.authorsCount("1 author") == 1)
        #expect(HFDailyHTML.authorsCount("many authors") == nil)
    }

    // MARK: Cross-check

    @Test func theCrossCheckCountsDisagreeingCardsAndChangesNothing() throws {
        var html = String(decoding: try Self.bytes("daily-2025.html"), as: UTF8.self)
        html = html.replacingOccurrences(of: #"<div class="leading-none">110</div>"#, with: #"<div class="leading-none">111</div>"#)
        let third = try #require(html.range(of: "<article", options: .backwards))
        let thirdEnd = try #require(html.range(of: "</article>", range: third.upperBound..<html.endIndex))
        html.removeSubrange(third.lowerBound..<thirdEnd.upperBound)
        let plain = Self.extract(Array(html.utf8))
        let checked = Self.extract(Array(html.utf8), crossCheck: true)
        #expect(plain.counters["hf_daily_dom_disagreements"] == 0)
        #expect(checked.counters["hf_daily_dom_disagreements"] == 2, "one upvote count differs, one card is missing")
        #expect(Self.canonicalLines(checked.records) == Self.canonicalLines(plain.records))
        #expect(checked.rejects.isEmpty)
        let agreeing = try Self.extract(fixture: "daily-2025.html", crossCheck: true)
        #expect(agreeing.counters["hf_daily_dom_disagreements"] == 0)
        #expect(try Self.extract(fixture: "daily-2024.html", crossCheck: true).counters["hf_daily_dom_disagreements"] == 0)
    }

    // MARK: Invalid UTF-8, end to end

    @Test func invalidUTF8InOneTitleRejectsOnlyThatRecord() throws {
        var bytes = try Self.bytes("daily-2025.html")
        let title = Array("Solo Author Study".utf8)
        let at = try #require((0...(bytes.count - title.count)).first { bytes[$0..<($0 + title.count)].elementsEqual(title) })
        bytes.replaceSubrange((at + 4)..<(at + 5), with: [0xFF])
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(bytes).write(to: directory.appendingPathComponent("page.html"))
        let spec = try TestSupport.spec("""
        {"version": 1, "name": "utf8", "input": {"paths": ["\(directory.path)"]},
         "stages": [{"op": "extract"}, {"op": "normalize"}, {"op": "dedup-title"}, {"op": "write"}],
         "release": {"dir": "/nonexistent-dry-run"}}
        """)
        let (report, papers) = try TestSupport.runKeepingPapers(Runner(spec: spec, jobs: 1, dryRun: true))
        #expect(report.dataset.inputs.map { $0.format ?? "" } == ["hf-daily-html"])
        #expect(papers.map { $0.arxivID ?? "" }.sorted() == ["2601.90002", "2609.90001"])
        #expect(report.dataset.rejects.map(\.reason) == [.invalidUTF8])
        let island = try #require(Self.lineStart(of: #"data-target="DailyPapers""#, in: bytes))
        #expect(report.dataset.rejects.map(\.location.description) == ["page.html:\(island)"])
    }

    // MARK: The SAX fast path

    /// Everything an extraction gives, fields, locations and counters included, as text.
    static func dump(_ extraction: Extraction) -> String {
        "\(extraction.records)\n\(extraction.rejects)\n\(extraction.counters)"
    }

    @Test func theSAXPathGivesTheTreePathsRecordsOnEveryFixtureItReads() throws {
        var read: [String] = []
        for name in ["daily-2024.html", "daily-2025.html", "weekly-2025.html", "broken-props.html", "missing-title.html",
                     "no-list.html", "truncated.html", "unrelated.html"] {
            let input = LoadedInput(bytes: try Self.bytes(name), path: name, snapshotDay: nil)
            guard let fast = HFDailyHTML.extractFromProps(input) else { continue }
            read.append(name)
            let tree = HFDailyHTML.extractFromTree(input)
            #expect("\(fast.records)" == "\(tree.records)", "\(name)")
            if !HTMLCutOff.isCutOff(input.bytes) {
                #expect(Self.dump(fast) == Self.dump(tree), "\(name)")
                #expect(Self.dump(fast) == Self.dump(HFDailyHTML.extract(input)), "\(name)")
            }
        }
        #expect(read == ["daily-2024.html", "daily-2025.html", "weekly-2025.html"])
    }

    @Test func theSAXPathLeavesEveryPageWithoutUsableJSONToTheTree() throws {
        for name in ["broken-props.html", "no-list.html", "unrelated.html"] {
            let input = LoadedInput(bytes: try Self.bytes(name), path: name, snapshotDay: nil)
            #expect(HFDailyHTML.extractFromProps(input) == nil, "\(name)")
        }
        let noProps = Array(#"<html><body><div data-target="DailyPapers"></div></body></html>"#.utf8)
        #expect(HFDailyHTML.extractFromProps(LoadedInput(bytes: noProps, path: "p.html", snapshotDay: nil)) == nil)
        let emptyList = Array(#"<html><body><div data-target="DailyPapers" data-props="{&quot;dailyPapers&quot;:[]}"></div></body></html>"#.utf8)
        #expect(HFDailyHTML.extractFromProps(LoadedInput(bytes: emptyList, path: "p.html", snapshotDay: nil)) == nil)
    }
}

/// The real saved pages of `../shared/fixtures/real/`, every paper and every field compared whole.
@Suite("hf-daily-html real pages", .enabled(
    if: ["hf_daily_2024-08-01.html", "hf_daily_2025_2026-09-28.html"].allSatisfy {
        FileManager.default.fileExists(atPath: TestSupport.shared.appendingPathComponent("fixtures/real/" + $0).path)
    },
    "../shared/fixtures/real/hf_daily_*.html are absent beside the repository: the real HF daily pages are not checked"))
struct HFDailyHTMLRealPagesTests {
    static let real = TestSupport.shared.appendingPathComponent("fixtures/real")

    static func page(_ name: String, crossCheck: Bool = false) throws -> Extraction {
        let bytes = Array(try Data(contentsOf: real.appendingPathComponent(name + ".html")))
        #expect(FormatRegistry.sniff(bytes.prefix(ContentScreen.headLength)).map { $0.name } == "hf-daily-html")
        return HFDailyHTML.extract(LoadedInput(
            bytes: bytes, path: name + ".html", snapshotDay: nil, options: ExtractOptions(domCrossCheck: crossCheck)))
    }

    static func expected(_ name: String) throws -> String {
        try String(contentsOf: HFDailyHTMLTests.fixtures.appendingPathComponent("expected-\(name).jsonl"), encoding: .utf8)
    }

    @Test func the2024PageGivesItsThirteenPapersExactly() throws {
        let result = try Self.page("hf_daily_2024-08-01")
        #expect(result.rejects.isEmpty)
        #expect(result.records.count == 13)
        #expect(result.records.contains { $0.arxivID == "2407.20229" }, "also in the 000 seed dump")
        #expect(HFDailyHTMLTests.canonicalLines(result.records) == (try Self.expected("hf_daily_2024-08-01")))
    }

    @Test func the2025PageGivesItsTwentyEightPapersExactly() throws {
        let result = try Self.page("hf_daily_2025_2026-09-28")
        #expect(result.rejects.isEmpty)
        #expect(result.records.count == 28)
        #expect(HFDailyHTMLTests.canonicalLines(result.records) == (try Self.expected("hf_daily_2025_2026-09-28")))
    }

    @Test func theSAXPathAndTheTreePathGiveIdenticalRecordsOnBothPages() throws {
        for name in ["hf_daily_2024-08-01", "hf_daily_2025_2026-09-28"] {
            let bytes = Array(try Data(contentsOf: Self.real.appendingPathComponent(name + ".html")))
            let input = LoadedInput(bytes: bytes, path: name + ".html", snapshotDay: nil)
            let fast = try #require(HFDailyHTML.extractFromProps(input), "\(name)")
            #expect(HFDailyHTMLTests.dump(fast) == HFDailyHTMLTests.dump(HFDailyHTML.extractFromTree(input)), "\(name)")
        }
    }

    @Test func theCardsAgreeWithTheJSONOnBothPages() throws {
        for name in ["hf_daily_2024-08-01", "hf_daily_2025_2026-09-28"] {
            let checked = try Self.page(name, crossCheck: true)
            #expect(checked.counters["hf_daily_dom_disagreements"] == 0, "\(name)")
            #expect(HFDailyHTMLTests.canonicalLines(checked.records) == (try Self.expected(name)))
        }
    }

    @Test func withoutTheirPropsBothPagesAreReadFromTheirCards() throws {
        for (name, count) in [("hf_daily_2024-08-01", 13), ("hf_daily_2025_2026-09-28", 28)] {
            var text = String(decoding: try Data(contentsOf: Self.real.appendingPathComponent(name + ".html")), as: UTF8.self)
            let island = try #require(text.range(of: #"data-target="DailyPapers""#))
            let props = try #require(text.range(of: #"data-props=""#, range: island.upperBound..<text.endIndex))
            text.replaceSubrange(props, with: #"data-gone=""#)
            let fromCards = HFDailyHTML.extract(LoadedInput(bytes: Array(text.utf8), path: name + ".html", snapshotDay: nil))
            let fromJSON = try Self.page(name)
            #expect(fromCards.rejects.isEmpty, "\(name)")
            #expect(fromCards.counters["hf_daily_dom_fallback"] == 1)
            #expect(fromCards.records.count == count)
            #expect(fromCards.records.map(\.arxivID) == fromJSON.records.map(\.arxivID))
            #expect(fromCards.records.map { TextNormalizer.normalize($0.title) } == fromJSON.records.map { TextNormalizer.normalize($0.title) })
            #expect(fromCards.records.map(\.upvotes) == fromJSON.records.map(\.upvotes))
            #expect(fromCards.records.map(\.comments) == fromJSON.records.map(\.comments))
            let withOrganization = fromJSON.records.filter { $0.organization != nil }.map(\.arxivID)
            #expect(fromCards.records.filter { $0.organization != nil }.map(\.arxivID) == withOrganization)
            for (card, paper) in zip(fromCards.records, fromJSON.records) {
                #expect(card.printedAuthorsCount == nil || card.printedAuthorsCount == paper.authors.count, "\(card.arxivID ?? "")")
                #expect(card.authors.allSatisfy(paper.authors.contains), "\(card.arxivID ?? ""): \(card.authors)")
            }
        }
    }
}
