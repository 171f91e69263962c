/// Why an input file or entry was rejected (DESIGN §8). The raw value is the reason code in the release.
public enum RejectReason: String, CaseIterable, Sendable, Comparable {
    case emptyFile = "empty-file"
    case binaryFile = "binary-file"
    case tooLarge = "too-large"
    case unreadable = "unreadable"
    case unknownFormat = "unknown-format"
    case layoutChanged = "layout-changed"
    case sourceError = "source-error"
    case truncated = "truncated"
    case missingTitle = "missing-title"
    case invalidUTF8 = "invalid-utf8"

    /// Whether the reason rejects a whole file (as opposed to one entry of it).
    public var rejectsFile: Bool {
        switch self {
        case .missingTitle, .invalidUTF8: return false
        default: return true
        }
    }

    public static func < (lhs: RejectReason, rhs: RejectReason) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// A rejected file or entry, with its reason and where it is.
public struct Reject: Hashable, Sendable {
    public var reason: RejectReason
    public var location: Location
    /// A short human-readable explanation ("no format recognises the content").
    public var detail: String

    public init(_ reason: RejectReason, at location: Location, _ detail: String) {
        self.reason = reason
        self.location = location
        self.detail = detail
    }
}
