/// The binary form of a record between `extract` and the merge of `dedup-title`: what spilled runs and
/// shard directories hold. Not a release format: it changes with paperflow (``formatVersion``).
///
/// A record is a 4-byte little-endian body length, then the body: first the dedup key (arXiv id,
/// title hash, rank, source), so ``decodeKey(_:)`` can read keys without the rest, then every other
/// field. Integers are zigzag LEB128, strings length-prefixed UTF-8, optionals a 0/1 tag. Labels are
/// not stored: records are labeled after the merge.
public enum RecordCodec {
    /// Bumped whenever the layout changes; shard directories of another version are refused.
    public static let formatVersion = 1

    /// Appends the encoded `record` (length prefix included).
    public static func append(_ record: PaperRecord, to out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: [0, 0, 0, 0])
        ByteWriter.optionalString(record.arxivID, &out)
        ByteWriter.string(record.titleHash, &out)
        ByteWriter.int(record.rank.rawValue, &out)
        ByteWriter.int(record.sources.count, &out)
        for source in record.sources {
            ByteWriter.string(source.path, &out)
            ByteWriter.string(source.format, &out)
            ByteWriter.int(source.index, &out)
        }
        ByteWriter.optionalInt(record.arxivVersion, &out)
        ByteWriter.string(record.title, &out)
        ByteWriter.optionalString(record.abstract, &out)
        ByteWriter.strings(record.authors, &out)
        ByteWriter.optionalInt(record.printedAuthorsCount, &out)
        ByteWriter.optionalString(record.organization, &out)
        ByteWriter.date(record.publishedDate, &out)
        ByteWriter.date(record.listingDate, &out)
        ByteWriter.optionalInt(record.upvotes, &out)
        ByteWriter.optionalInt(record.comments, &out)
        ByteWriter.strings(record.arxivCategories, &out)
        ByteWriter.optionalString(record.arxivComment, &out)
        ByteWriter.optionalString(record.doi, &out)
        ByteWriter.optionalString(record.journalRef, &out)
        ByteWriter.string(record.location.path, &out)
        switch record.location.position {
        case nil: ByteWriter.int(0, &out)
        case .line(let line): ByteWriter.int(1, &out); ByteWriter.int(line, &out)
        case .byte(let byte): ByteWriter.int(2, &out); ByteWriter.int(byte, &out)
        }
        if let day = record.referenceDay {
            ByteWriter.int(1, &out); ByteWriter.int(day.year, &out); ByteWriter.int(day.month, &out); ByteWriter.int(day.day, &out)
        } else {
            ByteWriter.int(0, &out)
        }
        let length = UInt32(out.count - start - 4)
        for shift in 0..<4 { out[start + shift] = UInt8(truncatingIfNeeded: length >> (8 * UInt32(shift))) }
    }

    /// The encoded records one after another, each with its length prefix.
    public static func encode(_ records: some Sequence<PaperRecord>) -> [UInt8] {
        var out: [UInt8] = []
        for record in records { append(record, to: &out) }
        return out
    }

    /// The byte ranges of the records in `bytes` (length prefixes excluded), in order.
    public static func bodies(_ bytes: ArraySlice<UInt8>) throws(RecordCodecError) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            guard bytes.endIndex - offset >= 4 else { throw RecordCodecError(message: "a record length is cut off at byte \(offset)") }
            let length = (0..<4).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
            let body = offset + 4
            guard length <= bytes.endIndex - body else { throw RecordCodecError(message: "a record is cut off at byte \(offset)") }
            ranges.append(body..<body + length)
            offset = body + length
        }
        return ranges
    }

    /// The dedup key of one encoded body.
    public static func decodeKey(_ body: ArraySlice<UInt8>) throws(RecordCodecError) -> PaperKey {
        var reader = ByteReader(bytes: body)
        return try reader.key()
    }

    /// The record of one encoded body.
    public static func decode(_ body: ArraySlice<UInt8>) throws(RecordCodecError) -> PaperRecord {
        var reader = ByteReader(bytes: body)
        let key = try reader.key()
        var record = PaperRecord(title: "", source: key.source, rank: key.rank, location: Location(path: ""))
        record.arxivID = key.arxivID
        record.titleHash = key.titleHash
        record.sources = key.sources
        record.arxivVersion = try reader.optionalInt()
        record.title = try reader.string()
        record.abstract = try reader.optionalString()
        record.authors = try reader.strings()
        record.printedAuthorsCount = try reader.optionalInt()
        record.organization = try reader.optionalString()
        record.publishedDate = try reader.date()
        record.listingDate = try reader.date()
        record.upvotes = try reader.optionalInt()
        record.comments = try reader.optionalInt()
        record.arxivCategories = try reader.strings()
        record.arxivComment = try reader.optionalString()
        record.doi = try reader.optionalString()
        record.journalRef = try reader.optionalString()
        let path = try reader.string()
        switch try reader.int() {
        case 0: record.location = Location(path: path)
        case 1: record.location = .line(path, try reader.int())
        case 2: record.location = Location(path: path, position: .byte(try reader.int()))
        case let kind: throw RecordCodecError(message: "unknown location kind \(kind)")
        }
        if try reader.int() == 1 {
            let (year, month, day) = (try reader.int(), try reader.int(), try reader.int())
            guard let referenceDay = Day(year: year, month: month, day: day) else {
                throw RecordCodecError(message: "invalid reference day \(year)-\(month)-\(day)")
            }
            record.referenceDay = referenceDay
        }
        guard reader.isAtEnd else { throw RecordCodecError(message: "\(reader.remaining) bytes left after a record") }
        return record
    }
}

