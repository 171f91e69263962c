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
