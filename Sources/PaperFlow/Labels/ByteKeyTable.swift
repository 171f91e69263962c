/// A byte-string → integer hash table (FNV-1a, open addressing) for lookups without making strings.
///
/// Each slot keeps its key's full hash beside the entry, so a lookup compares bytes only when the hashes agree.
struct ByteKeyTable: Sendable {
    private var keys: [UInt8] = []
    private var entries: [(start: Int32, length: Int32, value: Int32)] = []
    /// The entry of each slot, -1 for an empty slot.
    private var slotEntries: [Int32] = Array(repeating: -1, count: 16)
    /// The hash of each slot's key.
    private var slotHashes: [UInt64] = Array(repeating: 0, count: 16)

    /// The value stored for `key`, if any.
    func value(for key: UnsafeBufferPointer<UInt8>) -> Int? {
        value(for: key, hash: Self.hash(key))
    }

    /// The value stored for `key`, whose ``hash(_:)`` the caller already has.
    @inline(__always)
    func value(for key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        let mask = slotEntries.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entryIndex = slotEntries[slot]
            if entryIndex < 0 { return nil }
            if slotHashes[slot] == hash {
                let entry = entries[Int(entryIndex)]
                if Int(entry.length) == key.count, equalBytes(at: Int(entry.start), key) { return Int(entry.value) }
            }
            slot = (slot + 1) & mask
        }
    }

    private func equalBytes(at start: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        keys.withUnsafeBufferPointer { stored in
            for offset in 0..<key.count where stored[start + offset] != key[offset] { return false }
            return true
        }
    }

    /// Stores `value` for `key`, which must not be present yet.
    mutating func insert(_ key: [UInt8], value: Int) {
        if (entries.count + 1) * 2 > slotEntries.count { grow() }
        entries.append((Int32(keys.count), Int32(key.count), Int32(value)))
        keys.append(contentsOf: key)
        place(entries.count - 1)
    }

    private mutating func grow() {
        slotEntries = Array(repeating: -1, count: slotEntries.count * 2)
        slotHashes = Array(repeating: 0, count: slotEntries.count)
        for index in entries.indices { place(index) }
    }

    private mutating func place(_ entryIndex: Int) {
        let entry = entries[entryIndex]
        let mask = slotEntries.count - 1
        let hash = keys.withUnsafeBufferPointer { Self.hash(UnsafeBufferPointer(rebasing: $0[Int(entry.start)..<Int(entry.start + entry.length)])) }
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slotEntries[slot] >= 0 { slot = (slot + 1) & mask }
        slotEntries[slot] = Int32(entryIndex)
        slotHashes[slot] = hash
    }

    /// The FNV-1a hash before any byte.
    static let hashSeed: UInt64 = 0xcbf2_9ce4_8422_2325

    /// `hash` extended by `byte` (FNV-1a), for callers that hash a word while they write it.
    @inline(__always)
    static func hash(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }

    /// The FNV-1a hash of `bytes`.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var result = hashSeed
        for byte in bytes { result = hash(result, byte) }
        return result
    }
}
