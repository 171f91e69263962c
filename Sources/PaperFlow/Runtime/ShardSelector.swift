/// Which part of the inputs a `--shard I/N` run takes (DESIGN §9): file k of the sorted, link-resolved
/// input list when k mod N = I. I counts from 0, as `SLURM_ARRAY_TASK_ID` does.
public struct ShardSelector: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// `I/N` with 0 ≤ I < N; nil for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (0..<count).contains(index) else {
            return nil
        }
        self.init(index: index, count: count)
    }

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// `2-of-4`: the shard's directory name under `<release dir>/.shards/`.
    public var name: String { "\(index)-of-\(count)" }

    public var description: String { "\(index)/\(count)" }

    /// Whether input number `position` of the sorted list belongs to this shard.
    public func takes(_ position: Int) -> Bool { position % count == index }
}
