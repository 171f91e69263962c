/// Typed access to the values of a JSON document that reports every problem with its JSON path
/// instead of stopping at the first: shared by the readers of `pipeline.json` and `taxonomy.json`.
protocol JSONFieldReader {
    var diagnostics: SpecDiagnostics { get set }
}

extension JSONFieldReader {
    /// Reports every key of `object` that is not in `allowed`.
    mutating func checkKeys(_ object: JSONObject, allowed: [String], at path: JSONPath) {
        for member in object.members where !allowed.contains(member.key) {
            diagnostics.report(path.key(member.key), "unknown key \"\(member.key)\" (valid: \(allowed.joined(separator: ", ")))")
        }
    }

    /// The value of `key`, or nil with "missing (required)" reported.
    mutating func required(_ key: String, in object: JSONObject, at path: JSONPath) -> JSONValue? {
        guard let value = object[key] else {
            diagnostics.report(path.key(key), "missing (required)")
            return nil
        }
        return value
    }

    /// The value as `T`, or nil with "expected <kind>, found <type>" reported at `path`.
    mutating func expect<T>(_ value: JSONValue, _ kind: String, at path: JSONPath, _ read: (JSONValue) -> T?) -> T? {
        guard let typed = read(value) else {
            diagnostics.report(path, "expected \(kind), found \(value.typeName)")
            return nil
        }
        return typed
    }

    mutating func expectObject(_ value: JSONValue, at path: JSONPath) -> JSONObject? {
        expect(value, "an object", at: path) { $0.objectValue }
    }

    mutating func expectArray(_ value: JSONValue, at path: JSONPath) -> [JSONValue]? {
        expect(value, "an array", at: path) { $0.arrayValue }
    }

    mutating func integer(_ value: JSONValue, at path: JSONPath) -> Int? {
        expect(value, "an integer", at: path) { $0.intValue }
    }

    /// An integer within `range`, or nil with the valid range reported.
    mutating func integer(_ value: JSONValue, in range: ClosedRange<Int>, at path: JSONPath) -> Int? {
        guard let number = integer(value, at: path) else { return nil }
        guard range.contains(number) else {
            diagnostics.report(path, "\(number) is out of range (valid: \(range.lowerBound)...\(range.upperBound))")
            return nil
        }
        return number
    }

    mutating func number(_ value: JSONValue, at path: JSONPath) -> Double? {
        expect(value, "a number", at: path) { $0.doubleValue }
    }

    /// A number within `range`, or nil with the valid range reported.
    mutating func number(_ value: JSONValue, in range: ClosedRange<Double>, at path: JSONPath) -> Double? {
        guard let number = number(value, at: path) else { return nil }
        guard range.contains(number) else {
            diagnostics.report(path, "\(literal(value)) is out of range (valid: \(literal(range.lowerBound))...\(literal(range.upperBound)))")
            return nil
        }
        return number
    }

    /// A string that is not empty, or nil with the problem reported.
    mutating func nonEmptyString(_ value: JSONValue, at path: JSONPath) -> String? {
        guard let text = expect(value, "a string", at: path, { $0.stringValue }) else { return nil }
        guard !text.isEmpty else {
            diagnostics.report(path, "must not be empty")
            return nil
        }
        return text
    }

    private func literal(_ value: JSONValue) -> String {
        if case .number(let number) = value { return number.literal }
        return value.typeName
    }

    private func literal(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
