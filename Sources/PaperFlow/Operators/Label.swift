/// `label`: labels every record from its title and abstract with the taxonomy that `taxonomy.json` declares
/// (DESIGN §5): one value per facet, in taxonomy order, a facet's default where no cue qualifies.
///
/// The taxonomy is read, checked and compiled once per run; records are labeled in parallel chunks. The stage
/// sets ``Dataset/taxonomy``.
public struct Label: RecordStage {
    public static let name = "label"
    public static let summary = "label every record with the facets and codes of a declarative taxonomy"
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("taxonomy", .file, default: nil, "the taxonomy file (see the taxonomy.json reference in README.md)"),
    ]
    public static let placement = StagePlacement(after: ["dedup-title"])

    let labeler: Labeler

    /// Reads and compiles the taxonomy; throws ``SpecError`` when it is invalid.
    public init(parameters: ParameterValues, spec: PipelineSpec) throws {
        guard let file = parameters.string("taxonomy") else { throw ParameterError(name: "taxonomy", expected: "file path") }
        labeler = Labeler(taxonomy: try Taxonomy.load(path: spec.resolve(file), file: file))
    }

    /// The taxonomy's own problems, with their JSON paths inside the taxonomy file.
    public static func validate(_ parameters: ParameterValues, spec: PipelineSpec) -> [SpecIssue] {
        guard let file = parameters.string("taxonomy") else { return [] }
        do {
            _ = try Taxonomy.load(path: spec.resolve(file), file: file)
            return []
        } catch {
            return error.issues
        }
    }

    /// Labels every record in parallel chunks and records the taxonomy on the dataset.
    public func run(_ dataset: inout Dataset, context: RunContext) throws {
        let labeler = self.labeler
        // Labeling costs tens of microseconds per record: smaller chunks keep every thread busy on small runs.
        _ = context.executor.updateChunks(&dataset.records, chunkSize: max(1, context.chunkSize / 8)) { _, records in
            for index in records.indices {
                records[index].labels = labeler.labels(title: records[index].title, abstract: records[index].abstract)
            }
        }
        dataset.taxonomy = labeler.taxonomy
    }
}
