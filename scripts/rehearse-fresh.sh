#!/usr/bin/env bash
# The fresh-machine rehearsal: the README's two commands, exactly as written, on a clone of the current
# commit in an environment that shares nothing with earlier runs.
#   - a new empty HOME holding only what a fresh machine of this kind has there: its registry
#     configuration (~/.npmrc, ~/.config/go/env, ~/.gitconfig) — so $TRIP_CACHE, the Go module and build
#     caches, Bun's, npm's and Maven's caches all start empty;
#   - the machine's own environment (its CA bundle settings reach the registries) with its default PATH,
#     minus every directory of ours or under the real HOME's Go bin; CI=true and no stdin, like CI;
#   - the clone inside a directory only root may enter (mktemp -d: 0700), a copy of ../shared beside it;
#   - nothing else started: it refuses to begin while a port of the stack is taken.
# Packages apt installed stay installed (they cannot be removed safely here); the system-packages step of
# scripts/setup.sh is what installs them on a machine that lacks them.
# It prints each phase's time and the test command's summary, stops what it started, and removes the
# clone and its HOME (`--keep` leaves them). Logs stay in /var/tmp/trip-service/rehearsals/<time>/.
# Usage: scripts/rehearse-fresh.sh [--keep]
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
keep=false
[ "${1:-}" = --keep ] && keep=true

# Ports of the local stack (apps, sidecars' HTTP, Redis, MariaDB, Kafka, the FX sandbox, Jaeger, state-store suite).
ports=(8001 8002 8003 8004 8080 3501 3502 3503 3504 3580 6380 3307 9092 9093 8090 4318 16686 16685 3317 5433 3690)
taken=()
for port in "${ports[@]}"; do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && taken+=("$port")
done
if [ ${#taken[@]} -gt 0 ]; then
  echo "rehearsal refused: ports ${taken[*]} are taken — stop the running stack first (scripts/down.sh)" >&2
  exit 2
fi

commit=$(git -C "$here" rev-parse HEAD)
stamp=$(date -u +%Y%m%dT%H%M%SZ)
logs=/var/tmp/trip-service/rehearsals/$stamp
mkdir -p "$logs"
sandbox=$(mktemp -d /tmp/trip-rehearsal.XXXXXX) # 0700: only root may enter
home="$sandbox/home"
clone="$sandbox/work/main"
mkdir -p "$home/.config/go" "$sandbox/work"
for file in .npmrc .gitconfig .config/go/env; do
  [ -f "$HOME/$file" ] && cp -p "$HOME/$file" "$home/$file"
done
cp -r "$here/../shared" "$sandbox/work/shared"

# The machine's default PATH without tool directories of ours (and the real HOME's Go bin, which a
# fresh machine has empty); the environment without anything that points at a cache.
default_path=$(
  tr ':' '\n' <<<"${REHEARSAL_PATH:-$PATH}" |
    grep -v -e trip-service -e "^$HOME/go/bin$" -e "^$HOME/.bun" -e '^$' | awk '!seen[$0]++' | paste -sd:
)
clean_env=(env -u TRIP_CACHE -u GOPATH -u GOCACHE -u GOMODCACHE -u BUN_INSTALL -u npm_config_cache
  -u XDG_CACHE_HOME -u XDG_CONFIG_HOME -u XDG_DATA_HOME "HOME=$home" "PATH=$default_path" CI=true)

phases=()
failed=false
since() { # seconds since an $EPOCHREALTIME value
  local tenths=$(((${EPOCHREALTIME/./} - ${1/./}) / 100000))
  printf '%dm %02ds' $((tenths / 600)) $((tenths / 10 % 60))
}
phase() { # name log command... (runs in the clone, in the clean environment, without stdin)
  local name=$1 log=$2 started=$EPOCHREALTIME code
  shift 2
  echo "=== $name"
  (cd "$clone" && "${clean_env[@]}" "$@") </dev/null 2>&1 | tee "$logs/$log"
  code=${PIPESTATUS[0]}
  phases+=("$(printf '%-28s %10s  exit %s' "$name" "$(since "$started")" "$code")")
  [ "$code" -eq 0 ] || failed=true
  return "$code"
}

stopped=false
stop_stack() {
  $stopped || phase "bash scripts/down.sh" down.log bash scripts/down.sh >/dev/null
  stopped=true
}
cleanup() {
  stop_stack
  # PostgreSQL of the state-store suite keeps its cluster outside the clone (per clone path).
  local pg_dir
  pg_dir=/var/tmp/trip-service/pg-$(printf %s "$clone" | sha256sum | cut -c1-12)
  if ! $keep; then
    # The Go module cache inside the sandbox's HOME is read-only: make it writable, or rm leaves 5 GB.
    chmod -R u+w "$sandbox" 2>/dev/null
    rm -rf "$sandbox" "$pg_dir"
  fi
}
trap cleanup EXIT

echo "rehearsal of $commit in $sandbox (HOME=$home); logs in $logs"
started_all=$EPOCHREALTIME
git clone --quiet "$here" "$clone" && git -C "$clone" checkout --quiet "$commit"
phase "bash scripts/up.sh" up.log bash scripts/up.sh &&
  phase "bash scripts/test-all.sh" test-all.log bash scripts/test-all.sh
stop_stack

{
  echo
  echo "rehearsal of $commit ($stamp)"
  printf '%s\n' "${phases[@]}"
  printf '%-28s %10s\n' "total" "$(since "$started_all")"
  grep -aE '^[0-9]+ passed, [0-9]+ failed$' "$logs/test-all.log" 2>/dev/null | tail -1 || echo "test-all.sh did not finish"
} | tee "$logs/summary.txt"
! $failed
