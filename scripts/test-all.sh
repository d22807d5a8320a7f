#!/usr/bin/env bash
# THE test command: setup, infrastructure (Kafka included), Biome, typecheck, unit tests of every
# package, the app stack (scripts/up.sh, profile $STACK_PROFILE, default local), then each integration
# suite under tests/ (order: scripts/test-suites.txt), the event suites again on Kafka, and finally the
# chart on a one-node Kubernetes cluster with tests/cluster (CLUSTER_PASS=0 leaves that out), then on the
# same cluster the core of GitOps and progressive delivery: Argo CD syncing the staging application and
# one canary promoted and one aborted (DELIVERY_PASS=0 leaves that out; --delivery runs all of
# tests/delivery instead: blue-green, helm rollback, alerts and tracing too). Prints one row per
# suite and a final "N passed, N failed"; exits non-zero on any failure. What this script started
# (infrastructure, the stack, the cluster) is stopped again on exit; what already ran is left alone.
# Logs: .run/logs/test-all/<suite>.log
set -uo pipefail
DELIVERY_PASS=${DELIVERY_PASS:-core}
case "${1:-}" in
  --delivery) DELIVERY_PASS=full ;;
  "") ;;
  *) echo "usage: scripts/test-all.sh [--delivery]" >&2; exit 2 ;;
esac
case "$DELIVERY_PASS" in
  core | full | 0) ;;
  *) echo "DELIVERY_PASS=$DELIVERY_PASS: core (default), full (--delivery) or 0" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh --test-tools || exit 1
# The delivery pass's tools (Argo CD, Argo Rollouts, Prometheus, Alertmanager; scripts/delivery): on a fresh
# machine about 15-25 minutes of Go builds, so they build in the background at idle CPU and I/O priority
# while the suites before the cluster run (those take the CPU whenever they want it). The delivery pass
# waits for them; later runs only find the binaries there.
delivery_builds_log="$root/.run/logs/delivery-builds.log"
mkdir -p "$(dirname "$delivery_builds_log")"
delivery_builds_pid=
if [ "${CLUSTER_PASS:-1}" = 1 ] && [ "$DELIVERY_PASS" != 0 ]; then
  # Its own session, so that an early exit can stop the whole build (stop_started).
  setsid chrt --idle 0 ionice -c 3 bash -c 'bash scripts/delivery/build.sh && bash scripts/delivery/monitoring/build.sh' \
    >"$delivery_builds_log" 2>&1 </dev/null &
  delivery_builds_pid=$!
fi
source scripts/infra/common.sh
for part in sentry redis mariadb kafka fx-sandbox jaeger; do source "scripts/infra/$part.sh"; done

# Leave alone what was already running (e.g. a stack started by scripts/up.sh).
started=()
running sentry sentry || started+=(sentry)
running redis redis-server || started+=(redis)
running mariadb mariadbd || started+=(mariadb)
running kafka java || started+=(kafka)
running fx-sandbox bun || started+=(fx_sandbox)
running jaeger jaeger || started+=(jaeger)
running dapr-run dapr || started=(stack "${started[@]}")
stack_stop() { stop_group dapr-run dapr; }
cluster_started=false
cluster_stop() { if $cluster_started; then bash scripts/cluster/cluster.sh down >/dev/null 2>&1; fi; }
stop_started() {
  local part
  if [ -n "${delivery_builds_pid:-}" ]; then kill -- "-$delivery_builds_pid" 2>/dev/null; fi
  for part in "${started[@]}"; do "${part}_stop" >/dev/null; done
  cluster_stop
}
trap stop_started EXIT
bash scripts/infra.sh start --kafka || exit 1

suite_logs="$log_dir/test-all"
rm -rf "$suite_logs"
mkdir -p "$suite_logs"
rows=()
failed_logs=() # "name|kind|log" of each failed suite, shown again after the summary
total_passed=0
total_failed=0

