# Shared by scripts/infra/*.sh (sourced): paths under .run/ and process control by pid file only.
# Expects $root (the clone) to be set by the caller.
source "$root/scripts/setup/versions.env"
source "$root/scripts/setup/cache-dir.sh"
export PATH="$TRIP_CACHE/bin:$PATH"
run_dir="$root/.run"
pid_dir="$run_dir/pids"
log_dir="$run_dir/logs"
data_dir="$run_dir/data"
conf_dir="$run_dir/conf"
mkdir -p "$pid_dir" "$log_dir" "$data_dir" "$conf_dir"
chmod 700 "$conf_dir"

# secret <key>: one value from the local secret store file written by scripts/setup.sh.
secret() {
  bun -e 'const s = JSON.parse(await Bun.file(process.argv[1]).text())[process.argv[2]];
if (!s) { console.error(`secret ${process.argv[2]} missing — run scripts/setup.sh`); process.exit(1); }
console.log(s);' "$run_dir/secrets.json" "$1"
}

# running <name> <command-name>: the pid file names a live process of that command (not a recycled pid).
running() {
  local file="$pid_dir/$1.pid" pid
  [ -f "$file" ] || return 1
  pid=$(cat "$file")
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ]
}

# stop_by_pid <name> <command-name> [seconds]: SIGTERM the recorded pid, SIGKILL it after the grace period.
stop_by_pid() {
  local name=$1 comm=$2 grace=${3:-20} file="$pid_dir/$1.pid" pid waited=0
  if ! running "$name" "$comm"; then
    rm -f "$file"
    echo "$name: not running"
    return 0
  fi
  pid=$(cat "$file")
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt $((grace * 10)) ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "$name: still running after ${grace}s, killing pid $pid"
    kill -KILL "$pid"
  fi
  rm -f "$file"
  echo "$name: stopped"
}

# wait_until <what> <seconds> <command...>: poll until the command succeeds.
wait_until() {
  local what=$1 seconds=$2 tries=0
  shift 2
  until "$@" >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -gt $((seconds * 5)) ]; then
      echo "$what did not become ready within ${seconds}s" >&2
      return 1
    fi
    sleep 0.2
  done
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

http_ok() {
  curl -fs -o /dev/null --max-time 2 "$1"
}

# require_free_port <name> <port>: fail early instead of waiting on a server that cannot bind.
require_free_port() {
  if port_open "$2"; then
    echo "$1: port $2 is taken by a process this script did not start" >&2
    return 1
  fi
}

# members of a process group, except its leader
group_members() {
  ps -eo pid=,pgid= | awk -v group="$1" '$2 == group && $1 != group { print $1 }'
}

# stop_group <name> <command-name>: the recorded pid leads a process group (`dapr run` makes one):
# SIGTERM its members first so apps and sidecars shut down gracefully (the CLI would SIGKILL them),
# then the leader, then SIGKILL whatever of the group is left.
stop_group() {
  local name=$1 comm=$2 leader members
  if ! running "$name" "$comm"; then
    rm -f "$pid_dir/$name.pid"
    echo "$name: not running"
    return 0
  fi
  leader=$(cat "$pid_dir/$name.pid")
  members=$(group_members "$leader")
  if [ -n "$members" ]; then
    kill -TERM $members 2>/dev/null || true
    for _ in $(seq 1 100); do
      [ -z "$(group_members "$leader")" ] && break
      sleep 0.1
    done
  fi
  stop_by_pid "$name" "$comm" 10
  members=$(group_members "$leader")
  if [ -n "$members" ]; then
    echo "$name: killing leftover pids $members"
    kill -KILL $members 2>/dev/null || true
  fi
}
