#!/usr/bin/env bash
# A one-node Slurm cluster on 127.0.0.1, for CI and for trying scripts/slurm-release.sh by hand.
#   start  fresh state directory, slurm.conf from ci/slurm/slurm.conf, a new munge key; starts munged,
#          slurmctld and slurmd in the background and waits until the node is idle (exit 1 after 30 s,
#          with the daemons' logs)
#   stop   cancels every job, waits for the queue to drain, stops the three daemons that `start` started
#   logs   the tails of the daemons' logs
# Needs root and Debian's slurmctld, slurmd, slurm-client and munge. State, logs and pid files live in
# $PAPERFLOW_SLURM_DIR (default /tmp/paperflow-slurm); clients need SLURM_CONF=<that dir>/slurm.conf.
set -euo pipefail

state_dir=${PAPERFLOW_SLURM_DIR:-/tmp/paperflow-slurm}
conf_template="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/slurm.conf"
export SLURM_CONF="$state_dir/slurm.conf"
daemons=(munged slurmctld slurmd)
idle_timeout_seconds=30
drain_timeout_seconds=20
stop_timeout_seconds=10

say() { printf 'local-cluster: %s\n' "$*"; }
fail() { printf 'local-cluster: %s\n' "$*" >&2; exit 1; }

# The pid that `start` recorded for daemon $1, when that process is still that daemon.
running_pid() {
    local pid_file="$state_dir/run/$1.started-pid" pid
    [[ -f $pid_file ]] || return 1
    pid=$(<"$pid_file")
    [[ -r /proc/$pid/comm && $(<"/proc/$pid/comm") == "$1"* ]] || return 1
    printf '%s\n' "$pid"
}

# Starts daemon $1 in the background (stdin closed, output to log/$1.out) and records its pid.
launch() {
    local name=$1
    shift
    "$@" </dev/null >"$state_dir/log/$name.out" 2>&1 &
    printf '%s\n' "$!" >"$state_dir/run/$name.started-pid"
}

# Waits up to $1 seconds for the command after it to succeed.
wait_until() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        ((SECONDS < deadline)) || return 1
        sleep 0.2
    done
}

node_is_idle() { [[ $(sinfo -h -N -n localhost -o %T 2>/dev/null) == idle ]]; }
munge_answers() { munge -S "$state_dir/munge/munge.socket" -n </dev/null >/dev/null 2>&1; }
queue_is_empty() { [[ -z $(squeue -h -o %i 2>/dev/null) ]]; }

show_logs() {
    local log
    for log in "$state_dir"/log/*; do
        [[ -f $log ]] || continue
        printf -- '----- last 40 lines of %s -----\n' "$log"
        tail -n 40 "$log"
    done
}

start() {
    local name hardware
    for name in "${daemons[@]}"; do
        if running_pid "$name" >/dev/null; then fail "$name is already running from $state_dir: run '$0 stop' first"; fi
    done
    rm -rf "$state_dir"
    mkdir -p "$state_dir"/{munge,ctld-state,slurmd-spool,run,log}
    chmod 755 "$state_dir" "$state_dir/munge"

    mungekey --create --keyfile="$state_dir/munge/munge.key" --bits=1024
    launch munged /usr/sbin/munged --foreground --socket="$state_dir/munge/munge.socket" \
        --key-file="$state_dir/munge/munge.key" --pid-file="$state_dir/run/munged.pid" \
        --log-file="$state_dir/log/munged.log" --seed-file="$state_dir/munge/munged.seed"
    wait_until 10 munge_answers || { show_logs; fail "munged did not answer within 10 s"; }

    hardware=$(slurmd -C | sed -n '1s/^NodeName=[^ ]* //p')
    [[ -n $hardware ]] || fail "slurmd -C printed no node line"
    sed -e "s|@STATE_DIR@|$state_dir|g" -e "s|@NODE_HARDWARE@|$hardware|" "$conf_template" >"$SLURM_CONF"

    launch slurmctld slurmctld -D -f "$SLURM_CONF"
    launch slurmd slurmd -D -f "$SLURM_CONF" -N localhost
    if ! wait_until "$idle_timeout_seconds" node_is_idle; then
        sinfo -N -l || true
        show_logs
        fail "the node was not idle within $idle_timeout_seconds s"
    fi
    say "node localhost idle ($hardware); export SLURM_CONF=$SLURM_CONF"
}

# Sends SIGTERM to the daemons named, then SIGKILL to those still running after the timeout.
terminate() {
    local name pid pids=()
    for name in "$@"; do
        pid=$(running_pid "$name") || continue
        kill -TERM "$pid"
        pids+=("$name:$pid")
    done
    for name in "${pids[@]}"; do
        if ! wait_until "$stop_timeout_seconds" eval "! running_pid ${name%%:*} >/dev/null"; then
            say "${name%%:*} (pid ${name#*:}) ignored SIGTERM for $stop_timeout_seconds s: SIGKILL"
            kill -KILL "${name#*:}" || true
        fi
        say "stopped ${name%%:*} (pid ${name#*:})"
    done
}

stop() {
    if running_pid slurmctld >/dev/null; then
        scancel --user="$(id -un)" || true
        wait_until "$drain_timeout_seconds" queue_is_empty ||
            say "jobs still in the queue after $drain_timeout_seconds s: $(squeue -h -o '%i %T' | tr '\n' ' ')"
    fi
    terminate slurmd slurmctld
    terminate munged
}

case ${1:-} in
    start) start ;;
    stop) stop ;;
    logs) show_logs ;;
    *) printf 'usage: %s start|stop|logs\n' "$0" >&2; exit 2 ;;
esac
