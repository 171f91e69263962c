/// Short constructors for building metadata documents (manifest, stats) with members in a fixed order.
extension JSONValue {
    /// An object with `members` in the given order.
    public static func object(_ members: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(JSONObject(members.map { JSONObject.Member(key: $0.key, value: $0.value) }))
    }

    /// An object from ordered pairs.
    public static func object(pairs: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(pairs.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }

    /// An integer.
    public static func int(_ value: Int) -> JSONValue {
        .number(JSONNumber(value))
    }

    /// A counters object, keys sorted.
    public static func counters(_ counters: Counters) -> JSONValue {
        .object(pairs: counters.sorted.map { ($0.name, .int($0.value)) })
    }
}
