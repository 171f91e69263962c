/// Where a stage may stand in a pipeline.
public struct StagePlacement: Sendable {
    /// The stage must be the first one.
    public var first = false
    /// The stage must be the last one.
    public var last = false
    /// Every pipeline must have this stage.
    public var required = false
    /// Operators that must run before this one.
    public var after: [String] = []

    public init(first: Bool = false, last: Bool = false, required: Bool = false, after: [String] = []) {
        self.first = first
        self.last = last
        self.required = required
        self.after = after
    }
}

/// A pipeline stage: one operator per file, found by its spec name in ``OperatorRegistry``.
///
/// Most operators are ``RecordStage``s. `dedup-title` is the pipeline's barrier (it needs every record
/// of the run) and `write` its sink; the runner drives those two through their own methods. Operators
/// never start threads themselves: parallel work goes through `context.executor`, so output never
/// depends on `--jobs`.
public protocol PipelineOperator: Sendable {
    /// The name used in `pipeline.json` (`"op": "dedup-title"`).
    static var name: String { get }
    /// One line for `paperflow operators`.
    static var summary: String { get }
    /// Declared parameters with their defaults.
    static var parameters: [ParameterSpec] { get }
    /// Ordering rules that `validate` enforces.
    static var placement: StagePlacement { get }

    /// Checks what the parameter declarations cannot, such as the content of a file a parameter names.
    /// The spec loader calls it once the spec is read, so `validate` reports these issues with the others.
    static func validate(_ parameters: ParameterValues, spec: PipelineSpec) -> [SpecIssue]

    /// Builds the stage from validated parameters.
    init(parameters: ParameterValues, spec: PipelineSpec) throws
}

/// An operator that works on one batch of records at a time: a batch of inputs before `dedup-title`,
/// a chunk of merged papers after it. Its output for a batch never depends on other batches.
public protocol RecordStage: PipelineOperator {
    /// Runs the stage over one batch.
    func run(_ batch: inout Dataset, context: RunContext) throws
}

extension PipelineOperator {
    /// No checks beyond the parameter declarations.
    public static func validate(_ parameters: ParameterValues, spec: PipelineSpec) -> [SpecIssue] { [] }
}

/// Every operator paperflow knows, in the order `paperflow operators` lists them.
public enum OperatorRegistry {
    public static let all: [any PipelineOperator.Type] = [
        Extract.self,
        Normalize.self,
        DedupTitle.self,
        Label.self,
        Write.self,
    ]

    /// The operator named `name`, if any.
    public static func named(_ name: String) -> (any PipelineOperator.Type)? {
        all.first { $0.name == name }
    }

    /// The known names, for error messages.
    public static var names: [String] { all.map { $0.name } }
}
