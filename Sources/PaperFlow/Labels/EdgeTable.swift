/// A `UInt64` → `Int32` hash map with open addressing and a multiplicative hash: the trie edges of the matcher,
/// looked up once per word, where `Dictionary`'s seeded SipHash costs more than the rest of the walk.
struct EdgeTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var used: [Bool]
    private(set) var count = 0

    init() {
        keys = Array(repeating: 0, count: 16)
        values = Array(repeating: -1, count: 16)
        used = Array(repeating: false, count: 16)
    }

    /// Every key with its value, in slot order.
    var entries: [(key: UInt64, value: Int32)] {
        keys.indices.filter { used[$0] }.map { (keys[$0], values[$0]) }
    }

    subscript(key: UInt64) -> Int32? {
        let mask = keys.count - 1
        var slot = Self.slot(key, mask: mask)
        while used[slot] {
            if keys[slot] == key { return values[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Stores `value` for `key`, replacing any earlier value.
    mutating func set(_ key: UInt64, _ value: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var slot = Self.slot(key, mask: mask)
        while used[slot] {
            if keys[slot] == key {
                values[slot] = value
                return
            }
            slot = (slot + 1) & mask
        }
        keys[slot] = key
        values[slot] = value
        used[slot] = true
        count += 1
    }

    private mutating func grow() {
        let old = (keys, values, used)
        let size = keys.count * 2
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: -1, count: size)
        used = Array(repeating: false, count: size)
        count = 0
        for index in old.0.indices where old.2[index] { set(old.0[index], old.1[index]) }
    }

    private static func slot(_ key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }
}