# run_suite <name> <kind: bun|check> <command...>: bun suites count tests, checks count as one.
run_suite() {
  local name=$1 kind=$2 started_at=$EPOCHREALTIME log passed failed code
  shift 2
  log="$suite_logs/${name//[^A-Za-z0-9._-]/_}.log"
  echo "::: $name"
  "$@" 2>&1 | tee "$log"
  code=${PIPESTATUS[0]}
  if [ "$kind" = bun ]; then
    passed=$(grep -aE '^ *[0-9]+ pass$' "$log" | tail -n 1 | tr -dc 0-9)
    failed=$(grep -aE '^ *[0-9]+ fail$' "$log" | tail -n 1 | tr -dc 0-9)
    passed=${passed:-0}
    failed=${failed:-0}
    # A crash, a failing hook or "no tests found" is a failure even if no test reported one.
    if [ "$code" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
  elif [ "$code" -eq 0 ]; then
    passed=1 failed=0
  else
    passed=0 failed=1
  fi
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  local tenths=$(((${EPOCHREALTIME/./} - ${started_at/./}) / 100000))
  local seconds="$((tenths / 10)).$((tenths % 10))"
  rows+=("$(printf '%-34s %7s %7s %6ss  %s' "$name" "$passed" "$failed" "$seconds" "$([ "$failed" -eq 0 ] && echo ok || echo FAILED)")")
  [ "$failed" -eq 0 ] || failed_logs+=("$name|$kind|$log")
  echo "::: $name: $passed passed, $failed failed (${seconds}s)"
}

run_suite "lint: biome" check bunx biome check .
run_suite "typecheck: workspaces" check bun run --filter '*' typecheck
run_suite "typecheck: scripts and tests" check bunx tsc -p tsconfig.json

for dir in packages/shared services/* tools/* web; do
  [ -f "$dir/package.json" ] || continue
  if grep -q '"test":' "$dir/package.json"; then
    run_suite "unit: $dir" bun bash -c "cd '$dir' && bun run test"
  else
    run_suite "unit: $dir" bun bash -c "cd '$dir' && bun test"
  fi
done

run_suite "stack: up.sh --profile ${STACK_PROFILE:-local}" check bash scripts/up.sh --profile "${STACK_PROFILE:-local}"

# Tests never change what users see: the rates, daily aggregates, selections and ranking records of
# settled days are read now and compared once every suite has run (scripts/lib/user-data-snapshot.ts).
user_data_snapshot="$run_dir/user-data/test-all.json"
rm -f "$user_data_snapshot"
run_suite "check: user data snapshot" check bun scripts/lib/user-data-snapshot.ts take "$user_data_snapshot"

# A suite is a directory under tests/ holding *.test.ts files (tests/support and the like are not).
is_suite() {
  [ -n "$(find "tests/$1" -name node_modules -prune -o -name '*.test.ts' -print -quit 2>/dev/null)" ]
}
suites=()
while read -r suite; do
  is_suite "$suite" && suites+=("$suite")
done < <(grep -vE '^\s*(#|$)' scripts/test-suites.txt)
for dir in tests/*/; do
  suite=$(basename "$dir")
  [ "$suite" = cluster ] || [ "$suite" = delivery ] && continue # against the cluster, below
  [[ " ${suites[*]} " == *" $suite "* ]] || ! is_suite "$suite" || suites+=("$suite")
done
for suite in "${suites[@]}"; do
  run_suite "integration: tests/$suite" bun bun test --timeout 60000 "./tests/$suite"
done

# The event paths once more with Kafka as the broker (components/kafka, the production choice): the apps
# restart on that profile and the suites that publish and consume events end to end run again.
# Only when this script started the stack itself (a stack someone else started is left as it is).
if [ "${STACK_PROFILE:-local}" = local ] && [ "${KAFKA_PASS:-1}" = 1 ] && [[ " ${started[*]} " == *" stack "* ]]; then
  stack_stop
  run_suite "stack: up.sh --profile kafka" check bash scripts/up.sh --profile kafka
  for suite in ingestion currency; do
    run_suite "integration (kafka): tests/$suite" bun bun test --timeout 60000 "./tests/$suite"
  done
  # Selections: ranking-service's bulk publish of ranking.selection-recorded, consumed by history-service.
  run_suite "integration (kafka): selections" bun \
    bun test --timeout 60000 ./tests/history/selection-events.test.ts
  # The broker outage needs the Kafka profile: the reliability scenario that stops the broker.
  run_suite "integration (kafka): tests/reliability broker outage" bun \
    bun test --timeout 60000 ./tests/reliability -t "pub/sub broker stops"
fi

run_suite "check: user data unchanged" check bun scripts/lib/user-data-snapshot.ts compare "$user_data_snapshot"

# Kubernetes for real: the production chart on the one-node cluster of scripts/cluster, with Dapr's own
# chart and injector, images built here (docs/cluster.md, deploy/local-cluster/README.md). The local
# stack stops first (two cores); a cluster this script brought up goes down again at the end.
if [ "${CLUSTER_PASS:-1}" = 1 ]; then
  if [[ " ${started[*]} " == *" stack "* ]]; then stack_stop >/dev/null; fi
  bash scripts/cluster/cluster.sh kubectl get --raw /readyz >/dev/null 2>&1 || cluster_started=true
  run_suite "cluster: up" check bash scripts/cluster/cluster.sh up
  cluster_tag=$(git rev-parse --short HEAD)
  run_suite "cluster: images" check bash scripts/images/build.sh --import --tag "$cluster_tag"
  run_suite "cluster: install" check bash deploy/local-cluster/install.sh --tag "$cluster_tag"
  run_suite "integration (cluster): tests/cluster" bun bun test --timeout 60000 ./tests/cluster
  run_suite "integration (cluster): contract suites" bun bun tests/cluster/contract.ts
  # GitOps and progressive delivery on the same cluster (docs/delivery.md). The core, by default:
  # Prometheus + Alertmanager, Argo Rollouts and the test-only faulty build, Argo CD syncing the staging
  # application from a git server on the node; then its sync, self-heal, prune and pipeline deploy, and
  # one canary promoted and one aborted. --delivery: Jaeger too, and every suite of tests/delivery.
  if [ -n "$delivery_builds_pid" ]; then
    waited_from=$SECONDS
    wait "$delivery_builds_pid"
    delivery_builds_status=$?
    delivery_builds_pid=
    run_suite "delivery: tools built" check bash -c 'tail -n 4 "$1"; echo "waited $2 s for the background builds"; exit "$3"' \
      _ "$delivery_builds_log" "$((SECONDS - waited_from))" "$delivery_builds_status"
  fi
  case "$DELIVERY_PASS" in
    core)
      run_suite "delivery: install (core)" check bash scripts/delivery/install.sh --core --tag "$cluster_tag"
      run_suite "integration (delivery): argocd" bun bun test --timeout 60000 ./tests/delivery/argocd.test.ts
      run_suite "integration (delivery): canary" bun \
        bun test --timeout 60000 ./tests/delivery/rollouts.test.ts -t "^canary"
      ;;
    full)
      run_suite "delivery: install" check bash scripts/delivery/install.sh --tag "$cluster_tag"
      run_suite "integration (delivery): tests/delivery" bun bun test --timeout 60000 ./tests/delivery
      ;;
  esac
  if [ "$DELIVERY_PASS" != 0 ] && $cluster_started; then
    run_suite "delivery: uninstall" check bash scripts/delivery/install.sh uninstall
  fi
  if $cluster_started; then
    run_suite "cluster: uninstall" check bash deploy/local-cluster/install.sh uninstall
    run_suite "cluster: down" check bash scripts/cluster/cluster.sh down
    cluster_started=false
  fi
fi

echo
printf '%-34s %7s %7s %7s  %s\n' "suite" "passed" "failed" "time" "result"
printf '%s\n' "${rows[@]}"
# What failed, again at the end: a CI log is often read from its tail only.
for entry in "${failed_logs[@]}"; do
  IFS='|' read -r name kind log <<<"$entry"
  echo
  echo "--- FAILED: $name (full log: $log)"
  if [ "$kind" = bun ]; then
    grep -a '^(fail)' "$log" | sort -u | head -n 20
    tail -n 12 "$log"
  else
    tail -n 30 "$log"
  fi
done
echo
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
