/// The summary printed on stderr at the end of every run: records in and out per stage, rejects by
/// reason, duplicates, the release, and the time.
public enum SummaryTable {
    /// The summary of `report` as text lines.
    public static func render(_ report: RunReport) -> String {
        var rows = [["stage", "records in", "records out", "rejects", "seconds"]]
        for stage in report.stages {
            rows.append([
                stage.count.op, String(stage.count.recordsIn), String(stage.count.recordsOut),
                String(stage.count.rejects), fixed(stage.seconds),
            ])
        }
        var text = table(rows)
        let dataset = report.dataset
        var reasons = Counters()
        for reject in dataset.rejects { reasons.add(reject.reason.rawValue) }
        text += "inputs: \(dataset.inputs.count) files"
        var formats = Counters()
        for input in dataset.inputs { formats.add(input.format ?? "rejected") }
        if !formats.sorted.isEmpty {
            text += " (" + formats.sorted.map { "\($0.name) \($0.value)" }.joined(separator: ", ") + ")"
        }
        text += "\n"
        text += "rejects: " + (reasons.sorted.isEmpty ? "none" : reasons.sorted.map { "\($0.name) \($0.value)" }.joined(separator: ", ")) + "\n"
        text += "duplicates merged: \(dataset.counters["duplicates_merged"])"
        let others = dataset.counters.sorted.filter { $0.name != "duplicates_merged" && $0.value > 0 }
        if !others.isEmpty { text += "; " + others.map { "\($0.name) \($0.value)" }.joined(separator: ", ") }
        text += "\n"
        if let publication = dataset.publication {
            text += "release: \(publication.version) (\(publication.status.rawValue)): \(publication.directory)\n"
        }
        text += "time: \(fixed(report.seconds)) s with \(report.jobs) job\(report.jobs == 1 ? "" : "s")\n"
        return text
    }

    /// Columns padded to their widest cell; the columns in `leftAligned` (the first by default) left-aligned,
    /// the others right-aligned.
    static func table(_ rows: [[String]], leftAligned: Set<Int> = [0]) -> String {
        guard let columns = rows.first?.count else { return "" }
        let widths = (0..<columns).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var text = ""
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return leftAligned.contains(column) ? cell + padding : padding + cell
            }
            text += cells.joined(separator: "  ") + "\n"
        }
        return text
    }

    /// Seconds with three decimals, without `String(format:)`.
    static func fixed(_ seconds: Double) -> String {
        let millis = Int((seconds * 1000).rounded())
        let fraction = String(millis % 1000)
        return String(millis / 1000) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
