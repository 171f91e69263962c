#!/usr/bin/env python3
"""Loader check: load a paperflow release exactly as its dataset card (README.md) says, with
pandas, DuckDB, polars and Hugging Face datasets; check row counts and column types; validate
every record against schema.json; and run `mlcroissant validate` on croissant.json.

Usage: loader_check.py RELEASE_DIR [--parts pandas,duckdb,polars,datasets,schema,croissant]
Exit status 0 when every selected part passes, 1 otherwise.
"""
import argparse
import glob
import gzip
import json
import os
import re
import subprocess
import sys

ALL_PARTS = ["pandas", "duckdb", "polars", "datasets", "schema", "croissant"]


def snippets(card):
    """The python code blocks of the card, keyed by the loader named in the line before each block."""
    blocks = {}
    for match in re.finditer(r"(?m)^([^\n]*):\n\n```python\n(.*?)```", card, re.S):
        label = match.group(1).lower()
        for name in ["pandas", "duckdb", "polars", "datasets"]:
            if label.startswith(name) or label.startswith("hugging face `" + name):
                blocks[name] = match.group(2)
        if label.startswith("with `features`"):
            blocks["features"] = match.group(2)
    return blocks


def run_snippet(code, release):
    scope = {}
    cwd = os.getcwd()
    os.chdir(release)
    try:
        exec(compile(code, "README.md snippet", "exec"), scope)
    finally:
        os.chdir(cwd)
    return scope


def expect(condition, message, failures):
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("release")
    parser.add_argument("--parts", default=",".join(ALL_PARTS))
    args = parser.parse_args()
    release = os.path.realpath(args.release)
    parts = [p for p in args.parts.split(",") if p]
    manifest = json.load(open(os.path.join(release, "manifest.json")))
    records = manifest["records"]
    card = open(os.path.join(release, "README.md"), encoding="utf-8").read()
    blocks = snippets(card)
    failures = []
    lines = []
    for path in sorted(glob.glob(os.path.join(release, "data", "train-*.jsonl.gz"))):
        lines += [json.loads(line) for line in gzip.open(path, "rt", encoding="utf-8")]
    expect(len(lines) == records, f"{len(lines)} lines in the shards, manifest says {records}", failures)
    integer_keys = [k for k, v in json.load(open(os.path.join(release, "schema.json")))["properties"].items()
                    if "integer" in (v["type"] if isinstance(v["type"], list) else [v["type"]])]

    if "pandas" in parts:
        df = run_snippet(blocks["pandas"], release)["df"]
        expect(len(df) == records, f"pandas: {len(df)} rows", failures)
        expect(str(df["arxiv_id"].dtype).startswith("str") or str(df["arxiv_id"].dtype) == "string",
               f"pandas: arxiv_id dtype {df['arxiv_id'].dtype}", failures)
        for key in integer_keys:
            expect(str(df[key].dtype) == "Int64", f"pandas: {key} dtype {df[key].dtype}", failures)
        expect(list(df.columns) == list(lines[0].keys()), "pandas: columns in record order", failures)

    if "duckdb" in parts:
        scope = run_snippet(blocks["duckdb"], release)
        df = scope["df"]
        expect(len(df) == records, f"duckdb: {len(df)} rows", failures)
        import duckdb
        query = blocks["duckdb"].split('duckdb.sql("""', 1)[1].split('""")', 1)[0].strip()
        cwd = os.getcwd()
        os.chdir(release)
        try:
            types = {row[0]: row[1] for row in duckdb.sql("DESCRIBE " + query).fetchall()}
        finally:
            os.chdir(cwd)
        expect(types.get("arxiv_id") == "VARCHAR", f"duckdb: arxiv_id {types.get('arxiv_id')}", failures)
        for key in integer_keys:
            expect(types.get(key) == "BIGINT", f"duckdb: {key} {types.get(key)}", failures)
        if lines:
            first = df.iloc[0]
            expect(first["id"] == lines[0]["id"], "duckdb: first id matches", failures)

    if "polars" in parts:
        df = run_snippet(blocks["polars"], release)["df"]
        import polars as pl
        expect(df.height == records, f"polars: {df.height} rows", failures)
        expect(df.schema["arxiv_id"] == pl.String, f"polars: arxiv_id {df.schema['arxiv_id']}", failures)
        for key in integer_keys:
            expect(df.schema[key] == pl.Int64, f"polars: {key} {df.schema[key]}", failures)

    if "datasets" in parts:
        scope = run_snippet(blocks["features"], release)
        code = blocks["datasets"]
        scope2 = {"FEATURES": scope["FEATURES"]}
        cwd = os.getcwd()
        os.chdir(release)
        try:
            exec(compile(code, "README.md snippet", "exec"), scope2)
        finally:
            os.chdir(cwd)
        ds = scope2["ds"]
        expect(ds.num_rows == records, f"datasets: {ds.num_rows} rows", failures)
        expect(ds.features["arxiv_id"].dtype == "string", f"datasets: arxiv_id {ds.features['arxiv_id'].dtype}", failures)
        for key in integer_keys:
            expect(ds.features[key].dtype == "int64", f"datasets: {key} {ds.features[key].dtype}", failures)

    if "schema" in parts:
        import jsonschema
        schema = json.load(open(os.path.join(release, "schema.json")))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        bad = [(i, e.message) for i, line in enumerate(lines) for e in validator.iter_errors(line)]
        expect(not bad, f"schema: {len(lines)} records valid against schema.json" + (f"; first error: {bad[0]}" if bad else ""), failures)
        expect(all(list(line.keys()) == list(schema["properties"].keys()) for line in lines),
               "schema: every line has every key in schema order", failures)

    if "croissant" in parts:
        mlcroissant = os.path.join(os.path.dirname(sys.executable), "mlcroissant")
        result = subprocess.run([mlcroissant, "validate", "--jsonld", os.path.join(release, "croissant.json")],
                                capture_output=True, text=True)
        output = (result.stdout + result.stderr).strip()
        expect(result.returncode == 0, "croissant: mlcroissant validate" + ("" if result.returncode == 0 else ": " + output[-2000:]), failures)

    print(f"loader check: {len(failures)} failed" if failures else "loader check: all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
