/// Writes one release while its papers stream in, in id order: lines are encoded on the executor's threads,
/// go through ``ShardSink`` into the staging directory and past the previous release for `diff.json`;
/// ``finish(_:)`` adds the metadata and publishes.
///
/// When this version is already published nothing is written: papers are only counted, and `latest` is
/// pointed at the existing version (an earlier run may have died before moving it, or the inputs went back
/// to an older state: a release is what the current inputs hold).
public final class ReleaseWriter {
    public let version: ReleaseVersion
    private let context: RunContext
    private let gzip: GzipOptions
    private let directory: ReleaseDirectory
    private let existing: String?
    private let staging: String?
    private let sink: ShardSink
    private var diff: ReleaseDiff.Builder
    private var labelCounts: LabelCounts?
    private var recordCount = 0

    init(version: ReleaseVersion, gzip: GzipOptions, shardBytes: Int, taxonomy: Taxonomy?, context: RunContext) throws {
        self.version = version
        self.context = context
        self.gzip = gzip
        let directory = ReleaseDirectory(root: context.spec.resolve(context.spec.release.dir))
        let existing = directory.existing(version)
        self.directory = directory
        self.existing = existing
        labelCounts = taxonomy.map { LabelCounts(taxonomy: $0) }
        staging = context.dryRun || existing != nil ? nil : try directory.beginStaging(version.name)
        sink = ShardSink(directory: staging, gzip: gzip, shardBytes: shardBytes, executor: context.executor)
        sink.firstShardWritten = { FaultInjection.point("first-file") }
        let previous = existing == nil ? try directory.latest.map { try PublishedRelease.open(directory.root + "/" + $0) } : nil
        var oldLines = previous?.lineStream()
        diff = ReleaseDiff.Builder(previous: previous?.version, current: version.name) { () throws(PublishedRelease.ReadError) in
            try oldLines?.next()
        }
    }

    /// Whether ``add(_:)`` writes lines (it only counts papers when this version is already published).
    public var writesLines: Bool { existing == nil }

    /// Adds the next papers, in id order.
    public func add(_ batch: EncodedPapers) throws {
        recordCount += batch.papers.count
        if let counts = batch.labelCounts { labelCounts?.add(counts) }
        guard existing == nil else { return }
        let compared = diff.hasPrevious && staging != nil
        for (index, paper) in batch.papers.enumerated() {
            let line = batch.line(index)
            try sink.append(line)
            guard staging != nil else { continue }
            // Without a previous release nothing can migrate: only the ids are kept, for the list of added ones.
            let entry = PublishedRelease.Line(id: batch.ids[index], bytes: compared ? Array(line.dropLast()) : [])
            try diff.add(entry, titleHash: compared ? paper.titleHash : "")
        }
    }

    /// Writes the metadata and publishes (unless a dry run); sets the dataset's counts and publication.
    public func finish(_ dataset: inout Dataset) throws {
        dataset.recordCount = recordCount
        dataset.labelCounts = labelCounts
        if let existing {
            if !context.dryRun && directory.latest != existing { try directory.pointLatest(at: existing) }
            dataset.publication = Publication(
                version: existing, directory: directory.root + "/" + existing, status: .alreadyPublished,
                shardCount: 0, recordCount: recordCount)
            return
        }
        let shards = try sink.finish()
        var publication = Publication(
            version: version.name, directory: directory.root + "/" + version.name, status: .dryRun,
            shardCount: shards.count, recordCount: recordCount)
        if let staging {
            let builder = ReleaseBuilder(spec: context.spec, version: version, gzip: gzip, executor: context.executor)
            for file in try builder.metadataFiles(for: dataset, shards: shards, diff: try diff.finish()) {
                try directory.write(file, into: staging)
            }
            publication.directory = try directory.commit(version.name, staging: staging)
            publication.status = .published
            try directory.prune(keep: context.spec.release.keep)
        }
        dataset.publication = publication
    }
}
