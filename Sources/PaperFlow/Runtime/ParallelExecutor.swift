import Dispatch
import Synchronization

/// Runs chunks of work on up to `jobs` threads and returns their results in chunk order.
///
/// All concurrency of paperflow goes through this type: operators describe work per chunk,
/// the executor decides how many threads run it. Results never depend on `jobs`.
public struct ParallelExecutor: Sendable {
    /// The most threads that run at once (at least 1).
    public let jobs: Int

    /// An executor that uses at most `jobs` threads (values below 1 are taken as 1).
    public init(jobs: Int) {
        self.jobs = max(1, jobs)
    }

    /// Calls `body` once for each index in `0..<count`, on up to `jobs` threads, and returns the
    /// results in index order.
    public func map<T: Sendable, E: Error>(
        _ count: Int, _ body: @Sendable (Int) throws(E) -> T
    ) throws(E) -> [T] {
        guard count > 0 else { return [] }
        if jobs == 1 || count == 1 {
            var results: [T] = []
            results.reserveCapacity(count)
            for index in 0..<count { results.append(try body(index)) }
            return results
        }
        let slots = ResultSlots<T, E>(count: count)
        let next = Atomic<Int>(0)
        let workers = min(jobs, count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if index >= count { return }
                slots.store(index, Result { () throws(E) -> T in try body(index) })
            }
        }
        return try slots.collect()
    }

    /// Changes `items` in place, chunk by chunk in parallel: `body` gets the offset of its chunk's first item and
    /// the chunk's items (valid only during the call); returns each chunk's result in chunk order.
    ///
    /// Nothing is copied: the items stay where they are and every chunk is touched by one thread only.
    public func updateChunks<Item, T: Sendable>(
        _ items: inout [Item], chunkSize: Int, _ body: @Sendable (_ offset: Int, _ chunk: UnsafeMutableBufferPointer<Item>) -> T
    ) -> [T] {
        let size = max(1, chunkSize)
        let chunkCount = (items.count + size - 1) / size
        return items.withUnsafeMutableBufferPointer { all in
            let shared = UnsafeShared(all)
            return map(chunkCount) { chunk in
                let range = (chunk * size)..<min(shared.buffer.count, chunk * size + size)
                return body(range.lowerBound, UnsafeMutableBufferPointer(rebasing: shared.buffer[range]))
            }
        }
    }
}

/// A buffer that several threads change in disjoint parts (``ParallelExecutor/updateChunks(_:chunkSize:_:)``).
private struct UnsafeShared<Item>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Item>

    init(_ buffer: UnsafeMutableBufferPointer<Item>) {
        self.buffer = buffer
    }
}

/// One result slot per index, written by exactly one worker each.
private final class ResultSlots<T: Sendable, E: Error>: @unchecked Sendable {
    private var results: [Result<T, E>?]
    private let lock = Mutex<Void>(())

    init(count: Int) {
        results = Array(repeating: nil, count: count)
    }

    func store(_ index: Int, _ result: Result<T, E>) {
        lock.withLock { _ in results[index] = result }
    }

    func collect() throws(E) -> [T] {
        let all = lock.withLock { _ in results }
        var values: [T] = []
        values.reserveCapacity(all.count)
        for slot in all {
            guard let slot else { preconditionFailure("every chunk stores a result") }
            values.append(try slot.get())
        }
        return values
    }
}
