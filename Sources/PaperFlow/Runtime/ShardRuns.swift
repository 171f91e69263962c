import Foundation

/// Scale-out (DESIGN §9): `run --shard I/N` writes `<release dir>/.shards/<I>-of-<N>/` (record segments,
/// `shard.json`, then the `complete` marker holding the fingerprint, all renamed into place at once);
/// `merge` checks that the shards form one whole run of this spec over these inputs and finishes it.
extension Runner {
    /// `<release dir>/.shards`
    var shardsRoot: String { releaseRoot + "/.shards" }

    static let shardManifestName = "shard.json"
    static let shardMarkerName = "complete"

    /// Runs the stages up to `dedup-title` on this shard's inputs and writes its directory. A completed shard
    /// with the same fingerprint is not redone; one made from other inputs or another spec is refused.
    public func runShard(_ shard: ShardSelector) throws(RunFailure) -> RunReport {
        let started = DispatchTime.now()
        var run = try start()
        // Discovery's rejects and counters belong to the whole run: `merge` counts them once.
        run.dataset.rejects = []
        run.dataset.counters = Counters()
        let positions = run.dataset.inputs.indices.filter { shard.takes($0) }
        // The summary of a shard speaks of its own inputs only.
        run.report.dataset.inputs = positions.map { run.dataset.inputs[$0] }
        let target = shardsRoot + "/" + shard.name
        if FileTree.exists(target) {
            let existing: ShardManifest
            do {
                existing = try Self.readShard(target)
            } catch {
                throw RunFailure(
                    message: "\(target) exists but is not a completed shard (\(error.message)); remove it to run this shard again",
                    report: run.report)
            }
            // The inputs as they are now, hashed the way `extract` hashes them.
            let maxFileBytes = spec.limits.maxFileBytes
            let (_, fingerprint) = shardInputs(positions, shard: shard, run) { input in
                var hashed = input
                hashed.digest = Extract.contentDigest(of: input, maxFileBytes: maxFileBytes)
                return hashed
            }
            guard fingerprint == existing.fingerprint else {
                throw RunFailure(
                    message: "\(target) was made from other inputs or another spec (fingerprint \(existing.fingerprint.prefix(12)), "
                        + "now \(fingerprint.prefix(12))); remove \(shardsRoot) to start the sharded run over",
                    report: run.report)
            }
            run.report.shardOutcome = "shard \(shard.name) is already complete (fingerprint \(fingerprint.prefix(12))): nothing to do"
            run.report.seconds = Self.seconds(since: started)
            return run.report
        }
        let temporary = shardsRoot + "/." + shard.name + ".tmp-" + String(getpid())
        try failing(&run) { run throws in
            try FileTree.makeDirectory(shardsRoot)
            try FileTree.removeIfPresent(temporary)
            let collection = RecordCollection(spillDirectory: temporary, memoryBudget: 0)
            try collect(positions, into: collection, &run)
            let (inputs, fingerprint) = shardInputs(positions, shard: shard, run) { $0 }
            let manifest = ShardManifest(
                shard: shard, fingerprint: fingerprint,
                specDigest: spec.digest, taxonomyDigest: run.plan.taxonomy?.digest,
                listingDigest: ShardManifest.listingDigest(run.dataset.inputs),
                inputs: inputs, rejects: run.dataset.rejects, counters: run.dataset.counters,
                stages: Array(run.tally.counts[...run.plan.dedupPosition]),
                segments: collection.segments.enumerated().map { index, segment in
                    ShardManifest.Segment(file: RecordCollection.segmentName(index), records: segment.recordCount)
                })
            try FileTree.makeDirectory(temporary)
            var document = JSONWriter.serialize(manifest.json, pretty: true)
            document.append(UInt8(ascii: "\n"))
            try FileWriter.write(document, to: temporary + "/" + Self.shardManifestName, sync: true)
            for segment in manifest.segments {
                try FileTree.syncFile(temporary + "/" + segment.file)
            }
            try FileWriter.write(Array((manifest.fingerprint + "\n").utf8), to: temporary + "/" + Self.shardMarkerName, sync: true)
            try FileTree.syncDirectory(temporary)
            try FileTree.rename(temporary, to: target)
            try FileTree.syncDirectory(shardsRoot)
            run.report.shardOutcome = "shard \(shard.name) complete: \(collection.recordCount) records from \(positions.count) of "
                + "\(run.dataset.inputs.count) inputs in \(target)"
        }
        run.dataset.stageCounts = Array(run.tally.counts[...run.plan.dedupPosition])
        run.dataset.inputs = positions.map { run.dataset.inputs[$0] }
        run.report.dataset = run.dataset
        run.report.stages = Array(run.tally.reports[...run.plan.dedupPosition])
        run.report.seconds = Self.seconds(since: started)
        return run.report
    }

    /// The shard's inputs as `shard.json` lists them, and their fingerprint; `reading` gives each input's digest and format.
    func shardInputs(
        _ positions: [Int], shard: ShardSelector, _ run: RunState, reading: (InputFile) -> InputFile
    ) -> (inputs: [ShardManifest.Input], fingerprint: String) {
        let inputs = positions.map { position in
            let input = reading(run.dataset.inputs[position])
            return ShardManifest.Input(
                position: position, path: input.displayPath, size: input.size, digest: input.digest, format: input.format)
        }
        let fingerprint = ShardManifest.fingerprint(
            shard: shard, specDigest: spec.digest, taxonomyDigest: run.plan.taxonomy?.digest, inputs: inputs)
        return (inputs, fingerprint)
    }

