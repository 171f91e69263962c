/// The word classes of a phrase matcher: each distinct pattern word (`model`, `finetuning`) or prefix (`distil*`)
/// is one class, and every spelling a class accepts (`model`, `models`) maps to it.
///
/// A text word maps to the classes of its exact spelling plus the prefix classes it starts with; most words map
/// to none. Lookups work on bytes, without making strings.
struct WordClasses: Sendable {
    private var spellings = ByteKeyTable()
    /// Classes per spelling: `spellings` values are ranges into this array.
    private var spellingClasses: [[Int32]] = []
    private var prefixes = PrefixTrie()
    private var exactClassByWord: [String: Int32] = [:]
    private var prefixClassByText: [String: Int32] = [:]
    private(set) var count: Int32 = 0

    /// The class of `word`, made on first use.
    mutating func classID(of word: CuePattern.Word) -> Int32 {
        if word.isPrefix {
            if let existing = prefixClassByText[word.text] { return existing }
            let id = nextID()
            prefixClassByText[word.text] = id
            prefixes.insert(Array(word.text.utf8), classID: id)
            return id
        }
        if let existing = exactClassByWord[word.text] { return existing }
        let id = nextID()
        exactClassByWord[word.text] = id
        for spelling in Self.spellings(of: word.text) {
            let key = Array(spelling.utf8)
            if let slot = spellings.value(for: key[...]) {
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

    /// Appends the classes of the word `bytes` to `classes`.
    func appendClasses(of bytes: ArraySlice<UInt8>, to classes: inout [Int32]) {
        if let slot = spellings.value(for: bytes) {
            classes.append(contentsOf: spellingClasses[slot])
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
    func value(for key: ArraySlice<UInt8>) -> Int? {
        let mask = slots.count - 1
        var slot = Int(Self.hash(key) & UInt64(mask))
        while true {
            let entryIndex = slots[slot]
            if entryIndex < 0 { return nil }
            let entry = entries[Int(entryIndex)]
            if Int(entry.length) == key.count, keys[Int(entry.start)..<Int(entry.start + entry.length)].elementsEqual(key) {
                return Int(entry.value)
            }
            slot = (slot + 1) & mask
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
        var slot = Int(Self.hash(keys[Int(entry.start)..<Int(entry.start + entry.length)]) & UInt64(mask))
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entryIndex)
    }

    private static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash
    }
}

/// A byte trie of word prefixes: which prefix classes a word starts with.
struct PrefixTrie: Sendable {
    private var children: [UInt64: Int32] = [:]
    /// Classes that end at each node (node 0 is the root).
    private var terminals: [[Int32]] = [[]]

    mutating func insert(_ prefix: [UInt8], classID: Int32) {
        var node: Int32 = 0
        for byte in prefix {
            let key = UInt64(node) << 8 | UInt64(byte)
            if let child = children[key] {
                node = child
            } else {
                let child = Int32(terminals.count)
                terminals.append([])
                children[key] = child
                node = child
            }
        }
        terminals[Int(node)].append(classID)
    }

    /// Appends the classes of every prefix of `word` to `classes`.
    func appendMatches(of word: ArraySlice<UInt8>, to classes: inout [Int32]) {
        guard !children.isEmpty else { return }
        var node: Int32 = 0
        for byte in word {
            guard let child = children[UInt64(node) << 8 | UInt64(byte)] else { return }
            node = child
            let ends = terminals[Int(node)]
            if !ends.isEmpty { classes.append(contentsOf: ends) }
        }
    }
}
