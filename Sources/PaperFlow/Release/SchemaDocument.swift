/// `schema.json`: the JSON Schema (2020-12) of one record, generated from ``RecordSchema``.
public enum SchemaDocument {
    /// The schema document for a dataset named `name`.
    public static func json(datasetName name: String) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("title", .string(name + " record")),
            ("schema_version", .string(Versions.recordSchema)),
        ]
        members += object(RecordSchema.fields)
        return .object(pairs: members)
    }

    private static func object(_ fields: [RecordSchema.Field]) -> [(String, JSONValue)] {
        [
            ("type", .string("object")),
            ("additionalProperties", .bool(false)),
            ("required", .array(fields.map { .string($0.name) })),
            ("properties", .object(pairs: fields.map { ($0.name, property($0)) })),
        ]
    }

    private static func property(_ field: RecordSchema.Field) -> JSONValue {
        var members = [("description", JSONValue.string(field.summary))]
        members += schema(field.type, nullable: field.nullable)
        return .object(pairs: members)
    }

    private static func schema(_ type: RecordSchema.FieldType, nullable: Bool) -> [(String, JSONValue)] {
        func typeName(_ name: String) -> (String, JSONValue) {
            ("type", nullable ? .array([.string(name), .string("null")]) : .string(name))
        }
        switch type {
        case .string:
            return [typeName("string")]
        case .integer:
            return [typeName("integer")]
        case .boolean:
            return [typeName("boolean")]
        case .date:
            return [typeName("string"), ("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
        case .array(let element):
            return [typeName("array"), ("items", .object(pairs: schema(element, nullable: false)))]
        case .object(let fields):
            var members = object(fields)
            members[0] = typeName("object")
            return members
        }
    }
}
