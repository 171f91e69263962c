/// A byte trie of word prefixes: which prefix classes a word starts with. Each node is a dense row of 256
/// children, so a step is one array read (prefixes are few and short).
struct PrefixTrie: Sendable {
    /// `children[node * 256 + byte]`: the child node, or 0 for none (the root is never a child).
    private let children: [Int32]
    /// Classes that end at each node (node 0 is the root).
    private let terminals: JaggedArray
    /// The most classes one word can match: the most terminals on one path from the root.
    let mostMatchesPerWord: Int

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
        // Children are made after their parents, so one pass in node order sums the terminals along every path.
        var onPath = terminals.map(\.count)
        for node in 0..<terminals.count {
            for byte in 0..<256 where children[node * 256 + byte] != 0 {
                onPath[Int(children[node * 256 + byte])] += onPath[node]
            }
        }
        mostMatchesPerWord = onPath.max() ?? 0
    }

    /// Writes the classes of every prefix of `word` to `output` (room for ``mostMatchesPerWord``), returning how many.
    @inline(__always)
    func writeMatches(of word: UnsafeBufferPointer<UInt8>, to output: UnsafeMutablePointer<Int32>) -> Int {
        var node = 0
        var written = 0
        for byte in word {
            node = Int(children[node &* 256 &+ Int(byte)])
            if node == 0 { break }
            written += terminals.copy(node, to: output + written)
        }
        return written
    }
}
