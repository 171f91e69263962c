/// `manifest.json`: versions, digests, generator, counters per stage and per-shard digests.
public struct ReleaseManifest: Sendable {
    /// One data shard as the manifest lists it.
    public struct Shard: Sendable {
        public var path: String
        public var records: Int
        public var bytes: Int
        public var sha256: String
        public var uncompressedBytes: Int
        public var uncompressedSHA256: String
    }

    public var spec: PipelineSpec
    public var version: ReleaseVersion
    public var dataset: Dataset
    public var shards: [Shard]

    /// The manifest document.
    public var json: JSONValue {
        .object([
            "name": .string(spec.name),
            "release_version": .string(version.name),
            "schema_version": .string(Versions.recordSchema),
            "spec_version": .int(spec.version),
            "spec_sha256": .string(spec.digest),
            "taxonomy_sha256": dataset.taxonomyDigest.map { .string($0) } ?? .null,
            "title_key_version": .string(TitleKey.version),
            "generator": .object([
                "name": .string("paperflow"),
                "version": .string(Versions.paperflow),
                "compressor": .string("libdeflate \(Gzip.libdeflateVersion), zlib \(Gzip.zlibVersion)"),
                "libxml2": .string(MarkupDocument.libxml2Version),
            ]),
            "license": .string(spec.release.license),
            "input_sha256": .string(version.inputDigest),
            "inputs": .int(dataset.inputs.count),
            "records": .int(dataset.recordCount),
            "stages": .array(dataset.stageCounts.map(\.json)),
            "shards": .array(shards.map { shard in
                .object([
                    "path": .string(shard.path),
                    "records": .int(shard.records),
                    "bytes": .int(shard.bytes),
                    "sha256": .string(shard.sha256),
                    "uncompressed_bytes": .int(shard.uncompressedBytes),
                    "uncompressed_sha256": .string(shard.uncompressedSHA256),
                ])
            }),
        ])
    }
}
