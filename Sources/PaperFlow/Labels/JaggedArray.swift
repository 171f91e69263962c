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
