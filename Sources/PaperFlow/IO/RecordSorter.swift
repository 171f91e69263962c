/// Collects encoded record lines and gives them back sorted by record id.
///
/// The writer depends only on this interface, so an implementation that spills sorted runs to
/// disk can replace the in-memory one without changing callers.
public protocol RecordSorter {
    /// Adds one canonical line whose record id is `id`.
    mutating func add(id: String, line: [UInt8]) throws(SortError)
    /// Calls `body` with every id and line, ordered by id bytes (ties by line bytes).
    mutating func forEachSorted(_ body: (String, [UInt8]) throws -> Void) rethrows
}

/// The sorter cannot hold more records.
public struct SortError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Holds every line in memory, up to `maxBytes` of encoded records (default 2 GiB).
///
/// Past the guard it fails with a clear error instead of exhausting the machine's memory.
public struct InMemoryRecordSorter: RecordSorter {
    /// The guard: the most bytes of encoded lines held at once.
    public let maxBytes: Int
    private var entries: [(id: String, line: [UInt8])] = []
    private var heldBytes = 0

    public init(maxBytes: Int = 2 << 30) {
        self.maxBytes = maxBytes
    }

    public mutating func add(id: String, line: [UInt8]) throws(SortError) {
        heldBytes += line.count + id.utf8.count
        guard heldBytes <= maxBytes else {
            throw SortError(message: "more than \(maxBytes) bytes of records to sort in memory; the in-memory sorter's guard was reached")
        }
        entries.append((id, line))
    }

    public mutating func forEachSorted(_ body: (String, [UInt8]) throws -> Void) rethrows {
        entries.sort { lhs, rhs in
            if lhs.id != rhs.id { return lhs.id.utf8.lexicographicallyPrecedes(rhs.id.utf8) }
            return lhs.line.lexicographicallyPrecedes(rhs.line)
        }
        for entry in entries { try body(entry.id, entry.line) }
    }
}
