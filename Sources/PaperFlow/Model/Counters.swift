/// Named event counts (`date_year_unknown`, `title_variants`, …) gathered by stages and merged by the runner.
///
/// Listing is always sorted by name, so counts reach output in a stable order.
public struct Counters: Sendable, Equatable {
    private var values: [String: Int] = [:]

    public init() {}

    /// Adds `amount` to the counter `name`.
    public mutating func add(_ name: String, _ amount: Int = 1) {
        guard amount != 0 else { return }
        values[name, default: 0] += amount
    }

    /// Adds every counter of `other`.
    public mutating func merge(_ other: Counters) {
        for (name, value) in other.values { values[name, default: 0] += value }
    }

    /// The value of `name` (0 when never counted).
    public subscript(name: String) -> Int {
        values[name] ?? 0
    }

    /// All counters, sorted by name.
    public var sorted: [(name: String, value: Int)] {
        values.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { ($0.key, $0.value) }
    }
}