    /// Finishes a sharded run: checks that `directories` (default: every shard under `.shards/`) are the complete
    /// shards of one run of this spec over the current inputs, dedups across them, runs the later stages and
    /// publishes the release a one-machine run would. The shard directories are removed once it is published.
    public func merge(shardDirectories: [String]) throws(RunFailure) -> RunReport {
        let started = DispatchTime.now()
        var run = try start()
        let lock = try takeLock(&run)
        defer { withExtendedLifetime(lock) {} }
        let directories = shardDirectories.isEmpty ? Self.shardDirectories(in: shardsRoot) : shardDirectories
        let spill = releaseRoot + "/.spill-" + String(getpid())
        defer { try? FileTree.removeIfPresent(spill) }
        let collection = RecordCollection(spillDirectory: spill, memoryBudget: memoryBudget)
        try failing(&run) { run throws in
            let shards = try checkedShards(directories, run: run)
            for (directory, manifest) in shards {
                for input in manifest.inputs {
                    run.dataset.inputs[input.position].digest = input.digest
                    run.dataset.inputs[input.position].format = input.format
                }
                run.dataset.rejects.append(contentsOf: manifest.rejects)
                run.dataset.counters.merge(manifest.counters)
                for (position, count) in manifest.stages.enumerated() { run.tally.add(count, at: position) }
                for segment in manifest.segments {
                    try collection.addSpilled(path: directory + "/" + segment.file, recordCount: segment.records)
                }
            }
        }
        let report = try release(collection, spill: spill, &run, started: started)
        if !dryRun {
            do {
                for directory in directories { try FileTree.removeIfPresent(directory) }
                // `.shards` goes too once empty; rmdir leaves it when other shards are still there.
                _ = rmdir(shardsRoot)
            } catch {
                throw RunFailure(message: "the release was published but its shards were not removed: \(error.message)", report: report)
            }
        }
        return report
    }

    /// The complete shards in `directories`, by shard index, after checking they make one whole run.
    func checkedShards(_ directories: [String], run: RunState) throws(RunFailureReason) -> [(String, ShardManifest)] {
        guard !directories.isEmpty else { throw RunFailureReason("no shard directories to merge (none under \(shardsRoot))") }
        var shards: [(String, ShardManifest)] = []
        for directory in directories {
            do {
                shards.append((directory, try Self.readShard(directory)))
            } catch {
                throw RunFailureReason("\(directory) is not a completed shard: \(error.message)")
            }
        }
        shards.sort { $0.1.shard.index < $1.1.shard.index }
        let count = shards[0].1.shard.count
        let found = shards.map(\.1.shard.index)
        guard shards.allSatisfy({ $0.1.shard.count == count }), found == Array(0..<count) else {
            let names = shards.map(\.1.shard.name).joined(separator: ", ")
            let missing = (0..<count).filter { !found.contains($0) }.map { "\($0)-of-\(count)" }
            throw RunFailureReason("the shards do not make one whole run: found \(names)"
                + (missing.isEmpty ? "" : "; missing \(missing.joined(separator: ", "))"))
        }
        let listing = ShardManifest.listingDigest(run.dataset.inputs)
        for (directory, manifest) in shards {
            guard manifest.specDigest == spec.digest, manifest.taxonomyDigest == run.plan.taxonomy?.digest else {
                throw RunFailureReason("\(directory) was made with another spec or taxonomy than \(spec.file)")
            }
            guard manifest.listingDigest == listing,
                  manifest.inputs.map(\.position) == run.dataset.inputs.indices.filter({ manifest.shard.takes($0) }),
                  manifest.inputs.allSatisfy({ run.dataset.inputs[$0.position].displayPath == $0.path })
            else {
                throw RunFailureReason("\(directory) was made from another list of inputs than input.paths holds now")
            }
        }
        return shards
    }

    /// Reads a shard directory's manifest, which must carry a `complete` marker with the same fingerprint.
    static func readShard(_ directory: String) throws(RunFailureReason) -> ShardManifest {
        let marker: [UInt8]
        let document: [UInt8]
        do {
            marker = try FileReader.read(directory + "/" + shardMarkerName)
            document = try FileReader.read(directory + "/" + shardManifestName)
        } catch {
            throw RunFailureReason("no readable \(shardMarkerName) marker and \(shardManifestName)")
        }
        let manifest: ShardManifest
        do {
            manifest = try ShardManifest.parse(document)
        } catch {
            throw RunFailureReason("\(shardManifestName): \(error.message)")
        }
        guard String(decoding: marker, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == manifest.fingerprint else {
            throw RunFailureReason("its \(shardMarkerName) marker does not match \(shardManifestName)")
        }
        return manifest
    }

    /// Every `<I>-of-<N>` directory under `root`, sorted.
    static func shardDirectories(in root: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0.contains("-of-") }.sorted().map { root + "/" + $0 }
    }
}
