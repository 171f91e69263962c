/// The words of a text being tokenized, written through raw buffers: a byte or a word costs a store, with no
/// uniqueness or capacity check. Every byte buffer and every per-word buffer has room for `capacity` entries; the
/// writer keeps `byteCount` plus the bytes still to write within it (``reserve(_:)`` makes more room), and a text
/// never has more words than bytes. Owned by one tokenization: ``deallocate()`` when done.
struct WordBuffer {
    /// Room kept beyond what the writer asks for.
    static let slack = 16

    private var bytes: UnsafeMutablePointer<UInt8>
    private var starts: UnsafeMutablePointer<Int32>
    private var sentences: UnsafeMutablePointer<Int32>
    private var hashes: UnsafeMutablePointer<UInt64>
    private var capacity: Int
    private(set) var byteCount = 0
    /// Words ended so far (a started word is counted when it ends).
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        bytes = .allocate(capacity: capacity)
        starts = .allocate(capacity: capacity)
        sentences = .allocate(capacity: capacity)
        hashes = .allocate(capacity: capacity)
    }

    /// Opens a word at the current byte, in `sentence`.
    @inline(__always)
    mutating func startWord(sentence: Int32) {
        starts[count] = Int32(byteCount)
        sentences[count] = sentence
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        bytes[byteCount] = byte
        byteCount += 1
    }

    /// Appends the run of bytes at `start` of `input` that `folding` maps to a byte other than 0 (there is one), each as
    /// `folding` maps it, extending `hash` (FNV-1a) over each byte written; returns where the run ends.
    @inline(__always)
    mutating func appendRun(_ input: UnsafeBufferPointer<UInt8>, from start: Int, folding: UnsafePointer<UInt8>,
                            hash: inout UInt64) -> Int {
        var index = start
        var written = byteCount
        var runningHash = hash
        var folded = folding[Int(input[index])]
        repeat {
            bytes[written] = folded
            runningHash = ByteKeyTable.hash(runningHash, folded)
            written &+= 1
            index &+= 1
            guard index < input.count else { break }
            folded = folding[Int(input[index])]
        } while folded != 0
        byteCount = written
        hash = runningHash
        return index
    }

    /// Closes the open word, whose bytes hash to `hash`.
    @inline(__always)
    mutating func endWord(hash: UInt64) {
        hashes[count] = hash
        count += 1
    }

    /// Makes room for `needed` more bytes (and words) beyond those written.
    mutating func reserve(_ needed: Int) {
        let wanted = byteCount + needed + Self.slack
        guard wanted > capacity else { return }
        let newCapacity = max(wanted, capacity * 2)
        bytes = Self.moved(bytes, count: byteCount, capacity: newCapacity)
        starts = Self.moved(starts, count: count + 1, capacity: newCapacity)
        sentences = Self.moved(sentences, count: count + 1, capacity: newCapacity)
        hashes = Self.moved(hashes, count: count, capacity: newCapacity)
        capacity = newCapacity
    }

    private static func moved<Element>(_ old: UnsafeMutablePointer<Element>, count: Int, capacity: Int) -> UnsafeMutablePointer<Element> {
        let new = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
        new.moveInitialize(from: old, count: count)
        old.deallocate()
        return new
    }

    /// The words written, as ``LabelTokens`` (without colon clauses).
    var tokens: LabelTokens {
        LabelTokens(
            bytes: Array(UnsafeBufferPointer(start: bytes, count: byteCount)),
            starts: Array(UnsafeBufferPointer(start: starts, count: count)),
            sentences: Array(UnsafeBufferPointer(start: sentences, count: count)),
            hashes: Array(UnsafeBufferPointer(start: hashes, count: count)))
    }

    func deallocate() {
        bytes.deallocate()
        starts.deallocate()
        sentences.deallocate()
        hashes.deallocate()
    }
}
