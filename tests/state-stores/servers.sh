#!/usr/bin/env bash
# Loopback servers owned by the state-store contract suite.
# Usage: tests/state-stores/servers.sh start|stop|status redis|mariadb|postgres|ferretdb
# Data, logs, pid and password files live in .run/state-stores/, except PostgreSQL's data directory:
# PostgreSQL runs as the `postgres` user, who may not enter the clone (under /root, or a 0700 temp dir),
# so its cluster lives in $pg_dir, one per clone. `start` is a no-op when the server already answers on
# its port; `stop` ends only the pid that `start` recorded.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
run_dir="$root/.run/state-stores"
pg_dir=${STATE_STORES_PG_DIR:-/var/tmp/trip-service/pg-$(printf %s "$root" | sha256sum | cut -c1-12)}
cache_dir=${TRIP_CACHE:-$HOME/.cache/trip-service}
mkdir -p "$run_dir/logs"

# Ports follow docs/conventions.md (Redis 6380, PostgreSQL 5433); MariaDB gets its own 3317 so the
# suite never needs the app database's credentials. REDIS_PORT etc. override them.
declare -A port=([redis]=${REDIS_PORT:-6380} [mariadb]=${MARIADB_PORT:-3317} [postgres]=${POSTGRES_PORT:-5433}
  [ferretdb]=${FERRETDB_PORT:-27018})

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() {
  for _ in $(seq 1 100); do listening "$1" && return 0; sleep 0.1; done
  echo "port $1 did not open; see $run_dir/logs/" >&2
  return 1
}
# A throwaway password per server, made once and kept beside its data (never a project secret).
password_of() {
  local file="$run_dir/$1.password"
  [[ -s "$file" ]] || (umask 077 && openssl rand -hex 16 >"$file")
  cat "$file"
}
as_postgres() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

start_redis() {
  mkdir -p "$run_dir/redis"
  redis-server --bind 127.0.0.1 --port "${port[redis]}" --requirepass "$(password_of redis)" \
    --save '' --appendonly no --dir "$run_dir/redis" --daemonize yes \
    --pidfile "$run_dir/redis.pid" --logfile "$run_dir/logs/redis.log"
}

start_mariadb() {
  local data="$run_dir/mariadb" sock="$run_dir/mariadb.sock"
  if [[ ! -d "$data/mysql" ]]; then
    mariadb-install-db --no-defaults --datadir="$data" --user="$(id -un)" \
      --auth-root-authentication-method=socket --skip-test-db >"$run_dir/logs/mariadb-install.log" 2>&1
  fi
  mariadbd --no-defaults --datadir="$data" --user="$(id -un)" --bind-address=127.0.0.1 \
    --port="${port[mariadb]}" --socket="$sock" --pid-file="$run_dir/mariadb.pid" \
    --skip-name-resolve --log-error="$run_dir/logs/mariadb.log" >>"$run_dir/logs/mariadb.log" 2>&1 &
  wait_port "${port[mariadb]}"
  mariadb --no-defaults --socket="$sock" -u root -e "
    CREATE OR REPLACE USER 'dapr'@'127.0.0.1' IDENTIFIED BY '$(password_of mariadb)';
    GRANT ALL ON dapr_state_contract.* TO 'dapr'@'127.0.0.1';"
}

start_postgres() {
  local data="$pg_dir/data" bin
  bin=$(pg_bin)
  [[ -n "$bin" ]] || { echo "PostgreSQL is not installed: run scripts/setup.sh (system packages)" >&2; exit 1; }
  if [[ ! -s "$data/PG_VERSION" ]]; then
    # Every directory on the way must be enterable by postgres; only its own directory is its.
    mkdir -p "$pg_dir" && chmod 755 "$(dirname "$pg_dir")" && chmod 700 "$pg_dir"
    [[ $(id -u) == 0 ]] && chown postgres:postgres "$pg_dir"
    local pwfile="$pg_dir/pwfile"
    password_of postgres | as_postgres tee "$pwfile" >/dev/null
    as_postgres "$bin/initdb" -D "$data" -U postgres --auth-local=trust \
      --auth-host=scram-sha-256 --pwfile="$pwfile" >"$run_dir/logs/postgres-initdb.log"
    rm -f "$pwfile"
  fi
  as_postgres "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -o \
    "-p ${port[postgres]} -k $data -c listen_addresses=127.0.0.1" start >/dev/null
  head -1 "$data/postmaster.pid" >"$run_dir/postgres.pid"
  # Re-applied on every start so a lost password file never locks the suite out (local socket: trust).
  as_postgres "$bin/psql" -h "$data" -p "${port[postgres]}" -U postgres -q -v ON_ERROR_STOP=1 \
    -c "ALTER USER postgres PASSWORD '$(password_of postgres)'" postgres
}

# FerretDB 1.x is kept only to reproduce why it cannot back state.mongodb (see docs/mongodb.md).
start_ferretdb() {
  local version=v1.24.2 bin="$cache_dir/ferretdb/v1.24.2/ferretdb"
  if [[ ! -x "$bin" ]]; then
    local src
    src=$(GOSUMDB=off go mod download -json "github.com/FerretDB/FerretDB@$version" |
      sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
    rm -rf "$run_dir/ferretdb-src" && cp -r "$src" "$run_dir/ferretdb-src" && chmod -R u+w "$run_dir/ferretdb-src"
    echo "$version" >"$run_dir/ferretdb-src/build/version/version.txt"
    (cd "$run_dir/ferretdb-src" && GOSUMDB=off GOFLAGS=-buildvcs=false go build -trimpath -o "$bin" ./cmd/ferretdb)
  fi
  mkdir -p "$run_dir/ferretdb"
  "$bin" --handler=sqlite --sqlite-url="file:$run_dir/ferretdb/" --state-dir="$run_dir/ferretdb" \
    --listen-addr="127.0.0.1:${port[ferretdb]}" --telemetry=disable >"$run_dir/logs/ferretdb.log" 2>&1 &
  echo $! >"$run_dir/ferretdb.pid"
}

stop_server() {
  local name=$1 pidfile="$run_dir/$1.pid"
  if [[ $name == postgres && -s "$pg_dir/data/postmaster.pid" ]]; then
    as_postgres "$(pg_bin)/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null || true
  elif [[ -s "$pidfile" ]]; then
    local pid
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$pidfile"
}

command=${1:-} name=${2:-}
[[ -n "${port[$name]:-}" ]] || { echo "usage: $0 start|stop|status redis|mariadb|postgres|ferretdb" >&2; exit 2; }
case "$command" in
  start)
    if listening "${port[$name]}"; then echo "$name already answers on ${port[$name]}"; exit 0; fi
    "start_$name"
    wait_port "${port[$name]}"
    echo "$name started on ${port[$name]}"
    ;;
  stop) stop_server "$name" ;;
  status) if listening "${port[$name]}"; then echo "$name up on ${port[$name]}"; else echo "$name down"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status redis|mariadb|postgres|ferretdb" >&2; exit 2 ;;
esac
