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
    /// The most classes one word can have: those of its spelling and of every prefix it starts with.
    let mostClassesPerWord: Int

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
            let classes = JaggedArray(spellingClasses)
            let trie = PrefixTrie(prefixes)
            return WordClasses(spellings: spellings, spellingClasses: classes, prefixes: trie,
                               mostClassesPerWord: classes.longestList + trie.mostMatchesPerWord)
        }
    }

    /// Writes the classes of the word `bytes` (whose ``ByteKeyTable/hash(_:)`` is `hash`) to `output`, which has room
    /// for ``mostClassesPerWord``; returns how many there are.
    @inline(__always)
    func writeClasses(of bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, to output: UnsafeMutablePointer<Int32>) -> Int {
        var written = 0
        if let slot = spellings.value(for: bytes, hash: hash) {
            written = spellingClasses.copy(slot, to: output)
        }
        return written + prefixes.writeMatches(of: bytes, to: output + written)
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
