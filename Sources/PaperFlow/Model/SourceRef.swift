/// One input that yielded a record: `{path, format, index}` in the release.
///
/// `path` is relative to its input root (prefixed by the root as written in the spec when the spec
/// lists several roots); `index` counts papers in document order through the whole file, from 0.
public struct SourceRef: Hashable, Comparable, Sendable {
    public var path: String
    public var format: String
    public var index: Int

    public init(path: String, format: String, index: Int) {
        self.path = path
        self.format = format
        self.index = index
    }

    /// Sorted by path bytes, then index (then format, so the order is total).
    public static func < (lhs: SourceRef, rhs: SourceRef) -> Bool {
        if lhs.path != rhs.path { return lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8) }
        if lhs.index != rhs.index { return lhs.index < rhs.index }
        return lhs.format.utf8.lexicographicallyPrecedes(rhs.format.utf8)
    }
}

/// Where something sits in an input: `path:line` for text, `path:byte` for markup, `path` for a whole file.
public struct Location: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The position inside the file, when there is one.
    public enum Position: Hashable, Sendable {
        case line(Int)
        case byte(Int)
    }

    public var path: String
    public var position: Position?

    public init(path: String, position: Position? = nil) {
        self.path = path
        self.position = position
    }

    /// A location at a 1-based line of a text file.
    public static func line(_ path: String, _ line: Int) -> Location {
        Location(path: path, position: .line(line))
    }

    public var description: String {
        switch position {
        case nil: return path
        case .line(let line): return "\(path):\(line)"
        case .byte(let byte): return "\(path):\(byte)"
        }
    }

    private var offset: Int {
        switch position {
        case nil: return -1
        case .line(let value), .byte(let value): return value
        }
    }

    /// Sorted by path bytes, then position.
    public static func < (lhs: Location, rhs: Location) -> Bool {
        if lhs.path != rhs.path { return lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8) }
        return lhs.offset < rhs.offset
    }
}
