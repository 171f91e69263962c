/// The word classes of a phrase matcher: each distinct pattern word (`model`, `finetuning`) or prefix (`distil*`)
/// is one class, and every spelling a class accepts (`model`, `models`) maps to it.
///
/// A text word maps to the classes of its exact spelling plus the prefix classes it starts with; most words map
/// to none. Lookups work on bytes, without making strings. Made by a ``WordClasses/Builder``.
struct WordClasses: Sendable {
    private let spellings: ByteKeyTable
    /// The classes of each spelling (`spellings` values index it).
    private let spellingClasses: JaggedArray
    private let prefixes: PrefixTrie

    /// Collects the words of the phrases, numbering their classes.
    struct Builder {
        private var spellings = ByteKeyTable()
        private var spellingClasses: [[Int32]] = []
        private var prefixes: [(prefix: [UInt8], classID: Int32)] = []
        private var exactClassByWord: [String: Int32] = [:]
        private var prefixClassByText: [String: Int32] = [:]
        /// How many classes there are so far.
        private(set) var count: Int32 = 0

        /// The class of `word`, made on first use.
        mutating func classID(of word: CuePattern.Word) -> Int32 {
            if word.isPrefix {
                if let existing = prefixClassByText[word.text] { return existing }
                let id = nextID()
                prefixClassByText[word.text] = id
                prefixes.append((Array(word.text.utf8), id))
                return id
            }
            if let existing = exactClassByWord[word.text] { return existing }
            let id = nextID()
            exactClassByWord[word.text] = id
            for spelling in WordClasses.spellings(of: word.text) {
                let key = Array(spelling.utf8)
                if let slot = key.withUnsafeBufferPointer({ spellings.value(for: $0) }) {
                    if !spellingClasses[slot].contains(id) { spellingClasses[slot].append(id) }
                } else {
                    spellings.insert(key, value: spellingClasses.count)
                    spellingClasses.append([id])
                }
            }
            return id
        }

        private mutating func nextID() -> Int32 {
            defer { count += 1 }
            return count
        }

        /// The classes collected so far, ready for lookups.
        func build() -> WordClasses {
            WordClasses(spellings: spellings, spellingClasses: JaggedArray(spellingClasses), prefixes: PrefixTrie(prefixes))
        }
    }

    /// Appends the classes of the word `bytes` (whose ``ByteKeyTable/hash(_:)`` is `hash`) to `classes`.
    func appendClasses(of bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, to classes: inout [Int32]) {
        if let slot = spellings.value(for: bytes, hash: hash) {
            spellingClasses.append(slot, to: &classes)
        }
        prefixes.appendMatches(of: bytes, to: &classes)
    }

    /// The spellings a word accepts: itself and its regular English plurals (`model` → `models`, `bias` → `biases`,
    /// `strategy` → `strategies`, `analysis` → `analyses`). A word is never reduced to a singular: `languages`
    /// matches only the plural, so a cue can tell `languages` from `language`.
    static func spellings(of word: String) -> [String] {
        var result = [word]
        let scalars = Array(word.unicodeScalars)
        guard scalars.count >= 2, let last = scalars.last, last.properties.isAlphabetic else { return result }
        let isVowel: (Unicode.Scalar) -> Bool = { "aeiou".unicodeScalars.contains($0) }
        if ["s", "x", "z", "ch", "sh"].contains(where: word.hasSuffix) {
            result.append(word + "es")
        } else if last == "y", !isVowel(scalars[scalars.count - 2]) {
            result.append(String(String.UnicodeScalarView(scalars.dropLast())) + "ies")
        } else {
            result.append(word + "s")
        }
        if word.hasSuffix("is") {
            result.append(String(word.dropLast(2)) + "es")
        }
        return result
    }
}

/// A byte-string → integer hash table (FNV-1a, open addressing) for lookups without making strings.
struct ByteKeyTable: Sendable {
    private var keys: [UInt8] = []
    private var entries: [(start: Int32, length: Int32, value: Int32)] = []
    private var slots: [Int32] = Array(repeating: -1, count: 16)

    /// The value stored for `key`, if any.
    func value(for key: UnsafeBufferPointer<UInt8>) -> Int? {
        value(for: key, hash: Self.hash(key))
    }

    /// The value stored for `key`, whose ``hash(_:)`` the caller already has.
    @inline(__always)
    func value(for key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        let mask = slots.count - 1
        var slot = Int(hash & UInt64(mask))
        while true {
            let entryIndex = slots[slot]
            if entryIndex < 0 { return nil }
            let entry = entries[Int(entryIndex)]
            if Int(entry.length) == key.count, equalBytes(at: Int(entry.start), key) {
                return Int(entry.value)
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
        if (entries.count + 1) * 2 > slots.count { grow() }
        entries.append((Int32(keys.count), Int32(key.count), Int32(value)))
        keys.append(contentsOf: key)
        place(entries.count - 1)
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        for index in entries.indices { place(index) }
    }

    private mutating func place(_ entryIndex: Int) {
        let entry = entries[entryIndex]
        let mask = slots.count - 1
        let hash = keys.withUnsafeBufferPointer { Self.hash(UnsafeBufferPointer(rebasing: $0[Int(entry.start)..<Int(entry.start + entry.length)])) }
        var slot = Int(hash & UInt64(mask))
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entryIndex)
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

/// A byte trie of word prefixes: which prefix classes a word starts with. Each node is a dense row of 256
/// children, so a step is one array read (prefixes are few and short).
struct PrefixTrie: Sendable {
    /// `children[node * 256 + byte]`: the child node, or 0 for none (the root is never a child).
    private let children: [Int32]
    /// Classes that end at each node (node 0 is the root).
    private let terminals: JaggedArray

    init(_ prefixes: [(prefix: [UInt8], classID: Int32)]) {
        var children = [Int32](repeating: 0, count: 256)
        var terminals: [[Int32]] = [[]]
        for (prefix, classID) in prefixes {
            var node = 0
            for byte in prefix {
                let slot = node * 256 + Int(byte)
                if children[slot] == 0 {
                    children[slot] = Int32(terminals.count)
                    terminals.append([])
                    children.append(contentsOf: repeatElement(0, count: 256))
                }
                node = Int(children[slot])
            }
            terminals[node].append(classID)
        }
        self.children = children
        self.terminals = JaggedArray(terminals)
    }

    /// Appends the classes of every prefix of `word` to `classes`.
    func appendMatches(of word: UnsafeBufferPointer<UInt8>, to classes: inout [Int32]) {
        var node = 0
        for byte in word {
            node = Int(children[node &* 256 &+ Int(byte)])
            if node == 0 { return }
            terminals.append(node, to: &classes)
        }
    }
}

/// Lists of integers stored one after another, so that reading one list neither copies nor retains an array.
struct JaggedArray: Sendable {
    private let starts: [Int32]
    private let items: [Int32]

    init(_ lists: [[Int32]]) {
        var starts: [Int32] = [0]
        starts.reserveCapacity(lists.count + 1)
        for list in lists { starts.append(starts[starts.count - 1] + Int32(list.count)) }
        self.starts = starts
        self.items = lists.flatMap { $0 }
    }

    /// The range of list `index` in ``subscript(item:)``.
    func range(of index: Int) -> Range<Int> {
        Int(starts[index])..<Int(starts[index + 1])
    }

    /// One item, by its position in the concatenation.
    subscript(item position: Int) -> Int32 { items[position] }

    /// Appends list `index` to `output`.
    func append(_ index: Int, to output: inout [Int32]) {
        for position in range(of: index) { output.append(items[position]) }
    }
}

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

    var isEmpty: Bool { count == 0 }

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
