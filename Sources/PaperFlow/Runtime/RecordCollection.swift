/// The records of a run between the stages before `dedup-title` and its merge, in their binary form
/// (``RecordCodec``), with the dedup key of every record kept in memory.
///
/// Segments (one per input batch) stay in memory until they hold more than `memoryBudget` bytes; from then
/// on every segment is written to the spill directory, so memory grows with the number of records'
/// keys, not with their bytes. A shard run spills every segment into its shard directory.
public final class RecordCollection {
    /// A batch of encoded records: in memory, or in a file.
    public struct Segment: Sendable {
        public enum Storage: Sendable {
            case memory([UInt8])
            case file(String)
        }

        /// The number of its first record in the collection.
        public var firstRecord: Int
        public var recordCount: Int
        public var byteCount: Int
        public var storage: Storage

        /// Where each record's body lies in `bytes` (this segment's encoded bytes), checked against its record count.
        func bodies(in bytes: [UInt8]) throws(RunFailureReason) -> [Range<Int>] {
            do throws(RecordCodecError) {
                let bodies = try RecordCodec.bodies(bytes[...])
                guard bodies.count == recordCount else {
                    throw RecordCodecError(message: "it holds \(bodies.count) records, not \(recordCount)")
                }
                return bodies
            } catch {
                throw RunFailureReason("\(description) is damaged: \(error.message)")
            }
        }

        /// The segment's file, or that it is held in memory, for messages.
        var description: String {
            switch storage {
            case .memory: return "a segment of records in memory"
            case .file(let path): return path
            }
        }

        /// The encoded bytes (read from disk for a spilled segment).
        func bytes() throws(RunFailureReason) -> [UInt8] {
            switch storage {
            case .memory(let bytes): return bytes
            case .file(let path):
                do {
                    return try FileReader.read(path)
                } catch {
                    throw RunFailureReason("cannot read spilled records \(path): \(error.message)")
                }
            }
        }
    }

    /// The dedup key of every record, by record number.
    public private(set) var keys: [PaperKey] = []
    public private(set) var segments: [Segment] = []
    /// Where segments go once the budget is passed (nil: never spill).
    public let spillDirectory: String?
    /// The most encoded bytes held in memory before segments are spilled.
    public let memoryBudget: Int
    private var heldBytes = 0
    private var spilling = false

    /// A collection that spills into `spillDirectory` (created when first needed) past `memoryBudget` bytes.
    public init(spillDirectory: String?, memoryBudget: Int) {
        self.spillDirectory = spillDirectory
        self.memoryBudget = memoryBudget
    }

    /// Drops the keys once the release order is known, so the merge runs without them.
    public func releaseKeys() {
        keys = []
    }

    /// Whether any segment went to disk.
    public var hasSpilled: Bool { spilling }

    /// The number of records collected.
    public var recordCount: Int { keys.count }

    /// Adds the encoded records of one batch, in order, as one new segment.
    public func add(_ parts: [EncodedRecords]) throws(RunFailureReason) {
        let recordCount = parts.reduce(0) { $0 + $1.keys.count }
        guard recordCount > 0 else { return }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(parts.reduce(0) { $0 + $1.bytes.count })
        for part in parts {
            bytes.append(contentsOf: part.bytes)
            keys.append(contentsOf: part.keys)
        }
        let segment = Segment(firstRecord: keys.count - recordCount, recordCount: recordCount, byteCount: bytes.count, storage: .memory(bytes))
        segments.append(segment)
        heldBytes += bytes.count
        if let spillDirectory, spilling || heldBytes > memoryBudget {
            try spill(into: spillDirectory)
        }
    }

    /// Adds a segment already on disk (a shard's), reading the keys of its records.
    public func addSpilled(path: String, recordCount: Int) throws(RunFailureReason) {
        var segment = Segment(firstRecord: keys.count, recordCount: recordCount, byteCount: 0, storage: .file(path))
        let bytes = try segment.bytes()
        for body in try segment.bodies(in: bytes) {
            do {
                keys.append(try RecordCodec.decodeKey(bytes[body]))
            } catch {
                throw RunFailureReason("\(path) is damaged: \(error.message)")
            }
        }
        segment.byteCount = bytes.count
        segments.append(segment)
        spilling = true
    }

    /// Writes every in-memory segment to a file of its own.
    private func spill(into directory: String) throws(RunFailureReason) {
        spilling = true
        do {
            try FileTree.makeDirectory(directory)
            for index in segments.indices {
                guard case .memory(let bytes) = segments[index].storage else { continue }
                let path = directory + "/" + Self.segmentName(index)
                try FileWriter.write(bytes, to: path, sync: false)
                segments[index].storage = .file(path)
            }
        } catch {
            throw RunFailureReason("cannot spill records: \(error.message)")
        }
        heldBytes = 0
    }

    /// `records-00012.bin`
    public static func segmentName(_ index: Int) -> String {
        "records-" + ReleaseBuilder.zeroPadded(index, 5) + ".bin"
    }
}

/// Records in their binary form (``RecordCodec``) with their dedup keys, ready for a ``RecordCollection``.
public struct EncodedRecords: Sendable {
    public var bytes: [UInt8]
    public var keys: [PaperKey]

    /// Encodes `records`, in order.
    public init(_ records: [PaperRecord]) {
        bytes = RecordCodec.encode(records)
        keys = records.map(PaperKey.init)
    }
}

/// Why a run cannot go on (an I/O failure, damaged spilled records, a refused shard).
public struct RunFailureReason: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    public init(_ message: String) {
        self.message = message
    }
}
