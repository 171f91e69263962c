/// Settings of the `extract` stage that formats read.
public struct ExtractOptions: Sendable {
    /// HF daily pages: also read the DOM cards and count disagreements with the JSON (`dom_cross_check`).
    public var domCrossCheck = false

    public init(domCrossCheck: Bool = false) {
        self.domCrossCheck = domCrossCheck
    }
}

/// The bytes of one input file and what a format needs to know about it.
public struct LoadedInput: Sendable {
    /// The content (already decompressed when the file was gzip).
    public let bytes: [UInt8]
    /// The display path (as in `sources`).
    public let path: String
    /// The input's snapshot date (`input.snapshot_dates`), if the spec gives one.
    public let snapshotDay: Day?
    public let options: ExtractOptions

    public init(bytes: [UInt8], path: String, snapshotDay: Day?, options: ExtractOptions = ExtractOptions()) {
        self.bytes = bytes
        self.path = path
        self.snapshotDay = snapshotDay
        self.options = options
    }
}

/// What a format read from one file: records in document order, rejects and counters.
public struct Extraction: Sendable {
    public var records: [PaperRecord] = []
    public var rejects: [Reject] = []
    public var counters = Counters()

    public init() {}
}

/// A page format: how to recognise its content and how to read it into records.
///
/// Adding a format is adding one file with a type that conforms to this protocol, plus one line in ``FormatRegistry``.
public protocol InputFormat: Sendable {
    /// The format's name in `sources` and stats (`hf-text`).
    static var name: String { get }
    /// Whether `head` (the first 64 KiB of a non-empty, non-binary file) is this format.
    static func recognizes(_ head: ArraySlice<UInt8>) -> Bool
    /// Reads every paper of the file. Never throws: problems become rejects with locations.
    static func extract(_ input: LoadedInput) -> Extraction
}

/// Every known format, in sniffing order (the most specific first).
public enum FormatRegistry {
    public static let all: [any InputFormat.Type] = [
        ArxivAtom.self,
        HFDailyHTML.self,
        HFSearchHTML.self,
        HFPaperHTML.self,
        ArxivListHTML.self,
        RecordsJSONL.self,
        HFText.self,
    ]

    /// The first format that recognises the content, if any.
    public static func sniff(_ head: ArraySlice<UInt8>) -> (any InputFormat.Type)? {
        all.first { $0.recognizes(head) }
    }
}
