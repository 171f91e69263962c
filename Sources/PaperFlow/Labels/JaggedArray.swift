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

    /// The length of the longest list.
    var longestList: Int {
        (0..<(starts.count - 1)).map { range(of: $0).count }.max() ?? 0
    }

    /// Writes list `index` to `output` (room for it is the caller's), returning its length.
    @inline(__always)
    func copy(_ index: Int, to output: UnsafeMutablePointer<Int32>) -> Int {
        let range = range(of: index)
        for (offset, position) in range.enumerated() { output[offset] = items[position] }
        return range.count
    }
}
