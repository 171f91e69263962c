import Foundation
import Testing
@testable import PaperFlow

/// The five real HF text dumps of `../shared/seeds/`, with counts established by reading them by hand
/// and cross-checked with an independent script: entries per dump, unique papers, merged duplicates.
@Suite("Seed dumps", .enabled(
    if: FileManager.default.fileExists(atPath: TestSupport.shared.appendingPathComponent("seeds/SNAPSHOTS.md").path),
    "../shared/seeds is absent beside the repository: the seed-dump counts are not checked"))
struct SeedDumpsTests {
    static let seeds = TestSupport.shared.appendingPathComponent("seeds")
    static let entries = [
        "000_44422c981705630e.txt": 246,
        "001_eadd03e6318c9692.txt": 107,
        "002_230144e13d2678d9.txt": 67,
        "003_71fc0758a0d8cc00.txt": 58,
        "004_ef458da6e6e4381f.txt": 78,
    ]

    @Test func everyEntryOfEveryDumpIsRead() throws {
        for (name, count) in Self.entries {
            let bytes = Array(try Data(contentsOf: Self.seeds.appendingPathComponent(name)))
            let extraction = HFText.extract(LoadedInput(bytes: bytes, path: name, snapshotDay: nil))
            #expect(extraction.records.count == count, "\(name)")
            #expect(extraction.rejects.isEmpty, "\(name): \(extraction.rejects)")
            #expect(extraction.records.allSatisfy { $0.abstract != nil }, "\(name)")
        }
    }

    @Test func theReleaseHoldsEveryPaperOnce() throws {
        let spec = try TestSupport.spec("""
        {"version": 1, "name": "seeds", "input": {"paths": ["\(Self.seeds.path)/*.txt"],
          "snapshot_dates": {"\(Self.seeds.path)/003_*.txt": "2025-11-06"}},
         "stages": [{"op": "extract"}, {"op": "normalize"}, {"op": "dedup-title"}, {"op": "write"}],
         "release": {"dir": "/nonexistent-dry-run"}}
        """)
        let (report, records) = try TestSupport.runKeepingPapers(Runner(spec: spec, jobs: 2, dryRun: true))
        #expect(report.stages.map(\.count.recordsOut) == [556, 556, 469, 469])
        #expect(report.dataset.counters["duplicates_merged"] == 87)
        #expect(report.dataset.rejects.isEmpty)
        #expect(Set(records.map(\.titleHash)).count == 469)
        #expect(records.allSatisfy { $0.abstract != nil && !$0.title.isEmpty })
        let fromCards = records.filter { $0.sources.contains { $0.path.hasPrefix("003_") } }
        #expect(fromCards.count == 58)
        #expect(fromCards.filter { $0.publishedDate != nil }.count == 57)
        #expect(fromCards.filter { $0.publishedDate?.year == 2025 }.count == 9)
        #expect(report.dataset.counters["date_year_unknown"] == 0)
    }
}
