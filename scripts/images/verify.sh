#!/usr/bin/env bash
# Runs each built image once with podman and checks it does its job, the way the charts run it
# (non-root user, read-only root filesystem where the chart asks for one, the chart's env/args):
#   oven/bun bases    `bun --version`; the distroless one has no shell
#   apps              start, log "listening", answer GET /health (no sidecar here: "degraded" is fine)
#   ghcr.io/dapr/*    daprd --version; each control-plane binary starts and reports the version
#   mariadb           first-start init from MARIADB_*, healthcheck.sh passes, user trip logs in over TCP
#   redis             the chart's command (password in a generated config), PING with REDISCLI_AUTH
#   kafka             the chart's KRaft env (one node), broker starts, a topic round-trips a message
# Usage: bash scripts/images/verify.sh REF...   (build.sh --verify passes what it built)
# Containers are named trip-verify-* and removed at exit; they use free loopback ports from 18000 up.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"

failures=0
scratch=$(mktemp -d "$WORK/verify.XXXXXX")
cleanup() {
  local c
  for c in $(podman ps -a --format '{{.Names}}' | grep '^trip-verify-' || true); do
    podman rm -f -t 2 "$c" >/dev/null 2>&1 || true
  done
  rm -rf "$scratch"
}
trap cleanup EXIT

ok() { log "  ok   $*"; }
bad() { log "  FAIL $*"; failures=$((failures + 1)); }
# wait_for SECONDS CMD...: until CMD succeeds.
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 1
  done
}
# free_port VAR: sets VAR to a TCP port nobody listens on (host network: the containers share the
# host's ports). Not a $(...) call: the counter must survive between calls.
next_port=18000
free_port() {
  while [ -n "$(ss -Hltn "sport = :$next_port")" ]; do next_port=$((next_port + 1)); done
  printf -v "$1" '%s' "$next_port"
  next_port=$((next_port + 1))
}
# (Output captured before grep: with pipefail, `grep -q` closing the pipe early would fail the producer.)
logs_have() { local out; out=$(podman logs "$1" 2>&1); grep -q -- "$2" <<<"$out"; }
# A directory owned by UID, standing in for a volume with the chart's fsGroup.
volume_dir() { local d; d=$(mktemp -d "$scratch/vol.XXXXXX"); chown "$1:$1" "$d"; echo "$d"; }
PODMAN_RUN=(podman run -d --network host --no-healthcheck)

verify_bun() {
  local ref=$1 v
  v=$(podman run --rm --network host --entrypoint /usr/local/bin/bun "$ref" --version)
  [ "$v" = "$BUN_VERSION" ] && ok "$ref: bun $v" || bad "$ref: bun --version said '$v'"
  if [[ $ref == *-distroless ]]; then
    if podman run --rm --entrypoint /bin/sh "$ref" -c true >/dev/null 2>&1; then
      bad "$ref: has a shell"
    else
      ok "$ref: no shell"
    fi
  fi
}

