/// `paperflow inspect`: a summary of a release for people: records by source format, labels,
/// rejects by reason, and the papers merged from the most sources.
public enum ReleaseInspection {
    /// The summary text of `release`.
    public static func render(_ release: PublishedRelease, rejects: [JSONObject], top: Int = 10) -> String {
        var formats = Counters()
        var labels = Counters()
        var merged: [(id: String, title: String, sources: Int)] = []
        for line in release.lines {
            guard let record = line.record else { continue }
            let sources = record["sources"]?.arrayValue ?? []
            var seen = Set<String>()
            for source in sources {
                if let format = source.objectValue?["format"]?.stringValue, seen.insert(format).inserted { formats.add(format) }
            }
            if sources.count > 1 {
                merged.append((line.id, record["title"]?.stringValue ?? "", sources.count))
            }
            for facet in record["labels"]?.objectValue?.members ?? [] {
                switch facet.value {
                case .array(let codes): codes.compactMap(\.stringValue).forEach { labels.add(facet.key + "=" + $0) }
                case .string(let code): labels.add(facet.key + "=" + code)
                case .bool(let flag): labels.add(facet.key + "=" + String(flag))
                default: break
                }
            }
        }
        var reasons = Counters()
        for reject in rejects { reasons.add(reject["reason"]?.stringValue ?? "?") }
        var text = "release \(release.version): \(release.lines.count) records in \(release.directory)\n"
        text += "\nrecords by source format (a merged record counts once per format):\n"
        text += SummaryTable.table([["format", "records"]] + formats.sorted.map { [$0.name, String($0.value)] })
        text += "\nlabels:\n"
        text += labels.sorted.isEmpty ? "  (no label stage)\n" : SummaryTable.table([["facet=code", "records"]] + labels.sorted.map { [$0.name, String($0.value)] })
        text += "\nrejects by reason:\n"
        text += reasons.sorted.isEmpty ? "  none\n" : SummaryTable.table([["reason", "count"]] + reasons.sorted.map { [$0.name, String($0.value)] })
        let topMerged = merged.sorted { $0.sources != $1.sources ? $0.sources > $1.sources : $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }.prefix(top)
        text += "\nmost merged papers (\(merged.count) records merged from several sources):\n"
        text += topMerged.isEmpty ? "  none\n" : SummaryTable.table(
            [["sources", "id", "title"]] + topMerged.map { [String($0.sources), $0.id, String($0.title.prefix(70))] },
            leftAligned: [1, 2])
        return text
    }
}
