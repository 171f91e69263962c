import Foundation

/// The run log `runs/<version>.json`: timings per stage and host facts. Not part of the release.
public enum RunLog {
    /// The run log document of `report`.
    public static func json(_ report: RunReport) -> [UInt8] {
        let value = JSONValue.object([
            "paperflow": .string(Versions.paperflow),
            "jobs": .int(report.jobs),
            "cores": .int(ProcessInfo.processInfo.activeProcessorCount),
            "host": .string(ProcessInfo.processInfo.hostName),
            "seconds": .number(JSONNumber(report.seconds) ?? JSONNumber(0)),
            "stages": .array(report.stages.map { stage in
                .object([
                    "op": .string(stage.count.op),
                    "records_in": .int(stage.count.recordsIn),
                    "records_out": .int(stage.count.recordsOut),
                    "rejects": .int(stage.count.rejects),
                    "seconds": .number(JSONNumber(stage.seconds) ?? JSONNumber(0)),
                ])
            }),
        ])
        var bytes = JSONWriter.serialize(value, pretty: true)
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}
