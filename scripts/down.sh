#!/usr/bin/env bash
# Stops what scripts/up.sh started, by recorded pid only: the apps and sidecars (the process group of
# `dapr run`), then the infrastructure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/infra/common.sh"

# members of a process group, except its leader
group_members() {
  ps -o pid= -g "$1" 2>/dev/null | awk -v leader="$1" '$1 != leader { print $1 }'
}

if running dapr-run dapr; then
  cli=$(cat "$pid_dir/dapr-run.pid")
  # Apps and sidecars first, with SIGTERM, so they shut down gracefully (the CLI itself would SIGKILL them).
  members=$(group_members "$cli")
  if [ -n "$members" ]; then
    kill -TERM $members 2>/dev/null || true
    for _ in $(seq 1 100); do
      [ -z "$(group_members "$cli")" ] && break
      sleep 0.1
    done
  fi
  stop_by_pid dapr-run dapr 10
  leftovers=$(group_members "$cli")
  if [ -n "$leftovers" ]; then
    echo "apps: killing leftover pids $leftovers"
    kill -KILL $leftovers 2>/dev/null || true
  fi
else
  rm -f "$pid_dir/dapr-run.pid"
  echo "apps: not running"
fi

bash "$root/scripts/infra.sh" stop
