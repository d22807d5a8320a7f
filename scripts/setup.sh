#!/usr/bin/env bash
# One idempotent setup for `scripts/up.sh` and `scripts/test-all.sh`: system packages, pinned tools
# (Bun, daprd + dapr CLI, Kafka libs, Jaeger) in $TRIP_CACHE, workspace dependencies, local secrets.
# `--test-tools` (what scripts/test-all.sh asks for) adds what only the test suites use: helm,
# kubeconform, promtool, the Kubernetes/CRD schemas and npm-groovy-lint (scripts/setup/test-tools.sh),
# and the one-node Kubernetes cluster with the images of Dapr and the stores (scripts/cluster,
# scripts/images; the app images follow the code, so the cluster suite builds them).
# The first run builds/downloads for several minutes; later runs take seconds.
# Usage: scripts/setup.sh [--test-tools]
set -euo pipefail
test_tools=false
case "${1:-}" in
  "") ;;
  --test-tools) test_tools=true ;;
  *) echo "usage: scripts/setup.sh [--test-tools]" >&2; exit 2 ;;
esac
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
  "$@" || { echo "setup step \"$name\" failed ($*)" >&2; return 1; }
  timings+=("$(printf '%-22s %6ss' "$name" "$(since "$started")")")
}

# `dapr run` looks for daprd in <runtime path>/.dapr/bin; instead of `dapr init`, a small launcher there
# starts the pinned build with what the run template cannot set: the metrics and internal gRPC servers
# on loopback too, and 127.0.0.1 as the address registered for service invocation (DAPR_HOST_IP), so a
# local sidecar accepts nothing from another machine. With mTLS on in dapr/config.yaml the CLI asks for
# Sentry at Dapr's default localhost:50001 (in the ephemeral port range); the launcher gives the
# local Sentry's address instead ($DAPR_SENTRY_ADDRESS, exported by scripts/up.sh). Other flags the
# caller passes still win (they come last).
link_dapr_runtime() {
  local launcher="$TRIP_CACHE/dapr-runtime/.dapr/bin/daprd"
  mkdir -p "$(dirname "$launcher")"
  rm -f "$launcher"
  cat >"$launcher" <<LAUNCHER
#!/bin/sh
# Written by scripts/setup.sh: local sidecars listen on loopback only, and find the local Sentry.
export DAPR_HOST_IP="\${DAPR_HOST_IP:-127.0.0.1}"
if [ -n "\${DAPR_SENTRY_ADDRESS:-}" ]; then
  previous=
  for arg do
    shift
    [ "\$previous" = --sentry-address ] && arg=\$DAPR_SENTRY_ADDRESS
    set -- "\$@" "\$arg"
    previous=\$arg
  done
fi
exec "$TRIP_CACHE/bin/daprd" --metrics-listen-address 127.0.0.1 --dapr-internal-grpc-listen-address 127.0.0.1 "\$@"
LAUNCHER
  chmod +x "$launcher"
  "$launcher" --version >/dev/null
}

started_all=$EPOCHREALTIME
packages_flag=()
$test_tools && packages_flag=(--test-tools)
step "system packages" bash scripts/setup/system-packages.sh "${packages_flag[@]}"
step "bun $BUN_VERSION" bash scripts/setup/bun.sh
step "bun install" bun install --frozen-lockfile --silent
step "dapr $DAPR_VERSION" bash scripts/setup/dapr.sh
step "dapr runtime path" link_dapr_runtime
step "kafka $KAFKA_VERSION libs" bash scripts/setup/kafka.sh
step "jaeger" bash scripts/setup/jaeger.sh
step "secrets" bun scripts/setup/secrets.ts .run/secrets.json >/dev/null
if $test_tools; then
  step "test tools" bash scripts/setup/test-tools.sh
  step "kubernetes" bash scripts/cluster/cluster.sh build
  step "images: dapr, stores" bash scripts/images/build.sh --only dapr,stores
fi

echo "setup done in $(since "$started_all")s"
printf '  %s\n' "${timings[@]}"
