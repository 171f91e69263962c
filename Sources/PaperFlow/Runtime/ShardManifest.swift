/// `shard.json`: what one `--shard` run read and made, so that `merge` can finish the release exactly as
/// a one-machine run would: the shard's inputs with their digests and formats, its rejects, counters and
/// stage counts up to `dedup-title`, its record segments, and the fingerprint that says what it was made from.
struct ShardManifest {
    /// One input of the shard.
    struct Input {
        /// Its position in the sorted input list of the whole run.
        var position: Int
        var path: String
        var size: Int
        var digest: String?
        var format: String?
    }

    /// One file of encoded records.
    struct Segment {
        var file: String
        var records: Int
    }

    static let formatVersion = 1

    var shard: ShardSelector
    var fingerprint: String
    var specDigest: String
    var taxonomyDigest: String?
    /// Digest of the whole run's input list (paths and sizes), the same in every shard of one run.
    var listingDigest: String
    var inputs: [Input]
    var rejects: [Reject]
    var counters: Counters
    var stages: [StageCount]
    var segments: [Segment]

    /// The fingerprint of a shard: paperflow and record format versions, spec, taxonomy, the shard, and its
    /// inputs' paths, sizes and content digests.
    static func fingerprint(shard: ShardSelector, specDigest: String, taxonomyDigest: String?, inputs: [Input]) -> String {
        var text = "paperflow-shard \(formatVersion) records \(RecordCodec.formatVersion) paperflow \(Versions.paperflow)\n"
        text += "spec \(specDigest)\ntaxonomy \(taxonomyDigest ?? "-")\nshard \(shard)\n"
        for input in inputs {
            text += "input \(input.position)\t\(input.path)\t\(input.size)\t\(input.digest ?? "-")\n"
        }
        return SHA256Hex.digest(text)
    }

    /// Digest of the input list's paths and sizes.
    static func listingDigest(_ inputs: [InputFile]) -> String {
        var text = ""
        for input in inputs { text += input.displayPath + "\t" + String(input.size) + "\n" }
        return SHA256Hex.digest(text)
    }

    var json: JSONValue {
        .object([
            "format": .int(Self.formatVersion),
            "paperflow": .string(Versions.paperflow),
            "record_format": .int(RecordCodec.formatVersion),
            "shard": .int(shard.index),
            "of": .int(shard.count),
            "fingerprint": .string(fingerprint),
            "spec_sha256": .string(specDigest),
            "taxonomy_sha256": taxonomyDigest.map { .string($0) } ?? .null,
            "listing_sha256": .string(listingDigest),
            "inputs": .array(inputs.map { input in
                .object([
                    "position": .int(input.position),
                    "path": .string(input.path),
                    "size": .int(input.size),
                    "sha256": input.digest.map { .string($0) } ?? .null,
                    "format": input.format.map { .string($0) } ?? .null,
                ])
            }),
            "rejects": .array(rejects.map { reject in
                let position: (kind: String, value: Int)? = switch reject.location.position {
                case nil: nil
                case .line(let line): ("line", line)
                case .byte(let byte): ("byte", byte)
                }
                return .object([
                    "reason": .string(reject.reason.rawValue),
                    "path": .string(reject.location.path),
                    "position_kind": position.map { .string($0.kind) } ?? .null,
                    "position": position.map { .int($0.value) } ?? .null,
                    "detail": .string(reject.detail),
                ])
            }),
            "counters": .counters(counters),
            "stages": .array(stages.map { stage in
                .object([
                    "op": .string(stage.op),
                    "records_in": .int(stage.recordsIn),
                    "records_out": .int(stage.recordsOut),
                    "rejects": .int(stage.rejects),
                ])
            }),
            "segments": .array(segments.map { .object(["file": .string($0.file), "records": .int($0.records)]) }),
        ])
    }

