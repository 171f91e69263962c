/// Papers in release order with what ``ReleaseWriter`` needs of them, made on any thread: their canonical
/// lines in one buffer, their ids and their label counts.
public struct EncodedPapers: Sendable {
    public let papers: [PaperRecord]
    /// Every paper's `id`.
    let ids: [String]
    /// The papers' lines one after another, newlines included (empty when lines were not asked for).
    private let bytes: [UInt8]
    /// Where each paper's line ends in `bytes`.
    private let lineEnds: [Int]
    /// Records per label code of these papers (nil without a taxonomy).
    let labelCounts: LabelCounts?

    /// Encodes `papers`; `lines: false` leaves the lines out (a release that is already published only counts).
    public init(_ papers: [PaperRecord], taxonomy: Taxonomy?, lines: Bool) {
        self.papers = papers
        ids = papers.map(\.id)
        var bytes: [UInt8] = []
        var lineEnds: [Int] = []
        if lines {
            lineEnds.reserveCapacity(papers.count)
            for paper in papers {
                RecordEncoder.append(paper, to: &bytes)
                lineEnds.append(bytes.count)
            }
        }
        self.bytes = bytes
        self.lineEnds = lineEnds
        labelCounts = taxonomy.map { taxonomy in
            var counts = LabelCounts(taxonomy: taxonomy)
            for paper in papers { counts.add(paper) }
            return counts
        }
    }

    /// The line of the paper at `index`, newline included.
    func line(_ index: Int) -> ArraySlice<UInt8> {
        bytes[(index == 0 ? 0 : lineEnds[index - 1])..<lineEnds[index]]
    }
}
