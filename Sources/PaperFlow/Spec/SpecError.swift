/// One problem found in a pipeline spec: the file, the JSON path, and what would be valid.
public struct SpecIssue: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var path: String
    public var message: String

    public init(file: String, path: String, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    /// `pipeline.json: stages[2].op: unknown operator "dedupe" (known: extract, …)`
    public var description: String {
        path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)"
    }
}

/// A spec that cannot run; every issue found is listed, not just the first.
public struct SpecError: Error, CustomStringConvertible {
    public var issues: [SpecIssue]

    public init(issues: [SpecIssue]) {
        self.issues = issues
    }

    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}

/// Collects spec issues while a spec is read, so that one pass reports all of them.
struct SpecDiagnostics {
    let file: String
    private(set) var issues: [SpecIssue] = []

    init(file: String) {
        self.file = file
    }

    mutating func report(_ path: JSONPath, _ message: String) {
        issues.append(SpecIssue(file: file, path: path.description, message: message))
    }
}

/// A path into a JSON document: `stages[2].params.level`.
struct JSONPath: CustomStringConvertible, Sendable {
    private var text: String

    static let root = JSONPath(text: "")

    private init(text: String) {
        self.text = text
    }

    func key(_ name: String) -> JSONPath {
        JSONPath(text: text.isEmpty ? name : text + "." + name)
    }

    func index(_ index: Int) -> JSONPath {
        JSONPath(text: text + "[\(index)]")
    }

    var description: String { text }
}
