/// The declaration of one operator parameter: its name, type, default and meaning.
///
/// Declarations are the single source of truth: `validate` checks spec values against them and
/// `paperflow operators` prints them.
public struct ParameterSpec: Sendable {
    /// What values a parameter takes.
    public enum Kind: Sendable {
        case integer(ClosedRange<Int>)
        case number(ClosedRange<Double>)
        case string
        case choice([String])
        case boolean
        /// A path to an existing file, relative to the spec's directory.
        case file
    }

    public var name: String
    public var kind: Kind
    public var defaultValue: ParameterValue?
    public var summary: String

    public init(_ name: String, _ kind: Kind, default defaultValue: ParameterValue?, _ summary: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.summary = summary
    }

    /// The type as `paperflow operators` prints it: `integer 1...9`, `one of gzip`.
    public var typeDescription: String {
        switch kind {
        case .integer(let range): return "integer \(range.lowerBound)...\(range.upperBound)"
        case .number(let range): return "number \(range.lowerBound)...\(range.upperBound)"
        case .string: return "string"
        case .choice(let values): return "one of " + values.joined(separator: ", ")
        case .boolean: return "boolean"
        case .file: return "file path"
        }
    }
}

/// A validated parameter value.
public enum ParameterValue: Hashable, Sendable, CustomStringConvertible {
    case integer(Int)
    case number(Double)
    case string(String)
    case boolean(Bool)

    public var description: String {
        switch self {
        case .integer(let value): return String(value)
        case .number(let value): return String(value)
        case .string(let value): return "\"\(value)\""
        case .boolean(let value): return String(value)
        }
    }
}

/// The parameters of one stage after validation: every declared parameter has a value (given or default).
public struct ParameterValues: Sendable {
    private var values: [String: ParameterValue]

    init(_ values: [String: ParameterValue]) {
        self.values = values
    }

    /// The integer parameter `name`; throws when the operator did not declare it as an integer.
    public func integer(_ name: String) throws(ParameterError) -> Int {
        guard case .integer(let value)? = values[name] else { throw ParameterError(name: name, expected: "integer") }
        return value
    }

    /// The number parameter `name` (integers are accepted as numbers).
    public func number(_ name: String) throws(ParameterError) -> Double {
        switch values[name] {
        case .number(let value)?: return value
        case .integer(let value)?: return Double(value)
        default: throw ParameterError(name: name, expected: "number")
        }
    }

    /// The string, choice or file parameter `name`; nil when it has no default and was not given.
    public func string(_ name: String) -> String? {
        guard case .string(let value)? = values[name] else { return nil }
        return value
    }

    /// The boolean parameter `name`.
    public func boolean(_ name: String) throws(ParameterError) -> Bool {
        guard case .boolean(let value)? = values[name] else { throw ParameterError(name: name, expected: "boolean") }
        return value
    }
}

/// An operator asked for a parameter it did not declare with that type: a programming error surfaced as a spec error.
public struct ParameterError: Error, CustomStringConvertible {
    public var name: String
    public var expected: String

    public var description: String {
        "parameter \"\(name)\" is not declared as \(expected)"
    }
}
