/// What changed between two releases: added, removed and changed ids, per-field change counts,
/// and id migrations (`title:…` → `arxiv:…` for the same `title_hash`).
public struct ReleaseDiff: Sendable {
    /// A paper whose id changed because it gained (or lost) an arXiv id.
    public struct Migration: Sendable, Equatable {
        public var from: String
        public var to: String
    }

    public var previous: String?
    public var current: String
    public var added: [String] = []
    public var removed: [String] = []
    public var changed: [String] = []
    public var unchanged = 0
    public var migrations: [Migration] = []
    /// How many changed records changed in each field (migrations included), by field name.
    public var fieldChanges = Counters()

    /// The diff from `old` (nil: no previous release) to `new`, both as (version, lines sorted by id).
    public init(
        from old: (version: String, lines: [PublishedRelease.Line])?, to new: (version: String, lines: [PublishedRelease.Line])
    ) throws(PublishedRelease.ReadError) {
        var oldLines = (old?.lines ?? []).makeIterator()
        var builder = Builder(previous: old?.version, current: new.version) { oldLines.next() }
        for line in new.lines { try builder.add(line, titleHash: nil) }
        self = try builder.finish()
    }

    init(previous: String?, current: String) {
        self.previous = previous
        self.current = current
    }

    /// Builds a diff while the new release's lines stream by in id order, reading the previous release's
    /// lines (also in id order) alongside: memory holds ids and title hashes, never whole releases.
    public struct Builder {
        private var diff: ReleaseDiff
        private let nextOld: () throws(PublishedRelease.ReadError) -> PublishedRelease.Line?
        private var pendingOld: PublishedRelease.Line?
        private var started = false
        /// Added and removed lines, kept until the migrations are paired (their content only with a previous release).
        private var addedLines: [PendingLine] = []
        private var removedLines: [PendingLine] = []

        /// `nextOld` gives the previous release's lines in id order, nil at the end (always nil without one).
        public init(previous: String?, current: String, nextOld: @escaping () throws(PublishedRelease.ReadError) -> PublishedRelease.Line?) {
            diff = ReleaseDiff(previous: previous, current: current)
            self.nextOld = nextOld
        }

        /// Adds the next line of the new release; `titleHash` is read from the line when nil.
        public mutating func add(_ line: PublishedRelease.Line, titleHash: String?) throws(PublishedRelease.ReadError) {
            try startIfNeeded()
            while let old = pendingOld, old.id.utf8.lexicographicallyPrecedes(line.id.utf8) {
                removedLines.append(PendingLine(line: old, titleHash: ReleaseDiff.titleHash(old)))
                pendingOld = try nextOld()
            }
            if let old = pendingOld, old.id == line.id {
                if old.bytes == line.bytes {
                    diff.unchanged += 1
                } else {
                    diff.changed.append(line.id)
                    diff.countFieldChanges(old, line)
                }
                pendingOld = try nextOld()
            } else {
                let kept = diff.previous == nil ? PublishedRelease.Line(id: line.id, bytes: []) : line
                addedLines.append(PendingLine(line: kept, titleHash: titleHash ?? ReleaseDiff.titleHash(line)))
            }
        }

        /// The finished diff, once every new line was added.
        public mutating func finish() throws(PublishedRelease.ReadError) -> ReleaseDiff {
            try startIfNeeded()
            while let old = pendingOld {
                removedLines.append(PendingLine(line: old, titleHash: ReleaseDiff.titleHash(old)))
                pendingOld = try nextOld()
            }
            diff.pairMigrations(added: addedLines, removed: removedLines)
            return diff
        }

        private mutating func startIfNeeded() throws(PublishedRelease.ReadError) {
            guard !started else { return }
            started = true
            pendingOld = try nextOld()
        }
    }

    static func titleHash(_ line: PublishedRelease.Line) -> String? {
        line.record?["title_hash"]?.stringValue
    }

    mutating func countFieldChanges(_ before: PublishedRelease.Line, _ after: PublishedRelease.Line) {
        let old = before.record
        let new = after.record
        for key in RecordEncoder.keys where old?[key] != new?[key] {
            fieldChanges.add(key)
        }
    }

    /// An added or removed line with its title hash.
    struct PendingLine {
        var line: PublishedRelease.Line
        var titleHash: String?
    }

    /// Pairs added with removed lines of the same title hash (id migrations); the rest stay added or removed.
    private mutating func pairMigrations(added addedLines: [PendingLine], removed removedLines: [PendingLine]) {
        var removedByTitleHash: [String: PublishedRelease.Line] = [:]
        for pending in removedLines {
            if let hash = pending.titleHash, removedByTitleHash[hash] == nil { removedByTitleHash[hash] = pending.line }
        }
        var migrated = Set<String>()
        for pending in addedLines {
            if let hash = pending.titleHash, let before = removedByTitleHash[hash], !migrated.contains(before.id) {
                migrated.insert(before.id)
                migrations.append(Migration(from: before.id, to: pending.line.id))
                countFieldChanges(before, pending.line)
            } else {
                added.append(pending.line.id)
            }
        }
        removed = removedLines.map(\.line.id).filter { !migrated.contains($0) }
    }

    /// `diff.json`.
    public var json: JSONValue {
        .object([
            "previous": previous.map { .string($0) } ?? .null,
            "current": .string(current),
            "counts": .object([
                "added": .int(added.count),
                "removed": .int(removed.count),
                "changed": .int(changed.count),
                "unchanged": .int(unchanged),
                "id_migrations": .int(migrations.count),
            ]),
            "field_changes": .object(pairs: RecordEncoder.keys.compactMap { key in
                fieldChanges[key] > 0 ? (key, .int(fieldChanges[key])) : nil
            }),
            "added": .array(added.map { .string($0) }),
            "removed": .array(removed.map { .string($0) }),
            "changed": .array(changed.map { .string($0) }),
            "id_migrations": .array(migrations.map { .object(["from": .string($0.from), "to": .string($0.to)]) }),
        ])
    }

    /// The diff as text for `paperflow diff`.
    public var summary: String {
        var text = "\(previous ?? "(none)") → \(current): \(added.count) added, \(removed.count) removed, "
            + "\(changed.count) changed, \(unchanged) unchanged, \(migrations.count) id migrations\n"
        let fields = RecordEncoder.keys.filter { fieldChanges[$0] > 0 }
        if !fields.isEmpty {
            text += "fields changed: " + fields.map { "\($0) \(fieldChanges[$0])" }.joined(separator: ", ") + "\n"
        }
        for id in added { text += "+ \(id)\n" }
        for id in removed { text += "- \(id)\n" }
        for id in changed { text += "~ \(id)\n" }
        for migration in migrations { text += "> \(migration.from) → \(migration.to)\n" }
        return text
    }
}
