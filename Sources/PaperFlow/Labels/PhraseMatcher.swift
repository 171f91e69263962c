/// Where one phrase occurs in a text: words `start..<end` of its ``LabelTokens``.
struct PhraseMatch: Sendable, Equatable {
    /// The index of the phrase in the list the matcher was built from.
    var phrase: Int32
    var start: Int32
    var end: Int32
}

/// Finds every occurrence of a fixed set of phrases in a word stream, in one pass: a trie over word classes
/// (see ``WordClasses``), walked from each word that starts some phrase.
///
/// Built once per run; a text costs one hash lookup per word plus a walk only where a phrase could start, so the
/// cost does not grow with the number of phrases.
struct PhraseMatcher: Sendable {
    private let classes: WordClasses
    /// The root's child for each word class (0: none): the first step of every walk, without hashing.
    private let rootEdges: [Int32]
    /// The other trie edges: (node << 32 | word class) → child node; node 0 is the root.
    private let edges: EdgeTable
    /// Phrases that end at each node.
    private let outputs: JaggedArray
    private let anchored: [Bool]

    /// A matcher for `phrases`; a match names its phrase by index in this array.
    init(phrases: [CuePattern]) {
        var classes = WordClasses.Builder()
        var edges = EdgeTable()
        var outputs: [[Int32]] = [[]]
        for (index, phrase) in phrases.enumerated() {
            for spelling in phrase.spellings() {
                var node: Int32 = 0
                for word in spelling {
                    let key = UInt64(node) << 32 | UInt64(classes.classID(of: word))
                    if let child = edges[key] {
                        node = child
                    } else {
                        let child = Int32(outputs.count)
                        outputs.append([])
                        edges.set(key, child)
                        node = child
                    }
                }
                if !outputs[Int(node)].contains(Int32(index)) { outputs[Int(node)].append(Int32(index)) }
            }
        }
        var rootEdges = [Int32](repeating: 0, count: Int(classes.count))
        var deeper = EdgeTable()
        for (key, child) in edges.entries {
            if key >> 32 == 0 { rootEdges[Int(key & 0xFFFF_FFFF)] = child } else { deeper.set(key, child) }
        }
        self.classes = classes.build()
        self.rootEdges = rootEdges
        self.edges = deeper
        self.outputs = JaggedArray(outputs)
        self.anchored = phrases.map(\.isAnchored)
    }

    /// Every occurrence of every phrase in `tokens`, ordered by start word, then by end word, then by phrase.
    func matches(in tokens: LabelTokens) -> [PhraseMatch] {
        let count = tokens.count
        var classStarts: [Int32] = []
        classStarts.reserveCapacity(count + 1)
        var wordClasses: [Int32] = []
        tokens.bytes.withUnsafeBufferPointer { bytes in
            for index in 0..<count {
                classStarts.append(Int32(wordClasses.count))
                classes.appendClasses(
                    of: UnsafeBufferPointer(rebasing: bytes[tokens.range(of: index)]), hash: tokens.hashes[index], to: &wordClasses)
            }
        }
        classStarts.append(Int32(wordClasses.count))

        var found: [PhraseMatch] = []
        var stack: [(node: Int32, position: Int)] = []
        for start in 0..<count {
            let classRange = Int(classStarts[start])..<Int(classStarts[start + 1])
            guard classRange.contains(where: { rootEdges[Int(wordClasses[$0])] != 0 }) else { continue }
            stack.append((0, start))
            while let (node, position) = stack.popLast() {
                guard position < count else { continue }
                for slot in Int(classStarts[position])..<Int(classStarts[position + 1]) {
                    let wordClass = wordClasses[slot]
                    let next = node == 0 ? rootEdges[Int(wordClass)] : edges[UInt64(node) << 32 | UInt64(wordClass)]
                    guard let child = next, child != 0 else { continue }
                    for output in outputs.range(of: Int(child)) {
                        let phrase = outputs[item: output]
                        if !anchored[Int(phrase)] || tokens.startsClause(start) {
                            found.append(PhraseMatch(phrase: phrase, start: Int32(start), end: Int32(position + 1)))
                        }
                    }
                    stack.append((child, position + 1))
                }
            }
        }
        found.sort { ($0.start, $0.end, $0.phrase) < ($1.start, $1.end, $1.phrase) }
        return found
    }
}
