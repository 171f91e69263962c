/// Merge priority of a source (DESIGN §4): for fields taken as "first non-null", a record from a
/// higher-priority source wins. Lower raw values win.
public enum SourceRank: Int, Comparable, Sendable, CaseIterable {
    case arxivAtom = 0
    case hfPaperPage
    case hfDailyJSON
    case hfDailyDOM
    case arxivListing
    case hfSearch
    case hfText
    case reingestedRelease

    public static func < (lhs: SourceRank, rhs: SourceRank) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
