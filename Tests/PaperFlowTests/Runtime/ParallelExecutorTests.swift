import Testing
@testable import PaperFlow

@Suite("Parallel executor")
struct ParallelExecutorTests {
    @Test(arguments: [1, 2, 4])
    func updateChunksChangesEveryItemInPlaceAndReturnsChunkResultsInOrder(jobs: Int) {
        var items = Array(0..<103).map { "item \($0)" }
        let results = ParallelExecutor(jobs: jobs).updateChunks(&items, chunkSize: 10) { offset, chunk in
            for index in chunk.indices { chunk[index] += " at \(offset + index)" }
            return (offset, chunk.count)
        }
        #expect(items == Array(0..<103).map { "item \($0) at \($0)" })
        #expect(results.map(\.0) == Array(stride(from: 0, to: 103, by: 10)))
        #expect(results.map(\.1) == Array(repeating: 10, count: 10) + [3])
    }

    @Test func updateChunksOfNothingCallsNothing() {
        var items: [Int] = []
        let results = ParallelExecutor(jobs: 2).updateChunks(&items, chunkSize: 4) { _, chunk in chunk.count }
        #expect(results.isEmpty)
    }
}
