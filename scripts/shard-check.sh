#!/usr/bin/env bash
# The sharded run without a scheduler: publishes the same pipeline once on one machine and once as N
# `paperflow run --shard I/N` processes started together plus `paperflow merge`, into two fresh release
# directories, prints both wall times and checks that the two releases are the same bytes.
# Exit 0 when they are, 1 when not (or a run failed), 2 on bad usage.
set -euo pipefail

usage() {
    cat <<'USAGE'
usage: scripts/shard-check.sh [-n N] [--pipeline FILE] [--bin PATH] [--jobs J] [--work DIR]
  -n N             shards (default 4)
  --pipeline FILE  the pipeline spec (default pipeline.json)
  --bin PATH       the paperflow binary (default .build/release/paperflow)
  --jobs J         threads of each shard process (default 1); the one-machine run and the merge use all cores
  --work DIR       where the two release directories go, emptied first (default .build/shard-check)
USAGE
}

say() { printf 'shard-check: %s\n' "$*"; }
usage_error() { printf 'shard-check: %s\n' "$*" >&2; usage >&2; exit 2; }

shard_count=4
pipeline=pipeline.json
binary=.build/release/paperflow
jobs=1
work=.build/shard-check
while (($#)); do
    case $1 in
        -n) shard_count=${2:-}; shift 2 || usage_error "-n needs a value" ;;
        --pipeline) pipeline=${2:-}; shift 2 || usage_error "--pipeline needs a value" ;;
        --bin) binary=${2:-}; shift 2 || usage_error "--bin needs a value" ;;
        --jobs) jobs=${2:-}; shift 2 || usage_error "--jobs needs a value" ;;
        --work) work=${2:-}; shift 2 || usage_error "--work needs a value" ;;
        -h | --help) usage; exit 0 ;;
        *) usage_error "unknown option '$1'" ;;
    esac
done
[[ $shard_count =~ ^[1-9][0-9]*$ ]] || usage_error "-n must be a whole number of at least 1, not '$shard_count'"
[[ $jobs =~ ^[1-9][0-9]*$ ]] || usage_error "--jobs must be a whole number of at least 1, not '$jobs'"
[[ -x $binary ]] || { say "no paperflow binary at $binary: run 'make build' first" >&2; exit 1; }

work=$(mkdir -p "$work" && cd "$work" && pwd)
one="$work/one-machine"
sharded="$work/$shard_count-shards"
rm -rf "$one" "$sharded" "$work/logs"
mkdir -p "$work/logs"
now() { date +%s.%N; }
since() { awk -v start="$1" -v end="$(now)" 'BEGIN { printf "%.2f", end - start }'; }

start=$(now)
"$binary" run "$pipeline" --release-dir "$one" 2>"$work/logs/one-machine.log" ||
    { cat "$work/logs/one-machine.log" >&2; say "the one-machine run failed"; exit 1; }
one_seconds=$(since "$start")
say "one machine: $one_seconds s"

start=$(now)
pids=()
for ((shard = 0; shard < shard_count; shard++)); do
    "$binary" run "$pipeline" --shard "$shard/$shard_count" --jobs "$jobs" --release-dir "$sharded" \
        2>"$work/logs/shard-$shard.log" &
    pids+=($!)
done
failed=0
for ((shard = 0; shard < shard_count; shard++)); do
    if wait "${pids[$shard]}"; then
        say "  $(grep -m1 '^shard ' "$work/logs/shard-$shard.log" || echo "shard $shard done")"
    else
        failed=1
        say "shard $shard/$shard_count failed:" >&2
        tail -n 20 "$work/logs/shard-$shard.log" >&2
    fi
done
((failed == 0)) || exit 1
shards_seconds=$(since "$start")
start=$(now)
"$binary" merge "$pipeline" --release-dir "$sharded" 2>"$work/logs/merge.log" ||
    { cat "$work/logs/merge.log" >&2; say "the merge failed"; exit 1; }
merge_seconds=$(since "$start")
say "$shard_count shards: $shards_seconds s, then merge: $merge_seconds s"

version=$(readlink "$one/latest")
[[ $(readlink "$sharded/latest") == "$version" ]] ||
    { say "different versions: $version and $(readlink "$sharded/latest")" >&2; exit 1; }
if ! diff -r "$one/$version" "$sharded/$version" >&2; then
    say "the $shard_count-shard release differs from the one-machine release" >&2
    exit 1
fi
say "same release $version: $(find "$one/$version" -type f | wc -l) files identical byte for byte"
