#!/usr/bin/env bash
# Starts the whole local stack in the background: setup, infrastructure, then every app with its Dapr
# sidecar (`dapr run -f dapr/dapr.yaml`). Stop it with scripts/down.sh.
# Usage: scripts/up.sh [--profile local|kafka]   (kafka: pub/sub on Kafka instead of Redis Streams)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
profile=local
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile=${2:-}; shift 2 ;;
    --profile=*) profile=${1#*=}; shift ;;
    *) echo "usage: scripts/up.sh [--profile local|kafka]" >&2; exit 2 ;;
  esac
done
case "$profile" in
  local) infra_flags=() ;;
  kafka) infra_flags=(--kafka) ;;
  *) echo "unknown profile: $profile (local | kafka)" >&2; exit 2 ;;
esac

bash scripts/setup.sh
bash scripts/infra.sh start "${infra_flags[@]}"
source scripts/infra/common.sh
source scripts/infra/sentry.sh

app_ports=(8001 8002 8003 8004 8080)
apps_healthy() {
  local port
  for port in "${app_ports[@]}"; do http_ok "http://127.0.0.1:$port/health" || return 1; done
}

if running dapr-run dapr; then
  running_profile=$(cat "$run_dir/profile" 2>/dev/null || echo unknown)
  echo "apps: already running (pid $(cat "$pid_dir/dapr-run.pid"), profile $running_profile)"
  if [ "$running_profile" != "$profile" ]; then
    echo "apps: asked for profile $profile; run scripts/down.sh first to switch" >&2
  fi
else
  bun scripts/lib/render-resources.ts --profile "$profile" --out "$run_dir/resources"
  if ! bun run --cwd web build >"$log_dir/web-build.log" 2>&1; then
    echo "web build failed (see .run/logs/web-build.log)" >&2
    exit 1
  fi
  echo "$profile" >"$run_dir/profile"
  # daprd and the apps inherit these from `dapr run`; see dapr/dapr.yaml.
  DAPR_API_TOKEN=$(secret dapr-api-token)
  APP_API_TOKEN=$(secret app-api-token)
  # mTLS: the sidecars ask the local Sentry for their identities and trust its root (scripts/infra/sentry.sh).
  DAPR_SENTRY_ADDRESS=127.0.0.1:$sentry_port
  DAPR_TRUST_ANCHORS=$(cat "$sentry_dir/ca.crt")
  export DAPR_API_TOKEN APP_API_TOKEN DAPR_SENTRY_ADDRESS DAPR_TRUST_ANCHORS
  # The CLI finds daprd in $DAPR_RUNTIME_PATH/.dapr/bin (linked by scripts/setup.sh), so no `dapr init`.
  export DAPR_RUNTIME_PATH="$TRIP_CACHE/dapr-runtime"
  [ -f "$log_dir/apps.log" ] && mv "$log_dir/apps.log" "$log_dir/apps.previous.log"
  # The CLI puts itself and everything it starts in its own process group (pgid = its pid).
  nohup dapr run -f dapr/dapr.yaml --log-as-json >"$log_dir/apps.log" 2>&1 </dev/null &
  echo $! >"$pid_dir/dapr-run.pid"
  echo "apps: starting (dapr run pid $!, profile $profile, log .run/logs/apps.log)"
fi

fail() {
  echo "apps: $1; last log lines (full log: .run/logs/apps.log):" >&2
  tail -n 40 "$log_dir/apps.log" >&2
  echo "what did start keeps running; stop it with scripts/down.sh" >&2
  exit 1
}
waited=0
until apps_healthy; do
  running dapr-run dapr || fail "dapr run exited"
  if grep -q "The App process exited\|The daprd process exited" "$log_dir/apps.log"; then
    fail "an app or sidecar exited"
  fi
  [ "$waited" -lt 120 ] || fail "not healthy after 60s"
  sleep 0.5
  waited=$((waited + 1))
done

# A fresh install has no rates until the first 2-minute tick and no history at all: run one ingestion
# and a 365-day backfill now (both idempotent — a running stack just gets "unchanged"), then let
# history aggregate it, so the page and its charts are meaningful from the first visit.
admin_post() { # url: an admin call; a failure is reported, not fatal (the crons retry on their own)
  curl -fs -o /dev/null --max-time 120 -X POST -H "Authorization: Bearer $(secret admin-token)" "$1" ||
    echo "apps: $1 did not succeed (see .run/logs/apps.log); the scheduled jobs will catch up"
}
admin_post "http://127.0.0.1:8004/api/v1/ingest/backfill?days=365"
admin_post "http://127.0.0.1:8004/api/v1/ingest/run"
admin_post "http://127.0.0.1:8003/api/v1/history/analysis/run"

cat <<URLS
Trip Service is up (profile $profile):
  traveller's page  http://127.0.0.1:8080/          sidecar http://127.0.0.1:3580
  currency-service  http://127.0.0.1:8001/docs   sidecar http://127.0.0.1:3501
  ranking-service   http://127.0.0.1:8002/docs   sidecar http://127.0.0.1:3502
  history-service   http://127.0.0.1:8003/docs   sidecar http://127.0.0.1:3503
  data-ingestor     http://127.0.0.1:8004/docs   sidecar http://127.0.0.1:3504
  FX sandbox        http://127.0.0.1:8090/health
  logs              .run/logs/ (apps.log: apps + sidecars)
Stop with scripts/down.sh
URLS