verify_app() {
  local ref=$1 id name port health sidecar
  id=${ref##*/}; id=${id%%:*}
  name=trip-verify-$id
  free_port port; free_port sidecar
  health=$(buildah inspect --type image --format '{{if .Docker.Config.Healthcheck}}yes{{end}}' "$ref")
  [ "$health" = yes ] && ok "$ref: HEALTHCHECK kept" || bad "$ref: no HEALTHCHECK in the image config"
  # As the chart runs it: its USER (1000), read-only root, /tmp writable, PORT and the sidecar's port
  # (nothing listens there, so readiness stays false; /health answers with the sidecar "down").
  "${PODMAN_RUN[@]}" --name "$name" --read-only --tmpfs /tmp -e PORT="$port" -e DAPR_HTTP_PORT="$sidecar" \
    -e APP_API_TOKEN=verify -e DAPR_API_TOKEN=verify -e SERVICE_VERSION=verify "$ref" >/dev/null
  if wait_for 30 curl -sf -o /dev/null "http://127.0.0.1:$port/health"; then
    ok "$ref: GET /health answered on :$port ($(podman logs "$name" 2>&1 | grep -c listening) 'listening' line)"
  else
    bad "$ref: no answer on :$port/health"; podman logs "$name" 2>&1 | tail -n 15
  fi
  # No wait for SIGTERM: the app, as PID 1 with no SIGTERM handler, ignores it (see docs/images.md).
  podman rm -f -t 0 "$name" >/dev/null 2>&1
}

verify_dapr() {
  local ref=$1 bin name v
  bin=${ref##*/}; bin=${bin%%:*}
  if [ "$bin" = daprd ]; then
    v=$(podman run --rm --read-only --entrypoint /daprd "$ref" --version)
    [ "$v" = "${DAPR_VERSION#v}" ] && ok "$ref: daprd $v" || bad "$ref: daprd --version said '$v'"
    return
  fi
  # The control-plane binaries have no --version: they log it first thing, then (outside a cluster)
  # stop for want of one. Own network namespace: their default ports may be taken on this host.
  name=trip-verify-dapr-$bin
  podman run -d --name "$name" --read-only --user 65532:65532 --entrypoint "/$bin" "$ref" >/dev/null
  if wait_for 15 logs_have "$name" "version ${DAPR_VERSION#v}"; then
    ok "$ref: /$bin starts as 65532 ($(podman logs "$name" 2>&1 | grep -o 'Starting[^"]*version [0-9.]*' | head -n1))"
  else
    bad "$ref: /$bin did not report version ${DAPR_VERSION#v}"; podman logs "$name" 2>&1 | tail -n 5
  fi
  podman rm -f -t 2 "$name" >/dev/null
}

verify_mariadb() {
  local ref=$1 name=trip-verify-mariadb data run tmp port
  data=$(volume_dir 999); run=$(volume_dir 999); tmp=$(volume_dir 999); free_port port
  # The chart's env and args (templates/databases/mariadb.yaml), port moved off 3306.
  "${PODMAN_RUN[@]}" --name "$name" --read-only --user 999:999 \
    -v "$data:/var/lib/mysql" -v "$run:/run/mysqld" -v "$tmp:/tmp" \
    -e MARIADB_DATABASE=trip -e MARIADB_USER=trip -e MARIADB_PASSWORD=verify-pw -e MARIADB_RANDOM_ROOT_PASSWORD=1 \
    "$ref" --port="$port" --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --default-time-zone=+00:00 --skip-name-resolve >/dev/null
  if wait_for 90 podman exec "$name" healthcheck.sh --connect --innodb_initialized; then
    ok "$ref: initialised, healthcheck.sh --connect --innodb_initialized passes"
  else
    bad "$ref: healthcheck never passed"; podman logs "$name" 2>&1 | tail -n 15
  fi
  local row
  row=$(podman exec "$name" mariadb -h127.0.0.1 -P"$port" -utrip -pverify-pw trip -N \
    -e 'SELECT CONCAT(CURRENT_USER(), " ", @@time_zone, " ", @@collation_server)' 2>&1 || true)
  [ "$row" = "trip@% +00:00 utf8mb4_unicode_ci" ] && ok "$ref: trip logs in over TCP ($row)" \
    || bad "$ref: login as trip: $row"
  podman rm -f -t 10 "$name" >/dev/null
}

verify_redis() {
  local ref=$1 name=trip-verify-redis data run port
  data=$(volume_dir 999); run=$(volume_dir 999); free_port port
  # The chart's command, verbatim but for the port (templates/databases/redis.yaml).
  "${PODMAN_RUN[@]}" --name "$name" --read-only --user 999:999 -v "$data:/data" -v "$run:/run/redis" \
    -e REDIS_PASSWORD=verify-pw -e REDISCLI_AUTH=verify-pw --entrypoint '["sh","-c"]' "$ref" \
    'printf '\''requirepass "%s"\n'\'' "$REDIS_PASSWORD" > /run/redis/redis.conf && exec redis-server /run/redis/redis.conf --port '"$port"' --dir /data --appendonly yes' >/dev/null
  if wait_for 20 podman exec "$name" sh -c "redis-cli -p $port ping | grep -q PONG"; then
    ok "$ref: readiness probe (redis-cli ping | grep PONG) passes with the password"
  else
    bad "$ref: no PONG"; podman logs "$name" 2>&1 | tail -n 10
  fi
  local noauth
  noauth=$(podman exec -e REDISCLI_AUTH= "$name" redis-cli -p "$port" ping 2>&1 || true)
  if grep -q NOAUTH <<<"$noauth"; then
    ok "$ref: refuses commands without the password"
  else
    bad "$ref: answers without the password"
  fi
  podman rm -f -t 5 "$name" >/dev/null
}

verify_kafka() {
  local ref=$1 name=trip-verify-kafka data got broker controller
  data=$(volume_dir 1000); free_port broker; free_port controller
  # The chart's env (templates/kafka/kafka.yaml) for one node, on free loopback ports.
  "${PODMAN_RUN[@]}" --name "$name" --user 1000:1000 -v "$data:/var/lib/kafka/data" \
    -e POD_NAME=kafka-0 -e KAFKA_NODE_ID=0 -e CLUSTER_ID=7rR3n8pZQxK4mVb2cYt1Wg \
    -e KAFKA_PROCESS_ROLES=broker,controller \
    -e KAFKA_LISTENERS="PLAINTEXT://:$broker,CONTROLLER://:$controller" \
    -e KAFKA_ADVERTISED_LISTENERS="PLAINTEXT://127.0.0.1:$broker" \
    -e KAFKA_LISTENER_SECURITY_PROTOCOL_MAP=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT \
    -e KAFKA_CONTROLLER_LISTENER_NAMES=CONTROLLER -e KAFKA_INTER_BROKER_LISTENER_NAME=PLAINTEXT \
    -e KAFKA_CONTROLLER_QUORUM_VOTERS="0@127.0.0.1:$controller" -e KAFKA_LOG_DIRS=/var/lib/kafka/data/logs \
    -e KAFKA_NUM_PARTITIONS=3 -e KAFKA_DEFAULT_REPLICATION_FACTOR=1 -e KAFKA_MIN_INSYNC_REPLICAS=1 \
    -e KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR=1 -e KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR=1 \
    -e KAFKA_TRANSACTION_STATE_LOG_MIN_ISR=1 -e KAFKA_AUTO_CREATE_TOPICS_ENABLE=true \
    -e "KAFKA_HEAP_OPTS=-Xms512m -Xmx1g" "$ref" >/dev/null
  if wait_for 90 logs_have "$name" "Kafka Server started"; then
    ok "$ref: KRaft broker+controller started"
  else
    bad "$ref: broker did not start"; podman logs "$name" 2>&1 | tail -n 20
    podman rm -f -t 5 "$name" >/dev/null
    return
  fi
  # Auto-created topic, as Dapr's publisher relies on.
  echo verify-message | podman exec -i "$name" kafka-console-producer.sh --bootstrap-server "127.0.0.1:$broker" \
    --topic verify >/dev/null 2>&1 || true
  got=$(podman exec "$name" kafka-console-consumer.sh --bootstrap-server "127.0.0.1:$broker" --topic verify \
    --from-beginning --max-messages 1 --timeout-ms 30000 2>/dev/null || true)
  [ "$got" = verify-message ] && ok "$ref: auto-created topic round-trips a message" \
    || bad "$ref: message round trip got '$got'"
  podman rm -f -t 20 "$name" >/dev/null
}

[ $# -gt 0 ] || die "usage: verify.sh REF..."
for ref in "$@"; do
  [ -n "$(image_id "$ref")" ] || { bad "$ref: not in the local storage"; continue; }
  log "verify $ref ($(image_size "$ref"))"
  case "$ref" in
    */oven/bun:*) verify_bun "$ref" ;;
    "$APP_REGISTRY"/*) verify_app "$ref" ;;
    "$DAPR_REGISTRY"/*) verify_dapr "$ref" ;;
    */mariadb:*) verify_mariadb "$ref" ;;
    */redis:*) verify_redis "$ref" ;;
    */kafka:*) verify_kafka "$ref" ;;
    *) log "  (no check for $ref)" ;;
  esac
done
if [ "$failures" -gt 0 ]; then
  die "$failures check(s) failed"
fi
log "all checks passed"
