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
    /// Whether each node has edges to deeper nodes (the node of a one-word phrase has none).
    private let isInner: [Bool]
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
        var isInner = [Bool](repeating: false, count: outputs.count)
        for (key, child) in edges.entries {
            isInner[Int(key >> 32)] = true
            if key >> 32 == 0 { rootEdges[Int(key & 0xFFFF_FFFF)] = child } else { deeper.set(key, child) }
        }
        self.classes = classes.build()
        self.rootEdges = rootEdges
        self.edges = deeper
        self.outputs = JaggedArray(outputs)
        self.isInner = isInner
        self.anchored = phrases.map(\.isAnchored)
    }

    /// Every occurrence of every phrase in `tokens`, ordered by start word, then by end word, then by phrase.
    func matches(in tokens: LabelTokens) -> [PhraseMatch] {
        let count = tokens.count
        guard count > 0 else { return [] }
        let room = classes.mostClassesPerWord
        // The classes of word i are wordClasses[classStarts[i]..<classStarts[i + 1]].
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: count * room + count + 1) { buffer in
            guard let wordClasses = buffer.baseAddress else { return [] }
            let classStarts = wordClasses + count * room
            var written = 0
            tokens.bytes.withUnsafeBufferPointer { bytes in
                for index in 0..<count {
                    classStarts[index] = Int32(written)
                    let word = UnsafeBufferPointer(rebasing: bytes[tokens.range(of: index)])
                    written += classes.writeClasses(of: word, hash: tokens.hashes[index], to: wordClasses + written)
                }
            }
            classStarts[count] = Int32(written)
            var found: [PhraseMatch] = []
            // Walks still to take: a node that has deeper edges and the word to try them on.
            var walks: [(node: Int32, position: Int)] = []
            func reach(_ node: Int32, start: Int, end: Int) {
                for output in outputs.range(of: Int(node)) {
                    let phrase = outputs[item: output]
                    if !anchored[Int(phrase)] || tokens.startsClause(start) {
                        found.append(PhraseMatch(phrase: phrase, start: Int32(start), end: Int32(end)))
                    }
                }
                if isInner[Int(node)] && end < count { walks.append((node, end)) }
            }
            for start in 0..<count {
                for slot in Int(classStarts[start])..<Int(classStarts[start + 1]) {
                    let child = rootEdges[Int(wordClasses[slot])]
                    if child != 0 { reach(child, start: start, end: start + 1) }
                }
                while let (node, position) = walks.popLast() {
                    for slot in Int(classStarts[position])..<Int(classStarts[position + 1]) {
                        if let child = edges[UInt64(node) << 32 | UInt64(wordClasses[slot])] {
                            reach(child, start: start, end: position + 1)
                        }
                    }
                }
            }
            found.sort { ($0.start, $0.end, $0.phrase) < ($1.start, $1.end, $1.phrase) }
            return found
        }
    }
}
