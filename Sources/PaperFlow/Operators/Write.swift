import Foundation

/// `write`: writes the papers, which arrive sorted by id, as canonical JSON lines into gzip shards with the
/// release metadata, and publishes the release (temporary directory, rename, then `latest`).
///
/// A release whose version (digest of inputs, spec and versions) is already present makes the stage a
/// no-op: nothing is ever overwritten.
public struct Write: PipelineOperator {
    public static let name = "write"
    public static let summary = "write gzip JSONL shards in id order, manifest, stats and rejects, publish the release"
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("compression", .choice(["gzip"]), default: .string("gzip"), "shard compression"),
        ParameterSpec("level", .integer(1...9), default: .integer(6), "gzip compression level"),
        ParameterSpec("shard_bytes", .integer(1024...Int(Int32.max)), default: .integer(67_108_864),
                      "most uncompressed bytes per shard"),
    ]
    public static let placement = StagePlacement(last: true, required: true, after: ["extract"])

    let gzip: GzipOptions
    let shardBytes: Int

    public init(parameters: ParameterValues, spec: PipelineSpec) throws {
        gzip = GzipOptions(level: try parameters.integer("level"))
        shardBytes = try parameters.integer("shard_bytes")
    }

    /// Starts the release of a run whose inputs are all read (their digests known) and whose taxonomy is set.
    public func begin(_ dataset: Dataset, context: RunContext) throws -> ReleaseWriter {
        let version = ReleaseVersion(
            inputs: dataset.inputs, spec: context.spec, taxonomyDigest: dataset.taxonomyDigest,
            sourceDateEpoch: ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"])
        return try ReleaseWriter(
            version: version, gzip: gzip, shardBytes: shardBytes, taxonomy: dataset.taxonomy, context: context)
    }
}
