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
    private var classes = WordClasses()
    /// Trie edges: (node << 32 | word class) → child node; node 0 is the root.
    private var edges: [UInt64: Int32] = [:]
    /// Phrases that end at each node.
    private var outputs: [[Int32]] = [[]]
    private var anchored: [Bool] = []

    /// A matcher for `phrases`; a match names its phrase by index in this array.
    init(phrases: [CuePattern]) {
        for (index, phrase) in phrases.enumerated() {
            anchored.append(phrase.isAnchored)
            for spelling in phrase.spellings() {
                var node: Int32 = 0
                for word in spelling {
                    let key = UInt64(node) << 32 | UInt64(classes.classID(of: word))
                    if let child = edges[key] {
                        node = child
                    } else {
                        let child = Int32(outputs.count)
                        outputs.append([])
                        edges[key] = child
                        node = child
                    }
                }
                if !outputs[Int(node)].contains(Int32(index)) { outputs[Int(node)].append(Int32(index)) }
            }
        }
    }

    /// Every occurrence of every phrase in `tokens`, ordered by start word, then by end word, then by phrase.
    func matches(in tokens: LabelTokens) -> [PhraseMatch] {
        let count = tokens.count
        var classStarts: [Int32] = []
        classStarts.reserveCapacity(count + 1)
        var wordClasses: [Int32] = []
        for index in 0..<count {
            classStarts.append(Int32(wordClasses.count))
            classes.appendClasses(of: tokens.bytes[tokens.range(of: index)], to: &wordClasses)
        }
        classStarts.append(Int32(wordClasses.count))

        var found: [PhraseMatch] = []
        var stack: [(node: Int32, position: Int)] = []
        for start in 0..<count where classStarts[start] < classStarts[start + 1] {
            stack.append((0, start))
            while let (node, position) = stack.popLast() {
                guard position < count else { continue }
                for slot in Int(classStarts[position])..<Int(classStarts[position + 1]) {
                    guard let child = edges[UInt64(node) << 32 | UInt64(wordClasses[slot])] else { continue }
                    for phrase in outputs[Int(child)] where start == 0 || !anchored[Int(phrase)] {
                        found.append(PhraseMatch(phrase: phrase, start: Int32(start), end: Int32(position + 1)))
                    }
                    stack.append((child, position + 1))
                }
            }
        }
        found.sort { ($0.start, $0.end, $0.phrase) < ($1.start, $1.end, $1.phrase) }
        return found
    }
}