/// What `dedup-title` needs of a record to decide which paper it belongs to and where it sorts.
public struct PaperKey: Sendable, Equatable {
    public var arxivID: String?
    public var titleHash: String
    public var rank: SourceRank
    /// Every source of the record (one for an extracted record); the first decides the merge order.
    public var sources: [SourceRef]

    /// The source that orders records of equal rank.
    public var source: SourceRef { sources[0] }

    public init(_ record: PaperRecord) {
        arxivID = record.arxivID
        titleHash = record.titleHash
        rank = record.rank
        sources = record.sources
    }

    init(arxivID: String?, titleHash: String, rank: SourceRank, sources: [SourceRef]) {
        self.arxivID = arxivID
        self.titleHash = titleHash
        self.rank = rank
        self.sources = sources
    }

    /// Merge order within a paper: source priority, then source path and index.
    public static func precedes(_ lhs: PaperKey, _ rhs: PaperKey) -> Bool {
        if lhs.rank != rhs.rank { return lhs.rank < rhs.rank }
        return lhs.source < rhs.source
    }
}

/// Encoded records that cannot be read back (a damaged spill file or shard directory).
public struct RecordCodecError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

private enum ByteWriter {
    static func int(_ value: Int, _ out: inout [UInt8]) {
        var zigzag = UInt64(bitPattern: Int64(value << 1 ^ value >> 63))
        while zigzag >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: zigzag) | 0x80)
            zigzag >>= 7
        }
        out.append(UInt8(zigzag))
    }

    static func string(_ value: String, _ out: inout [UInt8]) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count, &out)
            out.append(contentsOf: utf8)
        }
    }

    static func optionalString(_ value: String?, _ out: inout [UInt8]) {
        guard let value else { return out.append(0) }
        out.append(1)
        string(value, &out)
    }

    static func optionalInt(_ value: Int?, _ out: inout [UInt8]) {
        guard let value else { return out.append(0) }
        out.append(1)
        int(value, &out)
    }

    static func strings(_ values: [String], _ out: inout [UInt8]) {
        int(values.count, &out)
        for value in values { string(value, &out) }
    }

    static func date(_ value: PartialDate?, _ out: inout [UInt8]) {
        guard let value else { return out.append(0) }
        out.append(1)
        optionalInt(value.year, &out)
        int(value.month, &out)
        int(value.day, &out)
    }
}

private struct ByteReader {
    let bytes: ArraySlice<UInt8>
    var offset: Int

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        offset = bytes.startIndex
    }

    var isAtEnd: Bool { offset == bytes.endIndex }
    var remaining: Int { bytes.endIndex - offset }

    mutating func byte() throws(RecordCodecError) -> UInt8 {
        guard offset < bytes.endIndex else { throw RecordCodecError(message: "a record ends too early") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func int() throws(RecordCodecError) -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw RecordCodecError(message: "an integer is too long") }
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { break }
            shift += 7
        }
        let magnitude = Int64(bitPattern: value >> 1)
        return Int(value & 1 == 0 ? magnitude : ~magnitude)
    }

    mutating func string() throws(RecordCodecError) -> String {
        let count = try int()
        guard count >= 0, count <= remaining else { throw RecordCodecError(message: "a string runs past the record") }
        defer { offset += count }
        return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
    }

    mutating func flag() throws(RecordCodecError) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        case let tag: throw RecordCodecError(message: "invalid tag \(tag)")
        }
    }

    mutating func optionalString() throws(RecordCodecError) -> String? {
        try flag() ? try string() : nil
    }

    mutating func optionalInt() throws(RecordCodecError) -> Int? {
        try flag() ? try int() : nil
    }

    mutating func strings() throws(RecordCodecError) -> [String] {
        let count = try int()
        guard count >= 0, count <= remaining else { throw RecordCodecError(message: "a list runs past the record") }
        var values: [String] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try string()) }
        return values
    }

    mutating func date() throws(RecordCodecError) -> PartialDate? {
        guard try flag() else { return nil }
        let year = try optionalInt()
        return PartialDate(year: year, month: try int(), day: try int())
    }

    mutating func key() throws(RecordCodecError) -> PaperKey {
        let arxivID = try optionalString()
        let titleHash = try string()
        guard let rank = SourceRank(rawValue: try int()) else { throw RecordCodecError(message: "unknown source rank") }
        let count = try int()
        guard count >= 1, count <= remaining else { throw RecordCodecError(message: "a record without sources") }
        var sources: [SourceRef] = []
        sources.reserveCapacity(count)
        for _ in 0..<count {
            sources.append(SourceRef(path: try string(), format: try string(), index: try int()))
        }
        return PaperKey(arxivID: arxivID, titleHash: titleHash, rank: rank, sources: sources)
    }
}
