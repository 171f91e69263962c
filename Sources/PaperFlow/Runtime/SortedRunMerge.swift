/// Streams a ``RecordCollection`` in release order.
///
/// When nothing was spilled, the records are read in place. Otherwise the segments are cut into units of at
/// most `runBytes`, each unit is sorted into a run file, runs are merged `fanIn` at a time until at most
/// `fanIn` are left, and those are merged as they are read: memory stays bounded by one unit plus one
/// read buffer per merged run, whatever the number of records.
struct SortedRunMerge {
    let collection: RecordCollection
    /// Record numbers in release order (``DedupPlan/releaseOrder(_:)``).
    let order: [Int32]
    /// Where run files go; removed by the caller.
    let spillDirectory: String
    var runBytes = 64 << 20
    var fanIn = 16

    /// Calls `body` with every record number and encoded record, in release order.
    func forEach(_ body: (Int, ArraySlice<UInt8>) throws -> Void) throws {
        if collection.hasSpilled {
            try mergeRuns(body)
        } else {
            try readInPlace(body)
        }
    }

    private func readInPlace(_ body: (Int, ArraySlice<UInt8>) throws -> Void) throws {
        var bodies: [ArraySlice<UInt8>] = []
        bodies.reserveCapacity(collection.recordCount)
        for segment in collection.segments {
            let bytes = try segment.bytes()
            for range in try segment.bodies(in: bytes) { bodies.append(bytes[range]) }
        }
        for record in order { try body(Int(record), bodies[Int(record)]) }
    }

    private func mergeRuns(_ body: (Int, ArraySlice<UInt8>) throws -> Void) throws {
        var position = [Int32](repeating: 0, count: order.count)
        for (index, record) in order.enumerated() { position[Int(record)] = Int32(index) }
        var runs = try sortedRuns(position: position)
        var level = 1
        while runs.count > fanIn {
            var merged: [String] = []
            for start in stride(from: 0, to: runs.count, by: fanIn) {
                let group = Array(runs[start..<min(runs.count, start + fanIn)])
                let path = spillDirectory + "/run-\(level)-\(merged.count).bin"
                let output = try RunFile.Writer(path: path)
                try RunFile.merge(group) { (position, record) throws in try output.append(position: position, body: record) }
                try output.close()
                for run in group { try RunFile.remove(run) }
                merged.append(path)
            }
            runs = merged
            level += 1
        }
        try RunFile.merge(runs) { (position, record) throws in try body(Int(order[position]), record) }
        for run in runs { try RunFile.remove(run) }
    }

    /// One run file per unit of segments, each sorted by release position.
    private func sortedRuns(position: [Int32]) throws -> [String] {
        var runs: [String] = []
        var unit: [RecordCollection.Segment] = []
        var unitBytes = 0
        let segments = collection.segments
        for (index, segment) in segments.enumerated() {
            unit.append(segment)
            unitBytes += segment.byteCount
            let next = index + 1 < segments.count ? segments[index + 1].byteCount : 0
            if index + 1 == segments.count || unitBytes + next > runBytes {
                let path = spillDirectory + "/run-0-\(runs.count).bin"
                try writeSortedRun(unit, position: position, to: path)
                runs.append(path)
                unit = []
                unitBytes = 0
            }
        }
        return runs
    }

    private func writeSortedRun(_ unit: [RecordCollection.Segment], position: [Int32], to path: String) throws {
        var entries: [(position: Int32, body: ArraySlice<UInt8>)] = []
        for segment in unit {
            let bytes = try segment.bytes()
            for (offset, range) in try segment.bodies(in: bytes).enumerated() {
                entries.append((position[segment.firstRecord + offset], bytes[range]))
            }
        }
        entries.sort { $0.position < $1.position }
        do {
            try FileTree.makeDirectory(spillDirectory)
        } catch {
            throw RunFailureReason("cannot spill records: \(error.message)")
        }
        let output = try RunFile.Writer(path: path)
        for entry in entries { try output.append(position: Int(entry.position), body: entry.body) }
        try output.close()
    }
}

