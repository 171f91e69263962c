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
    public init(from old: (version: String, lines: [PublishedRelease.Line])?, to new: (version: String, lines: [PublishedRelease.Line])) {
        previous = old?.version
        current = new.version
        let oldLines = old?.lines ?? []
        var oldByID: [String: PublishedRelease.Line] = [:]
        for line in oldLines { oldByID[line.id] = line }
        var newIDs = Set<String>()
        var addedLines: [PublishedRelease.Line] = []
        for line in new.lines {
            newIDs.insert(line.id)
            guard let before = oldByID[line.id] else {
                addedLines.append(line)
                continue
            }
            if before.bytes == line.bytes {
                unchanged += 1
            } else {
                changed.append(line.id)
                countFieldChanges(before, line)
            }
        }
        let removedLines = oldLines.filter { !newIDs.contains($0.id) }
        var removedByTitleHash: [String: PublishedRelease.Line] = [:]
        for line in removedLines {
            if let hash = Self.titleHash(line), removedByTitleHash[hash] == nil { removedByTitleHash[hash] = line }
        }
        var migrated = Set<String>()
        for line in addedLines {
            // Only an added line that may pair with a removed one is parsed for its title hash.
            if !removedByTitleHash.isEmpty, let hash = Self.titleHash(line), let before = removedByTitleHash[hash],
               !migrated.contains(before.id) {
                migrated.insert(before.id)
                migrations.append(Migration(from: before.id, to: line.id))
                countFieldChanges(before, line)
            } else {
                added.append(line.id)
            }
        }
        removed = removedLines.map(\.id).filter { !migrated.contains($0) }
    }

    private static func titleHash(_ line: PublishedRelease.Line) -> String? {
        line.record?["title_hash"]?.stringValue
    }

    private mutating func countFieldChanges(_ before: PublishedRelease.Line, _ after: PublishedRelease.Line) {
        let old = before.record
        let new = after.record
        for key in RecordEncoder.keys where old?[key] != new?[key] {
            fieldChanges.add(key)
        }
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
