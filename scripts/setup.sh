#!/usr/bin/env bash
# One idempotent setup for `scripts/up.sh` and `scripts/test-all.sh`: system packages, pinned tools
# (Bun, daprd + dapr CLI, Kafka libs) in $TRIP_CACHE, workspace dependencies, local secrets.
# The first run builds/downloads for several minutes; later runs take seconds.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/setup/versions.env
source scripts/setup/cache-dir.sh
export PATH="$TRIP_CACHE/bin:$PATH"

# seconds since an $EPOCHREALTIME value, one decimal
since() {
  local tenths=$(((${EPOCHREALTIME/./} - ${1/./}) / 100000))
  echo "$((tenths / 10)).$((tenths % 10))"
}
timings=()
step() { # name command...
  local name=$1 started=$EPOCHREALTIME
  shift
  "$@"
  timings+=("$(printf '%-22s %6ss' "$name" "$(since "$started")")")
}

# `dapr run` looks for daprd in <runtime path>/.dapr/bin; point it at the pinned build instead of `dapr init`.
link_dapr_runtime() {
  mkdir -p "$TRIP_CACHE/dapr-runtime/.dapr/bin"
  ln -sf "$TRIP_CACHE/bin/daprd" "$TRIP_CACHE/dapr-runtime/.dapr/bin/daprd"
  "$TRIP_CACHE/bin/daprd" --version >/dev/null
}

started_all=$EPOCHREALTIME
step "system packages" bash scripts/setup/system-packages.sh
step "bun $BUN_VERSION" bash scripts/setup/bun.sh
step "bun install" bun install --frozen-lockfile --silent
step "dapr $DAPR_VERSION" bash scripts/setup/dapr.sh
step "dapr runtime path" link_dapr_runtime
step "kafka $KAFKA_VERSION libs" bash scripts/setup/kafka.sh
step "secrets" bun scripts/setup/secrets.ts .run/secrets.json >/dev/null

echo "setup done in $(since "$started_all")s"
printf '  %s\n' "${timings[@]}"