/// Run files: entries of (release position, encoded record), sorted by position.
enum RunFile {
    /// Writes entries through a 1 MiB buffer.
    final class Writer {
        private let file: FileWriter
        private var buffer: [UInt8] = []

        init(path: String) throws {
            do {
                file = try FileWriter(path: path)
            } catch {
                throw RunFailureReason("cannot write a sorted run: \(error.message)")
            }
            buffer.reserveCapacity(1 << 20)
        }

        func append(position: Int, body: ArraySlice<UInt8>) throws {
            appendUInt32(UInt32(position))
            appendUInt32(UInt32(body.count))
            buffer.append(contentsOf: body)
            if buffer.count >= 1 << 20 { try flush() }
        }

        func close() throws {
            try flush()
            do {
                try file.close(sync: false)
            } catch {
                throw RunFailureReason("cannot write a sorted run: \(error.message)")
            }
        }

        private func appendUInt32(_ value: UInt32) {
            for shift in 0..<4 { buffer.append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(shift)))) }
        }

        private func flush() throws {
            do {
                try file.write(buffer)
            } catch {
                throw RunFailureReason("cannot write a sorted run: \(error.message)")
            }
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Reads entries front to back.
    final class Reader {
        private let file: FileChunkReader
        private var buffer: [UInt8] = []
        private var offset = 0
        /// The entry at the front, nil once the run is read.
        private(set) var current: (position: Int, body: ArraySlice<UInt8>)?

        init(path: String) throws {
            do {
                file = try FileChunkReader(path: path)
            } catch {
                throw RunFailureReason("cannot read a sorted run: \(error.message)")
            }
            try advance()
        }

        /// Moves to the next entry.
        func advance() throws {
            guard try fill(8) else {
                current = nil
                return
            }
            let position = readUInt32(at: offset)
            let length = readUInt32(at: offset + 4)
            guard try fill(8 + length) else { throw RunFailureReason("a sorted run ends inside an entry") }
            current = (position, buffer[offset + 8..<offset + 8 + length])
            offset += 8 + length
        }

        /// Whether `count` bytes are buffered from `offset` (reading more as needed); false only at a clean end.
        private func fill(_ count: Int) throws -> Bool {
            while buffer.count - offset < count {
                let chunk: [UInt8]?
                do {
                    chunk = try file.next()
                } catch {
                    throw RunFailureReason("cannot read a sorted run: \(error.message)")
                }
                guard let chunk else {
                    if buffer.count == offset { return false }
                    throw RunFailureReason("a sorted run ends inside an entry")
                }
                // A new array: entries handed out earlier keep the old buffer alive.
                buffer = Array(buffer[offset...]) + chunk
                offset = 0
            }
            return true
        }

        private func readUInt32(at index: Int) -> Int {
            (0..<4).reduce(0) { $0 | Int(buffer[index + $1]) << (8 * $1) }
        }
    }

    /// Merges runs (each sorted by position) into one stream sorted by position.
    static func merge(_ paths: [String], _ body: (Int, ArraySlice<UInt8>) throws -> Void) throws {
        var readers: [Reader] = []
        for path in paths { readers.append(try Reader(path: path)) }
        while true {
            var smallest: Int?
            for (index, reader) in readers.enumerated() {
                guard let entry = reader.current else { continue }
                if let best = smallest, let bestEntry = readers[best].current, bestEntry.position <= entry.position { continue }
                smallest = index
            }
            guard let index = smallest, let entry = readers[index].current else { return }
            try body(entry.position, entry.body)
            try readers[index].advance()
        }
    }

    static func remove(_ path: String) throws {
        do {
            try FileTree.removeIfPresent(path)
        } catch {
            throw RunFailureReason(error.message)
        }
    }
}
