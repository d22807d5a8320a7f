#!/usr/bin/env bash
# Runs a command for as long as another process lives, then stops it (SIGTERM, SIGKILL after 5 s).
# The reliability suite starts replacement apps/sidecars and extra replicas with it, so they end with
# the process they belong to: the `dapr run` CLI of the stack (scripts/down.sh) or the test run.
# Usage: run-while-alive.sh <watched-pid> <pid-file> <log-file> <command...>
set -u
watched=$1 pid_file=$2 log_file=$3
shift 3
"$@" >>"$log_file" 2>&1 </dev/null &
child=$!
echo "$child" >"$pid_file"
stop_child() {
  kill -TERM "$child" 2>/dev/null
  for _ in $(seq 1 50); do
    kill -0 "$child" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$child" 2>/dev/null
  rm -f "$pid_file"
  exit 0
}
trap stop_child TERM INT
while kill -0 "$watched" 2>/dev/null && kill -0 "$child" 2>/dev/null; do
  sleep 1
done
stop_child
