#!/usr/bin/env bash
# Local infrastructure for the Dapr sidecars: Dapr's Sentry (mTLS identities), Redis, MariaDB, the FX
# sandbox, Jaeger (the trace collector, docs/tracing.md) and (with --kafka) Kafka.
# Usage: scripts/infra.sh start|stop|status [--kafka]
# Each server runs from .run/ (data, logs, pid files); `start` is a no-op for what already runs and
# `stop` ends exactly the pids recorded by `start`. `stop` always stops Kafka too if it runs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/infra/common.sh"
for part in sentry redis mariadb kafka fx-sandbox jaeger; do
  source "$root/scripts/infra/$part.sh"
done

command=${1:-}
with_kafka=false
for arg in "${@:2}"; do
  case "$arg" in
    --kafka) with_kafka=true ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

case "$command" in
  start)
    sentry_start
    redis_start
    mariadb_start
    if $with_kafka; then kafka_start; fi
    fx_sandbox_start
    jaeger_start
    ;;
  stop)
    jaeger_stop
    fx_sandbox_stop
    kafka_stop
    mariadb_stop
    redis_stop
    sentry_stop
    ;;
  status)
    failed=0
    sentry_status || failed=1
    redis_status || failed=1
    mariadb_status || failed=1
    if $with_kafka || running kafka java; then kafka_status || failed=1; fi
    fx_sandbox_status || failed=1
    jaeger_status || failed=1
    exit $failed
    ;;
  *)
    echo "usage: scripts/infra.sh start|stop|status [--kafka]" >&2
    exit 2
    ;;
esac
