#!/usr/bin/env bash
# Publish a paperflow release on Slurm: a job array runs `paperflow run --shard I/N` (task I is shard I),
# then a job that depends on the whole array (afterok) runs `paperflow merge` on the N shard directories.
# Waits for every job to end. Exit 0 when every task and the merge COMPLETED; 1 when any did not (the
# failed jobs are named with the tail of their logs, what is left is cancelled); 2 on bad usage.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: scripts/slurm-release.sh [-n N] [--pipeline FILE] [--release-dir DIR] [--bin PATH] [--jobs J]
                                [--log-dir DIR] [--sbatch-arg ARG]... [--fresh]
  -n N               shards: array tasks 0..N-1 (default 4)
  --pipeline FILE    the pipeline spec (default pipeline.json)
  --release-dir DIR  publish here instead of the spec's release.dir; a relative DIR is taken from the
                     spec's directory, as paperflow does
  --bin PATH         the paperflow binary, on a filesystem the nodes share (default .build/release/paperflow)
  --jobs J           threads per job, asked of Slurm as --cpus-per-task=J (default: the job's
                     SLURM_CPUS_PER_TASK, else 1)
  --log-dir DIR      where the jobs write shard-<I>.log and merge.log (default out/slurm-logs/<UTC time>)
  --sbatch-arg ARG   one more sbatch option for every job, e.g. --sbatch-arg=--partition=long (repeatable);
                     SBATCH_EXTRA adds more, split on spaces
  --fresh            remove <release dir>/.shards first: the shards an earlier failed run left, which
                     paperflow refuses once the inputs or the spec changed (no other sharded run may be
                     using the release directory)
Other relative paths are taken from the current directory; the jobs run in the repository.
EOF
}

log_tail_lines=50
poll_seconds=2
# How long a merge may stay pending after a shard failed before this script cancels it itself
# (Slurm does it first when --kill-on-invalid-dep or kill_invalid_depend is honoured).
orphan_merge_grace_seconds=30

say() { printf 'slurm-release: %s\n' "$*"; }
usage_error() { printf 'slurm-release: %s\n' "$*" >&2; usage >&2; exit 2; }
fail() { printf 'slurm-release: %s\n' "$*" >&2; exit 1; }

repository=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shard_count=4
pipeline=pipeline.json
release_dir=""
binary=.build/release/paperflow
jobs=""
log_dir=""
sbatch_args=()
fresh=0
read -r -a extra_args <<<"${SBATCH_EXTRA:-}"
sbatch_args+=("${extra_args[@]}")

while (($#)); do
    case $1 in
        -n) shard_count=${2:-}; shift 2 || usage_error "-n needs a value" ;;
        --pipeline) pipeline=${2:-}; shift 2 || usage_error "--pipeline needs a value" ;;
        --release-dir) release_dir=${2:-}; shift 2 || usage_error "--release-dir needs a value" ;;
        --bin) binary=${2:-}; shift 2 || usage_error "--bin needs a value" ;;
        --jobs) jobs=${2:-}; shift 2 || usage_error "--jobs needs a value" ;;
        --log-dir) log_dir=${2:-}; shift 2 || usage_error "--log-dir needs a value" ;;
        --sbatch-arg) sbatch_args+=("${2:-}"); shift 2 || usage_error "--sbatch-arg needs a value" ;;
        --sbatch-arg=*) sbatch_args+=("${1#--sbatch-arg=}"); shift ;;
        --fresh) fresh=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage_error "unknown option '$1'" ;;
    esac
done

[[ $shard_count =~ ^[1-9][0-9]*$ ]] || usage_error "-n must be a whole number of at least 1, not '$shard_count'"
[[ -z $jobs || $jobs =~ ^[1-9][0-9]*$ ]] || usage_error "--jobs must be a whole number of at least 1, not '$jobs'"
command -v sbatch >/dev/null || fail "sbatch not found: run this on a Slurm submit host"

