import Foundation

/// `write`: sorts records by id, writes canonical JSON lines into gzip shards with the release
/// metadata, and publishes the release (temporary directory, rename, then `latest`).
///
/// A release whose version (digest of inputs, spec and versions) is already present makes the
/// stage a no-op: nothing is ever overwritten.
public struct Write: PipelineOperator {
    public static let name = "write"
    public static let summary = "sort by id, write gzip JSONL shards, manifest, stats and rejects, publish the release"
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

    public func run(_ dataset: inout Dataset, context: RunContext) throws {
        let version = ReleaseVersion(
            inputs: dataset.inputs, spec: context.spec, taxonomyDigest: dataset.taxonomyDigest,
            sourceDateEpoch: ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"])
        let directory = ReleaseDirectory(root: context.spec.resolve(context.spec.release.dir))
        if let existing = directory.existing(version) {
            // The inputs are those of an existing release: nothing is written. If `latest` points elsewhere (an
            // earlier run died between the rename and the move of `latest`, or the inputs went back to an older
            // state), `latest` is moved to it, since a release is what the current inputs hold.
            if !context.dryRun && directory.latest != existing { try directory.pointLatest(at: existing) }
            dataset.publication = Publication(
                version: existing, directory: directory.root + "/" + existing, status: .alreadyPublished,
                shardCount: 0, recordCount: dataset.records.count)
            return
        }
        let previous = try directory.latest.map { try PublishedRelease.read(directory.root + "/" + $0) }
        let builder = ReleaseBuilder(
            spec: context.spec, version: version, gzip: gzip, shardBytes: shardBytes, executor: context.executor,
            previous: previous)
        let files = try builder.files(for: dataset)
        let shardCount = files.filter { $0.path.hasPrefix("data/") }.count
        var publication = Publication(
            version: version.name, directory: directory.root + "/" + version.name, status: .dryRun,
            shardCount: shardCount, recordCount: dataset.records.count)
        if !context.dryRun {
            publication.directory = try directory.publish(version.name, files: files)
            publication.status = .published
            try directory.prune(keep: context.spec.release.keep)
        }
        dataset.publication = publication
    }
}
