/// `stats.json`: counters only (no timings), stable key order.
public enum ReleaseStats {
    /// The stats document of a finished dataset.
    public static func json(_ dataset: Dataset) -> JSONValue {
        var formats = Counters()
        for input in dataset.inputs { formats.add(input.format ?? "none") }
        var reasons = Counters()
        for reject in dataset.rejects { reasons.add(reject.reason.rawValue) }
        let extracted = dataset.stageCounts.first { $0.op == Extract.name }?.recordsOut ?? 0
        return .object([
            "inputs": .object([
                "files": .int(dataset.inputs.count),
                "bytes": .int(dataset.inputs.reduce(0) { $0 + $1.size }),
                "rejected_files": .int(rejectedFileCount(dataset)),
                "by_format": .counters(formats),
            ]),
            "records": .object([
                "extracted": .int(extracted),
                "rejected": .int(dataset.rejects.filter { !$0.reason.rejectsFile }.count),
                "duplicates_merged": .int(dataset.counters["duplicates_merged"]),
                "written": .int(dataset.recordCount),
            ]),
            "rejects_by_reason": .counters(reasons),
            "labels": dataset.labelCounts?.json ?? .null,
            "counters": .object(pairs: dataset.counters.sorted.filter { $0.name != "duplicates_merged" }.map { ($0.name, .int($0.value)) }),
        ])
    }

    /// Input files with at least one file-level reject.
    public static func rejectedFileCount(_ dataset: Dataset) -> Int {
        Set(dataset.rejects.filter(\.reason.rejectsFile).map(\.location.path)).count
    }
}