absolute() { if [[ $1 == /* ]]; then printf '%s\n' "$1"; else printf '%s/%s\n' "$PWD" "$1"; fi; }

pipeline=$(absolute "$pipeline")
binary=$(absolute "$binary")
[[ -f $pipeline ]] || usage_error "no pipeline spec at $pipeline"
[[ -x $binary ]] || fail "no paperflow binary at $binary: run 'make build' first, or give --bin"
spec_directory=$(dirname "$pipeline")
if [[ -z $release_dir ]]; then
    command -v python3 >/dev/null || fail "python3 is needed to read release.dir from $pipeline; or give --release-dir"
    release_dir=$(python3 -c 'import json, sys
spec = json.load(open(sys.argv[1]))
print(spec.get("release", {}).get("dir") or "out/" + spec["name"])' "$pipeline") ||
        fail "cannot read release.dir from $pipeline (try '$binary validate $pipeline')"
fi
[[ $release_dir == /* ]] || release_dir="$spec_directory/$release_dir"
if ((fresh)); then
    rm -rf -- "$release_dir/.shards"
    say "removed $release_dir/.shards (--fresh)"
fi
if [[ -z $log_dir ]]; then
    log_dir=out/slurm-logs/$(date -u +%Y%m%dT%H%M%SZ)
    [[ ! -e $log_dir ]] || log_dir+="-$$"
fi
log_dir=$(absolute "$log_dir")
mkdir -p "$log_dir"

common_args=(--chdir="$repository")
if [[ -n $jobs ]]; then common_args+=(--cpus-per-task="$jobs"); fi
shard_dirs=()
for ((shard = 0; shard < shard_count; shard++)); do shard_dirs+=("$release_dir/.shards/$shard-of-$shard_count"); done

array_id=""
merge_id=""
started_at=$SECONDS

cancel_submitted() {
    local ids=()
    [[ -n $array_id ]] && ids+=("$array_id")
    [[ -n $merge_id ]] && ids+=("$merge_id")
    ((${#ids[@]})) || return 0
    scancel "${ids[@]}" || say "scancel ${ids[*]} failed"
    say "cancelled job(s) ${ids[*]}"
}
# shellcheck disable=SC2317 # run by the trap below
on_interrupt() {
    trap - INT TERM HUP
    say "interrupted"
    cancel_submitted
    exit 130
}
trap on_interrupt INT TERM HUP

# sbatch --parsable prints "<id>" or "<id>;<cluster>".
array_id=$(sbatch --parsable --job-name=paperflow-shard --array="0-$((shard_count - 1))" \
    --output="$log_dir/shard-%a.log" "${common_args[@]}" "${sbatch_args[@]}" \
    "$repository/scripts/slurm/shard.sbatch" "$binary" "$pipeline" "$shard_count" --release-dir "$release_dir") ||
    fail "submitting the shard array failed"
array_id=${array_id%%;*}
if ! merge_id=$(sbatch --parsable --job-name=paperflow-merge \
    --dependency="afterok:$array_id" --kill-on-invalid-dep=yes \
    --output="$log_dir/merge.log" "${common_args[@]}" "${sbatch_args[@]}" \
    "$repository/scripts/slurm/merge.sbatch" "$binary" "$pipeline" --release-dir "$release_dir" "${shard_dirs[@]}"); then
    merge_id=""
    cancel_submitted
    fail "submitting the merge job failed"
fi
merge_id=${merge_id%%;*}
say "submitted shards: job array $array_id (tasks 0-$((shard_count - 1))); merge: job $merge_id (afterok:$array_id)"
say "release dir $release_dir; logs in $log_dir"

is_terminal() {
    case $1 in
        COMPLETED | FAILED | CANCELLED | TIMEOUT | NODE_FAIL | PREEMPTED | OUT_OF_MEMORY | BOOT_FAIL | DEADLINE | \
            SPECIAL_EXIT | REVOKED | UNKNOWN) return 0 ;;
        *) return 1 ;;
    esac
}

# The value of field $2 in the one-line `scontrol show job -o` record $1.
field() {
    if [[ " $1" =~ \ $2=([^ ]*) ]]; then printf '%s\n' "${BASH_REMATCH[1]}"; fi
}

# Lines "<task> <state> <reason>" of job $1: one per array task (pending tasks as a range such as 2-3),
# task "-" for a job that is no array. A job that slurmctld no longer shows is asked of sacct when there
# is one, else reported as "- UNKNOWN".
job_records() {
    local output line task
    if output=$(scontrol show job -o "$1" 2>&1); then
        while IFS= read -r line; do
            [[ -n $line ]] || continue
            task=$(field "$line" ArrayTaskId)
            printf '%s %s %s\n' "${task:--}" "$(field "$line" JobState)" "$(field "$line" Reason)"
        done <<<"$output"
    elif [[ $output == *"Invalid job id"* ]]; then
        if command -v sacct >/dev/null && output=$(sacct -n -P -X -j "$1" -o JobID,State 2>/dev/null) && [[ -n $output ]]; then
            while IFS='|' read -r task state; do
                task=${task#"$1"}
                task=${task#_}
                printf '%s %s sacct\n' "${task:--}" "${state%% *}"
            done <<<"$output"
        else
            printf '%s UNKNOWN gone-from-slurmctld\n' "$1"
        fi
    else
        return 1
    fi
}

declare -A task_state=() task_reason=()
merge_state=PENDING
merge_reason=""
array_done_at=""
merge_cancel_requested=false

refresh_states() {
    local records task state reason
    if records=$(job_records "$array_id"); then
        while read -r task state reason; do
            if [[ $task =~ ^[0-9]+$ ]]; then
                task_state[$task]=$state
                task_reason[$task]=$reason
            elif [[ $task == - && $state == UNKNOWN ]]; then
                for ((shard = 0; shard < shard_count; shard++)); do
                    if ! is_terminal "${task_state[$shard]:-PENDING}"; then
                        task_state[$shard]=UNKNOWN
                        task_reason[$shard]=$reason
                    fi
                done
            fi
        done <<<"$records"
    fi
    if records=$(job_records "$merge_id"); then
        read -r _ merge_state merge_reason <<<"$records"
    fi
}

array_is_done() {
    for ((shard = 0; shard < shard_count; shard++)); do
        is_terminal "${task_state[$shard]:-PENDING}" || return 1
    done
}

failed_shards() {
    for ((shard = 0; shard < shard_count; shard++)); do
        [[ ${task_state[$shard]:-PENDING} == COMPLETED ]] || printf '%s\n' "$shard"
    done
}

progress_line() {
    local counts
    counts=$(for ((shard = 0; shard < shard_count; shard++)); do printf '%s\n' "${task_state[$shard]:-PENDING}"; done |
        sort | uniq -c | awk '{ printf "%s%d %s", (NR > 1 ? ", " : ""), $1, $2 }')
    printf 'shards: %s; merge: %s' "$counts" "$merge_state"
}

last_progress=""
while :; do
    refresh_states
    progress=$(progress_line)
    if [[ $progress != "$last_progress" ]]; then
        say "$progress ($((SECONDS - started_at)) s)"
        last_progress=$progress
    fi
    if array_is_done; then
        is_terminal "$merge_state" && break
        if [[ -n $(failed_shards) ]]; then
            array_done_at=${array_done_at:-$SECONDS}
            if ! $merge_cancel_requested && { [[ $merge_reason == DependencyNeverSatisfied ]] ||
                ((SECONDS - array_done_at >= orphan_merge_grace_seconds)); }; then
                say "merge job $merge_id can never start (${merge_reason:-no reason given}): cancelling it"
                scancel "$merge_id" || say "scancel $merge_id failed"
                merge_cancel_requested=true
            fi
        fi
    fi
    sleep "$poll_seconds"
done
trap - INT TERM HUP

elapsed=$((SECONDS - started_at))
if [[ $merge_state == COMPLETED && -z $(failed_shards) ]]; then
    say "ok: $shard_count shards and the merge COMPLETED in $elapsed s; latest -> $(readlink "$release_dir/latest" || printf '?')"
    exit 0
fi

print_log_tail() {
    if [[ -f $1 ]]; then
        printf -- '----- last %d lines of %s -----\n' "$log_tail_lines" "$1"
        tail -n "$log_tail_lines" "$1"
        printf -- '----- end of %s -----\n' "$1"
    else
        printf -- '----- no log at %s (the job never started) -----\n' "$1"
    fi
}

{
    failed=$(failed_shards)
    for shard in $failed; do
        say "shard $shard (job ${array_id}_$shard) ${task_state[$shard]} (${task_reason[$shard]:-no reason given})"
        print_log_tail "$log_dir/shard-$shard.log"
    done
    say "merge (job $merge_id) $merge_state (${merge_reason:-no reason given})"
    [[ $merge_state == COMPLETED ]] || [[ -n $failed ]] || print_log_tail "$log_dir/merge.log"
    if [[ -n $failed ]]; then
        say "FAILED after $elapsed s: shard(s) ${failed//$'\n'/, } did not complete; the merge did not publish"
    else
        say "FAILED after $elapsed s: the merge did not complete"
    fi
} >&2
exit 1
