/// The dataset card `README.md`: a Hugging Face YAML header (license, pretty_name, configs,
/// dataset_info.features) and load snippets for pandas, DuckDB, polars and `datasets` that get
/// the types right (`arxiv_id` stays a string).
public enum DatasetCard {
    /// The card of a release of `recordCount` records in `shardCount` shards.
    public static func markdown(spec: PipelineSpec, version: String, recordCount: Int, shardCount: Int) -> String {
        var yaml = "---\n"
        yaml += "license: " + quoted(spec.release.license) + "\n"
        yaml += "pretty_name: " + quoted(spec.name) + "\n"
        yaml += "configs:\n- config_name: default\n  data_files:\n  - split: train\n    path: \"data/train-*.jsonl.gz\"\n"
        yaml += "dataset_info:\n  features:\n"
        for field in RecordSchema.fields { yaml += feature(field, indent: "  ") }
        yaml += "  splits:\n  - name: train\n    num_examples: \(recordCount)\n"
        yaml += "---\n\n"
        return yaml + body(spec: spec, version: version, recordCount: recordCount, shardCount: shardCount)
    }

    /// A YAML double-quoted scalar (JSON string syntax, which YAML accepts).
    static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        JSONWriter.appendString(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One entry of `dataset_info.features` in the Hugging Face card format.
    static func feature(_ field: RecordSchema.Field, indent: String) -> String {
        let head = indent + "- name: " + field.name + "\n"
        switch field.type {
        case .string, .date: return head + indent + "  dtype: string\n"
        case .integer: return head + indent + "  dtype: int64\n"
        case .boolean: return head + indent + "  dtype: bool\n"
        case .array(.object(let fields)):
            return head + indent + "  list:\n" + fields.map { feature($0, indent: indent + "  ") }.joined()
        case .array(let element):
            return head + indent + "  sequence: " + (element == .integer ? "int64" : "string") + "\n"
        case .object(let fields):
            return head + indent + "  struct:\n" + fields.map { feature($0, indent: indent + "  ") }.joined()
        }
    }

    static func body(spec: PipelineSpec, version: String, recordCount: Int, shardCount: Int) -> String {
        let rows = RecordSchema.fields.map { "| `\($0.name)` | \(typeText($0)) | \($0.summary) |" }.joined(separator: "\n")
        return """
        # \(spec.name)

        Release `\(version)`: \(recordCount) deduplicated paper records in \(shardCount) gzip JSON Lines \
        shard\(shardCount == 1 ? "" : "s") (`data/train-*.jsonl.gz`), built by paperflow \(Versions.paperflow) \
        from scraped pages that list ML papers (Hugging Face papers pages, arXiv listings and API feeds, text dumps).

        Every line holds every key below, in this order; a missing value is an explicit `null`. Records are sorted by `id`.
        `id` is `arxiv:<arxiv_id>` when the arXiv id is known, else `title:<first 16 hex of title_hash>`: when a paper
        gains an arXiv id its `id` changes, and `title_hash` is the key that stays.

        | key | type | meaning |
        |---|---|---|
        \(rows)

        Files beside the data: `schema.json` (JSON Schema of one record, `schema_version` \(Versions.recordSchema)),
        `croissant.json` (Croissant 1.0), `manifest.json` (versions, digests, counts), `stats.json` (counters),
        `rejects.jsonl.gz` (inputs that could not be read, with reasons), `diff.json` (changes since the previous release)
        and `SHA256SUMS` (`sha256sum -c SHA256SUMS`).

        ## Load it

        Always read `arxiv_id` as a string: `"2310.01230"` is not a number.

        pandas:

        ```python
        import glob
        import pandas as pd

        dtypes = {\(pandasTypes)}
        df = pd.concat(
            [pd.read_json(path, lines=True, dtype=dtypes, convert_dates=False) for path in sorted(glob.glob("data/train-*.jsonl.gz"))],
            ignore_index=True,
        )
        ```

        DuckDB:

        ```python
        import duckdb

        df = duckdb.sql(\"\"\"
            SELECT * FROM read_json('data/train-*.jsonl.gz', format = 'newline_delimited', compression = 'gzip',
                columns = {\(duckDBColumns)})
        \"\"\").df()
        ```

        polars:

        ```python
        import glob, gzip
        import polars as pl

        schema = {\(polarsSchema)}
        df = pl.concat([pl.read_ndjson(gzip.open(path).read(), schema=schema) for path in sorted(glob.glob("data/train-*.jsonl.gz"))])
        ```

        Hugging Face `datasets`:

        ```python
        from datasets import load_dataset

        ds = load_dataset("json", data_files="data/train-*.jsonl.gz", split="train", features=FEATURES)
        ```

        with `FEATURES` built from the `dataset_info.features` above:

        ```python
        from datasets import Features, Sequence, Value

        FEATURES = Features({\(datasetsFeatures)})
        ```

        License: \(spec.release.license).

        """
    }

    static func typeText(_ field: RecordSchema.Field) -> String {
        func name(_ type: RecordSchema.FieldType) -> String {
            switch type {
            case .string: return "string"
            case .integer: return "integer"
            case .boolean: return "boolean"
            case .date: return "date string"
            case .array(let element): return "array of " + name(element)
            case .object: return "object"
            }
        }
        return name(field.type) + (field.nullable ? " or null" : "")
    }

    /// pandas dtypes: nullable integers and strings for the scalar columns.
    static var pandasTypes: String {
        RecordSchema.fields.compactMap { field -> String? in
            switch field.type {
            case .string, .date: return "\"\(field.name)\": \"string\""
            case .integer: return "\"\(field.name)\": \"Int64\""
            case .boolean: return "\"\(field.name)\": \"boolean\""
            default: return nil
            }
        }.joined(separator: ", ")
    }

    static func duckDBType(_ type: RecordSchema.FieldType) -> String {
        switch type {
        case .string: return "VARCHAR"
        case .date: return "DATE"
        case .integer: return "BIGINT"
        case .boolean: return "BOOLEAN"
        case .array(let element): return duckDBType(element) + "[]"
        case .object(let fields): return "STRUCT(" + fields.map { $0.name + " " + duckDBType($0.type) }.joined(separator: ", ") + ")"
        }
    }

    static var duckDBColumns: String {
        RecordSchema.fields.map { "'\($0.name)': '\(duckDBType($0.type))'" }.joined(separator: ", ")
    }

    static func polarsType(_ type: RecordSchema.FieldType) -> String {
        switch type {
        case .string, .date: return "pl.String"
        case .integer: return "pl.Int64"
        case .boolean: return "pl.Boolean"
        case .array(let element): return "pl.List(" + polarsType(element) + ")"
        case .object(let fields):
            return "pl.Struct({" + fields.map { "\"\($0.name)\": " + polarsType($0.type) }.joined(separator: ", ") + "})"
        }
    }

    static var polarsSchema: String {
        RecordSchema.fields.map { "\"\($0.name)\": " + polarsType($0.type) }.joined(separator: ", ")
    }

    static func datasetsType(_ type: RecordSchema.FieldType) -> String {
        switch type {
        case .string, .date: return "Value(\"string\")"
        case .integer: return "Value(\"int64\")"
        case .boolean: return "Value(\"bool\")"
        case .array(.object(let fields)):
            return "[{" + fields.map { "\"\($0.name)\": " + datasetsType($0.type) }.joined(separator: ", ") + "}]"
        case .array(let element): return "Sequence(" + datasetsType(element) + ")"
        case .object(let fields):
            return "{" + fields.map { "\"\($0.name)\": " + datasetsType($0.type) }.joined(separator: ", ") + "}"
        }
    }

    static var datasetsFeatures: String {
        RecordSchema.fields.map { "\"\($0.name)\": " + datasetsType($0.type) }.joined(separator: ", ")
    }
}
