import Testing
@testable import PaperFlow

@Suite("Release version")
struct ReleaseVersionTests {
    static let spec = """
    {"version": 1, "name": "t", "input": {"paths": ["/"]}, "stages": [{"op": "extract"}, {"op": "normalize"}, {"op": "dedup-title"}, {"op": "write"}]}
    """

    static func input(_ path: String, digest: String, day: Day? = nil) -> InputFile {
        var file = InputFile(fullPath: "/abs/" + path, displayPath: path, size: 10, snapshotDay: day)
        file.digest = digest
        return file
    }

    @Test func dayFromSourceDateEpochElseLatestSnapshotElseDigestAlone() throws {
        let spec = try TestSupport.spec(Self.spec)
        let inputs = [Self.input("a", digest: "1", day: Day(year: 2025, month: 3, day: 1)), Self.input("b", digest: "2", day: Day(year: 2025, month: 11, day: 6))]
        let fromEpoch = ReleaseVersion(inputs: inputs, spec: spec, taxonomyDigest: nil, sourceDateEpoch: "1700000000")
        #expect(fromEpoch.name.hasPrefix("2023-11-14-"))
        let fromSnapshot = ReleaseVersion(inputs: inputs, spec: spec, taxonomyDigest: nil, sourceDateEpoch: nil)
        #expect(fromSnapshot.name.hasPrefix("2025-11-06-"))
        #expect(fromSnapshot.name.count == 19)
        let undated = ReleaseVersion(inputs: [Self.input("a", digest: "1")], spec: spec, taxonomyDigest: nil, sourceDateEpoch: nil)
        #expect(undated.name.count == 8)
        #expect(fromEpoch.digest == fromSnapshot.digest)
    }

    @Test func theDigestFollowsContentPathsAndSpec() throws {
        let spec = try TestSupport.spec(Self.spec)
        let base = ReleaseVersion(inputs: [Self.input("a", digest: "1")], spec: spec, taxonomyDigest: nil, sourceDateEpoch: nil)
        let changedContent = ReleaseVersion(inputs: [Self.input("a", digest: "2")], spec: spec, taxonomyDigest: nil, sourceDateEpoch: nil)
        let otherSpec = try TestSupport.spec(Self.spec.replacingOccurrences(of: "\"t\"", with: "\"u\""))
        let changedSpec = ReleaseVersion(inputs: [Self.input("a", digest: "1")], spec: otherSpec, taxonomyDigest: nil, sourceDateEpoch: nil)
        #expect(base.digest != changedContent.digest)
        #expect(base.digest != changedSpec.digest)
        #expect(base.matches(directoryName: "2025-01-01-" + base.digest.prefix(8)))
        #expect(base.matches(directoryName: String(base.digest.prefix(8))))
        #expect(!base.matches(directoryName: "2025-01-01-" + changedSpec.digest.prefix(8)))
    }

    @Test func civilDaysFromEpochSeconds() {
        #expect(ReleaseVersion.day(sourceDateEpoch: "0")?.description == "1970-01-01")
        #expect(ReleaseVersion.day(sourceDateEpoch: "951782400")?.description == "2000-02-29")
        #expect(ReleaseVersion.day(sourceDateEpoch: "1767225599")?.description == "2025-12-31")
        #expect(ReleaseVersion.day(sourceDateEpoch: "soon") == nil)
    }
}
