/// `croissant.json`: Croissant 1.0 metadata (JSON-LD) for the release: one FileObject per shard
/// with its SHA-256, a FileSet over the shards, and a RecordSet generated from ``RecordSchema``.
public enum CroissantDocument {
    /// A shard as Croissant lists it.
    public struct Shard: Sendable {
        public var path: String
        public var sha256: String
    }

    /// The Croissant document of a release.
    public static func json(spec: PipelineSpec, version: String, shards: [Shard]) -> JSONValue {
        .object([
            "@context": context,
            "@type": .string("sc:Dataset"),
            "conformsTo": .string("http://mlcommons.org/croissant/1.0"),
            "name": .string(spec.name),
            "description": .string("Deduplicated, normalized paper records extracted from pages that list ML papers, built by paperflow."),
            "license": .string(spec.release.license),
            "url": .string("README.md"),
            "version": .string(version),
            "distribution": .array(shards.map { shard in
                .object([
                    "@type": .string("cr:FileObject"),
                    "@id": .string(shard.path),
                    "name": .string(shard.path),
                    "contentUrl": .string(shard.path),
                    "encodingFormat": .string("application/jsonlines"),
                    "sha256": .string(shard.sha256),
                ])
            } + [
                .object([
                    "@type": .string("cr:FileSet"),
                    "@id": .string("shards"),
                    "name": .string("shards"),
                    "encodingFormat": .string("application/jsonlines"),
                    "includes": .string("data/train-*.jsonl.gz"),
                ]),
            ]),
            "recordSet": .array([
                .object([
                    "@type": .string("cr:RecordSet"),
                    "@id": .string("records"),
                    "name": .string("records"),
                    "key": .object(["@id": .string("records/id")]),
                    "field": .array(RecordSchema.fields.map { field($0, parent: "records", column: $0.name) }),
                ]),
            ]),
        ])
    }

    static func field(_ field: RecordSchema.Field, parent: String, column: String) -> JSONValue {
        let id = parent + "/" + field.name
        var members: [(String, JSONValue)] = [
            ("@type", .string("cr:Field")),
            ("@id", .string(id)),
            ("name", .string(field.name)),
            ("description", .string(field.summary)),
        ]
        var element = field.type
        if case .array(let inner) = field.type {
            members.append(("repeated", .bool(true)))
            element = inner
        }
        if case .object(let subFields) = element {
            members.append(("subField", .array(subFields.map { self.field($0, parent: id, column: column + "." + $0.name) })))
        } else {
            members.append(("dataType", .string(dataType(element))))
        }
        members.append(("source", .object([
            "fileSet": .object(["@id": .string("shards")]),
            "extract": .object(["column": .string(column)]),
        ])))
        return .object(pairs: members)
    }

    static func dataType(_ type: RecordSchema.FieldType) -> String {
        switch type {
        case .integer: return "sc:Integer"
        case .boolean: return "sc:Boolean"
        case .string, .date, .array, .object: return "sc:Text"
        }
    }

    static let context: JSONValue = .object([
        "@language": .string("en"),
        "@vocab": .string("https://schema.org/"),
        "citeAs": .string("cr:citeAs"),
        "column": .string("cr:column"),
        "conformsTo": .string("dct:conformsTo"),
        "cr": .string("http://mlcommons.org/croissant/"),
        "rai": .string("http://mlcommons.org/croissant/RAI/"),
        "data": .object(["@id": .string("cr:data"), "@type": .string("@json")]),
        "dataType": .object(["@id": .string("cr:dataType"), "@type": .string("@vocab")]),
        "dct": .string("http://purl.org/dc/terms/"),
        "examples": .object(["@id": .string("cr:examples"), "@type": .string("@json")]),
        "extract": .string("cr:extract"),
        "field": .string("cr:field"),
        "fileProperty": .string("cr:fileProperty"),
        "fileObject": .string("cr:fileObject"),
        "fileSet": .string("cr:fileSet"),
        "format": .string("cr:format"),
        "includes": .string("cr:includes"),
        "isLiveDataset": .string("cr:isLiveDataset"),
        "jsonPath": .string("cr:jsonPath"),
        "key": .string("cr:key"),
        "md5": .string("cr:md5"),
        "parentField": .string("cr:parentField"),
        "path": .string("cr:path"),
        "recordSet": .string("cr:recordSet"),
        "references": .string("cr:references"),
        "regex": .string("cr:regex"),
        "repeated": .string("cr:repeated"),
        "replace": .string("cr:replace"),
        "sc": .string("https://schema.org/"),
        "separator": .string("cr:separator"),
        "source": .string("cr:source"),
        "subField": .string("cr:subField"),
        "transform": .string("cr:transform"),
    ])
}