    /// Reads `shard.json`; throws naming what is wrong.
    static func parse(_ bytes: [UInt8]) throws(RunFailureReason) -> ShardManifest {
        let object: JSONObject
        do {
            guard let parsed = try JSONValue.parse(bytes).objectValue else { throw RunFailureReason("not a JSON object") }
            object = parsed
        } catch let error as RunFailureReason {
            throw error
        } catch {
            throw RunFailureReason("\(error)")
        }
        let reader = ManifestReader(object: object)
        guard reader.int("format") == formatVersion, reader.int("record_format") == RecordCodec.formatVersion,
              reader.string("paperflow") == Versions.paperflow
        else {
            throw RunFailureReason("made by another paperflow version (this is \(Versions.paperflow))")
        }
        guard let index = reader.int("shard"), let count = reader.int("of"), (0..<max(count, 0)).contains(index) else {
            throw RunFailureReason("no valid shard/of")
        }
        let manifest = ShardManifest(
            shard: ShardSelector(index: index, count: count),
            fingerprint: try reader.required(reader.string("fingerprint"), "fingerprint"),
            specDigest: try reader.required(reader.string("spec_sha256"), "spec_sha256"),
            taxonomyDigest: reader.string("taxonomy_sha256"),
            listingDigest: try reader.required(reader.string("listing_sha256"), "listing_sha256"),
            inputs: try reader.objects("inputs").map { (input) throws(RunFailureReason) in
                let fields = ManifestReader(object: input)
                return Input(
                    position: try fields.required(fields.int("position"), "inputs[].position"),
                    path: try fields.required(fields.string("path"), "inputs[].path"),
                    size: try fields.required(fields.int("size"), "inputs[].size"),
                    digest: fields.string("sha256"), format: fields.string("format"))
            },
            rejects: try reader.objects("rejects").map { (reject) throws(RunFailureReason) in
                let fields = ManifestReader(object: reject)
                guard let reason = RejectReason(rawValue: fields.string("reason") ?? "") else {
                    throw RunFailureReason("a reject with an unknown reason")
                }
                let path = try fields.required(fields.string("path"), "rejects[].path")
                let position: Location.Position? = switch (fields.string("position_kind"), fields.int("position")) {
                case ("line", let value?): .line(value)
                case ("byte", let value?): .byte(value)
                default: nil
                }
                return Reject(reason, at: Location(path: path, position: position), fields.string("detail") ?? "")
            },
            counters: try reader.counters("counters"),
            stages: try reader.objects("stages").map { (stage) throws(RunFailureReason) in
                let fields = ManifestReader(object: stage)
                return StageCount(
                    op: try fields.required(fields.string("op"), "stages[].op"),
                    recordsIn: try fields.required(fields.int("records_in"), "stages[].records_in"),
                    recordsOut: try fields.required(fields.int("records_out"), "stages[].records_out"),
                    rejects: try fields.required(fields.int("rejects"), "stages[].rejects"))
            },
            segments: try reader.objects("segments").map { (segment) throws(RunFailureReason) in
                let fields = ManifestReader(object: segment)
                return Segment(
                    file: try fields.required(fields.string("file"), "segments[].file"),
                    records: try fields.required(fields.int("records"), "segments[].records"))
            })
        for segment in manifest.segments where segment.file.contains("/") || segment.file.hasPrefix(".") {
            throw RunFailureReason("a segment file name outside the shard directory: \(segment.file)")
        }
        return manifest
    }
}

/// Typed access to the members of a `shard.json` object.
private struct ManifestReader {
    let object: JSONObject

    func string(_ key: String) -> String? { object[key]?.stringValue }
    func int(_ key: String) -> Int? { object[key]?.intValue }

    func required<T>(_ value: T?, _ name: String) throws(RunFailureReason) -> T {
        guard let value else { throw RunFailureReason("\(name) is missing or of the wrong type") }
        return value
    }

    func objects(_ key: String) throws(RunFailureReason) -> [JSONObject] {
        guard let array = object[key]?.arrayValue else { throw RunFailureReason("\(key) is missing or not an array") }
        var objects: [JSONObject] = []
        for element in array {
            guard let member = element.objectValue else { throw RunFailureReason("\(key) holds a non-object") }
            objects.append(member)
        }
        return objects
    }

    func counters(_ key: String) throws(RunFailureReason) -> Counters {
        guard let members = object[key]?.objectValue?.members else { throw RunFailureReason("\(key) is missing or not an object") }
        var counters = Counters()
        for member in members {
            guard let value = member.value.intValue else { throw RunFailureReason("\(key).\(member.key) is not an integer") }
            counters.add(member.key, value)
        }
        return counters
    }
}
