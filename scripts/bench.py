#!/usr/bin/env python3
"""make bench: paperflow's speed and memory on a generated corpus, beside floors and the Python peers.

Generates (once, cached) a deterministic corpus with scripts/bench_corpus.py, then runs, interleaved,
`paperflow run` with each --jobs value and, when ../shared/bench/peers and PyPI are reachable, the
peers peer_lxml.py (-j 1, -j 2) and peer_datatrove.py (-j 2) on the same corpus. Each command runs
once to warm up and then --runs times; the table gives medians with min–max spread. Floors measured
in the same run: reading the files (cat), libxml2 parsing alone (xmllint), compressing the output
JSONL alone (zlib level 6, one core). Results go to .build/bench/results.json (see README).

Usage: scripts/bench.py [--size-mb 100] [--runs 5] [--jobs 1,2] [--no-peers]
"""
import argparse
import glob
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, ".build", "bench")
PEERS = os.path.join(os.path.dirname(ROOT), "shared", "bench", "peers")


def timed(command, cwd=None, env=None):
    """Runs `command`; returns (seconds, peak RSS in MiB of the process and its waited-for children, stdout)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    stdout = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return seconds, usage.ru_maxrss / 1024, stdout.decode("utf-8", "replace")


def corpus(size_mb, seed):
    path = os.path.join(BENCH, f"corpus-{size_mb:g}mb-seed{seed}")
    if not os.path.isdir(path):
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "bench_corpus.py"), path + ".tmp",
                        "--size-mb", str(size_mb), "--seed", str(seed), "--raw", os.path.join(ROOT, "data", "raw")], check=True)
        os.rename(path + ".tmp", path)
    return path


def bench_spec(corpus_dir):
    """pipeline.json with the corpus as its only input and file parameters made absolute."""
    spec = json.load(open(os.path.join(ROOT, "pipeline.json")))
    spec["input"] = {"paths": [corpus_dir]}
    for stage in spec["stages"]:
        for key, value in stage.get("params", {}).items():
            if isinstance(value, str) and os.path.exists(os.path.join(ROOT, value)):
                stage["params"][key] = os.path.join(ROOT, value)
    path = os.path.join(BENCH, "pipeline.json")
    json.dump(spec, open(path, "w"), indent=2)
    return path


def summary(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": values}


def peer_python():
    """The peers' virtual environment, created and filled on first use; None when it cannot be."""
    venv = os.path.join(BENCH, "peer-venv")
    python = os.path.join(venv, "bin", "python")
    marker = os.path.join(venv, ".installed")
    if not os.path.exists(marker):
        try:
            subprocess.run([sys.executable, "-m", "venv", venv], check=True)
            subprocess.run([python, "-m", "pip", "install", "--quiet", "-r", os.path.join(PEERS, "requirements-peer.txt")], check=True)
            open(marker, "w").close()
        except subprocess.CalledProcessError:
            return None
    return python


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=float, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "paperflow"))
    args = parser.parse_args()
    os.makedirs(BENCH, exist_ok=True)
    data = corpus(args.size_mb, args.seed)
    files = sorted(glob.glob(os.path.join(data, "*")))
    input_bytes = sum(os.path.getsize(f) for f in files)
    mb = input_bytes / 1e6
    spec = bench_spec(data)
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)

    commands = {}
    for jobs in args.jobs.split(","):
        commands[f"paperflow --jobs {jobs}"] = ("paperflow", [args.binary, "run", spec, "--jobs", jobs, "--release-dir"])
    python = None
    if not args.no_peers and os.path.isdir(PEERS):
        python = peer_python()
    if python:
        commands["peer_lxml -j 1"] = ("peer", [python, os.path.join(PEERS, "peer_lxml.py"), data, None, "-j", "1"])
        commands["peer_lxml -j 2"] = ("peer", [python, os.path.join(PEERS, "peer_lxml.py"), data, None, "-j", "2"])
        commands["peer_datatrove -j 2"] = ("peer", [python, os.path.join(PEERS, "peer_datatrove.py"), data, None, "-j", "2"])

    results = {name: {"seconds": [], "rss_mib": []} for name in commands}
    records_in = records_out = None
    stage_seconds = {}
    output_jsonl = b""
    for round_index in range(args.runs + 1):
        for name, (kind, template) in commands.items():
            out = tempfile.mkdtemp(dir=BENCH, prefix="run-")
            command = [out if part is None else part for part in template] + ([out] if kind == "paperflow" else [])
            seconds, rss, _ = timed(command, env=env)
            if round_index > 0:
                results[name]["seconds"].append(seconds)
                results[name]["rss_mib"].append(rss)
            if kind == "paperflow" and round_index == args.runs:
                release = os.path.join(out, "latest")
                manifest = json.load(open(os.path.join(release, "manifest.json")))
                records_in = manifest["stages"][0]["records_out"]
                records_out = manifest["records"]
                log = json.load(open(glob.glob(os.path.join(out, "runs", "*.json"))[0]))
                stage_seconds[name] = {s["op"]: s["seconds"] for s in log["stages"]}
                output_jsonl = b"".join(gzip.open(p).read() for p in sorted(glob.glob(os.path.join(release, "data", "*.gz"))))
            shutil.rmtree(out, ignore_errors=True)

    floors = {}
    floors["cat"] = summary([timed(["cat"] + files, env=env)[0] for _ in range(args.runs)])
    xmllint = shutil.which("xmllint")
    if xmllint:
        html = [f for f in files if not f.endswith(".xml") and open(f, "rb").read(1) == b"<"]
        xml = [f for f in files if f.endswith(".xml")]
        floors["libxml2 parse (xmllint)"] = summary([
            timed([xmllint, "--html", "--noout", "--nowarning"] + html, env=env)[0]
            + (timed([xmllint, "--noout", "--nonet"] + xml, env=env)[0] if xml else 0) for _ in range(args.runs)])
    compress = []
    for _ in range(args.runs):
        start = time.perf_counter()
        zlib.compress(output_jsonl, 6)
        compress.append(time.perf_counter() - start)
    floors["zlib -6 of the output JSONL (1 core)"] = summary(compress)

    report = {"corpus": {"path": data, "files": len(files), "bytes": input_bytes, "records_in": records_in, "records_out": records_out,
                         "output_jsonl_bytes": len(output_jsonl)},
              "runs": args.runs, "commands": {}, "floors": floors, "stage_seconds": stage_seconds, "ratios": {}}
    print(f"corpus: {len(files)} files, {mb:.1f} MB, {records_in} records in, {records_out} unique; {args.runs} runs after a warm-up; medians [min–max]")
    print(f"{'command':28} {'wall s':>18} {'MB/s':>8} {'records/s':>10} {'peak RSS MiB':>13}")
    for name, values in results.items():
        s = summary(values["seconds"])
        rss = max(values["rss_mib"])
        report["commands"][name] = {"seconds": s, "mb_per_s": mb / s["median"], "records_per_s": (records_in or 0) / s["median"], "peak_rss_mib": rss}
        print(f"{name:28} {s['median']:7.3f} [{s['min']:.3f}–{s['max']:.3f}] {mb / s['median']:8.1f} {(records_in or 0) / s['median']:10.0f} {rss:13.1f}")
    for name, f in floors.items():
        print(f"floor: {name:38} {f['median']:.3f} s ({mb / f['median']:.0f} MB/s of input)")
    for name, stages in stage_seconds.items():
        total = sum(stages.values())
        print(f"stages of {name}: " + ", ".join(f"{op} {100 * t / total:.0f}%" for op, t in stages.items()))

    def paired(a, b):
        return statistics.median([x / y for x, y in zip(results[a]["seconds"], results[b]["seconds"])])

    jobs = args.jobs.split(",")
    if "1" in jobs and "2" in jobs:
        report["ratios"]["paperflow -j2 speedup over -j1"] = paired("paperflow --jobs 1", "paperflow --jobs 2")
    if python:
        for peer, mine in [("peer_lxml -j 2", "paperflow --jobs 2"), ("peer_datatrove -j 2", "paperflow --jobs 2"),
                           ("peer_lxml -j 1", "paperflow --jobs 1")]:
            if mine in results:
                report["ratios"][f"{mine} vs {peer} (times faster)"] = paired(peer, mine)
    for name, value in report["ratios"].items():
        print(f"ratio: {name}: {value:.2f}")
    if python:
        print("note: paperflow does more than the peers: per-field merge, rejects with locations, sorted output, "
              "release metadata (manifest, schema, card, croissant, diff, checksums)")
    json.dump(report, open(os.path.join(BENCH, "results.json"), "w"), indent=2)
    print(f"results: {os.path.join(BENCH, 'results.json')}")


if __name__ == "__main__":
    main()
