#!/usr/bin/env bash
# Prometheus, Alertmanager and a recording webhook receiver in the local cluster (namespace monitoring),
# configured from the trip-service chart's own monitoring objects: its PodMonitor, PrometheusRule and
# AlertmanagerConfig are rendered with helm (values-local.yaml + deploy/local-cluster/monitoring/values.yaml)
# and turned into prometheus.yml, rule files and alertmanager.yml by scripts/delivery/monitoring/render.ts,
# since no prometheus-operator runs here. Binaries from their Go modules (monitoring/build.sh), images on
# the distroless base of scripts/images/, imported into the node like build.sh --import does.
#
#   bash scripts/delivery/monitoring.sh [install]          build (once), import, apply, configure, wait
#   bash scripts/delivery/monitoring.sh configure [--set K=V ...] [--values FILE ...]
#                                                         re-render the configuration with extra chart
#                                                         values (e.g. short alert windows for a test) and
#                                                         reload; without arguments, back to the defaults
#   bash scripts/delivery/monitoring.sh status
#   bash scripts/delivery/monitoring.sh uninstall         what install made (the namespace once it is empty)
#
# Pods reach http://prometheus.monitoring.svc:9090; this machine http://<node IP>:30090 (Prometheus),
# :30093 (Alertmanager), :30095 (the webhook's record). Needs the cluster and the trip-service chart
# (deploy/local-cluster/install.sh). Idempotent. Docs: docs/observability.md.
set -euo pipefail
delivery=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$delivery/../.." && pwd)
# scripts/images/lib.sh: the buildah storage and conventions of the project's images (expects $here).
here="$repo/scripts/images"
source "$here/lib.sh"
source "$delivery/versions.env"
PROGRESS_TAG=monitoring

NAMESPACE=monitoring
APP_NAMESPACE=trip-service
RELEASE=trip-service
CHART="$repo/helm/trip-service"
MANIFESTS="$repo/deploy/local-cluster/monitoring"
STATE="$repo/.run/monitoring"
HELM="$TRIP_CACHE/helm/$HELM_VERSION/helm"
BIN="$TRIP_CACHE/delivery"
PROMETHEUS_PORT=30090
ALERTMANAGER_PORT=30093
WEBHOOK_PORT=30095
export PATH="$TRIP_CACHE/bin:$PATH"

use_cluster() {
  [ -x "$HELM" ] || die "helm $HELM_VERSION missing at $HELM: run bash scripts/setup.sh --test-tools"
  eval "$(bash "$repo/scripts/cluster/cluster.sh" env)"
  kubectl get --raw /readyz >/dev/null 2>&1 || die "the cluster is not up: bash scripts/cluster/cluster.sh up"
  NODE_IP=$(kubectl get nodes -o jsonpath='{.items[0].status.addresses[?(@.type=="InternalIP")].address}')
  KUBE_VERSION=$(kubectl get --raw /version | sed -n 's/.*"gitVersion": *"v\([^"]*\)".*/\1/p')
}

# --- images -----------------------------------------------------------------------------------------
PROMETHEUS_TAG=$(echo "${PROMETHEUS_VERSION#v}" | sed -E 's/^0\.3([0-9]{2})\./3.\1./; s/^3\.0([0-9])\./3.\1./')
PROMETHEUS_IMAGE="$STORE_REGISTRY/prometheus:$PROMETHEUS_TAG"
ALERTMANAGER_IMAGE="$STORE_REGISTRY/alertmanager:${ALERTMANAGER_VERSION#v}"
# Tagged by its script's content: a changed receiver is a new image, never a stale one on the node.
WEBHOOK_IMAGE="$STORE_REGISTRY/alert-webhook:$(hash_files "$delivery/monitoring/webhook-receiver.ts")"

# build_go_image REF BINARY: BINARY at /bin/<name> on the distroless base, user nobody (as upstream).
build_go_image() {
  build_from_files "$1" "$DISTROLESS_BASE_IMAGE" "$delivery/monitoring/files/Containerfile" "$2" -- "BIN=$(basename "$2")"
}

build_webhook_image() {
  build_from_files "$WEBHOOK_IMAGE" "$BUN_DISTROLESS_IMAGE" "$delivery/monitoring/files/webhook.Containerfile" \
    "$delivery/monitoring/webhook-receiver.ts"
}

build_images() {
  local base
  for base in "$DISTROLESS_BASE_IMAGE" "$BUN_DISTROLESS_IMAGE"; do
    [ -n "$(image_id "$base")" ] || die "$base missing: bash scripts/images/build.sh --only bases"
  done
  build_go_image "$PROMETHEUS_IMAGE" "$BIN/prometheus/$PROMETHEUS_VERSION/prometheus"
  build_go_image "$ALERTMANAGER_IMAGE" "$BIN/alertmanager/$ALERTMANAGER_VERSION/alertmanager"
  build_webhook_image
}

# archive REF: $ARCHIVES/monitoring/<name>.tar (docker-archive), rewritten only when the image changed.
# buildah push, not podman save as scripts/images/export.sh: it reads the storage alone, with no podman
# database that could name another storage location (one copied from elsewhere does).
archive() {
  local ref=$1 name out id
  name=${ref##*/}
  out="$ARCHIVES/monitoring/${name%%:*}.tar"
  id=$(image_id "$ref")
  if [ -f "$out" ] && [ "$(cat "$out.id" 2>/dev/null)" = "$id" ]; then
    echo "$out"
    return
  fi
  mkdir -p "$(dirname "$out")"
  rm -f "$out" "$out.id"
  buildah push --quiet "$ref" "docker-archive:$out.tmp:$ref" >/dev/null
  mv "$out.tmp" "$out"
  echo "$id" >"$out.id"
  echo "$out"
}

# Imported only when the node lacks one of them; containerd skips the layers it already has.
import_images() {
  local images=("$PROMETHEUS_IMAGE" "$ALERTMANAGER_IMAGE" "$WEBHOOK_IMAGE") listed ref archives=()
  listed=$(kubectl get node -o jsonpath='{range .items[0].status.images[*]}{range .names[*]}{@}{"\n"}{end}{end}')
  for ref in "${images[@]}"; do
    grep -qxF "$ref" <<<"$listed" || archives+=("$(archive "$ref")")
  done
  if [ ${#archives[@]} -gt 0 ]; then
    bash "$repo/scripts/cluster/cluster.sh" import "${archives[@]}"
  else
    log "images already on the node"
  fi
}

# --- configuration ----------------------------------------------------------------------------------
# render_config [helm args...]: the chart's monitoring objects → $STATE/config (render.ts).
render_config() {
  "$HELM" template "$RELEASE" "$CHART" --namespace "$APP_NAMESPACE" --kube-version "$KUBE_VERSION" \
    --values "$CHART/values-local.yaml" --values "$MANIFESTS/values.yaml" "$@" \
    --show-only templates/monitoring/pod-monitor.yaml --show-only templates/monitoring/prometheus-rule.yaml \
    --show-only templates/monitoring/alertmanager-config.yaml |
    bun "$delivery/monitoring/render.ts" --out "$STATE/config" --evaluation-interval 5s \
      --alertmanager "alertmanager.$NAMESPACE.svc:9093" >/dev/null
  CONFIG_ID=$(cat "$STATE/config/config-id")
  AM_CONFIG_ID=$(sha256sum <"$STATE/config/alertmanager.yml" | cut -c1-12)
}

apply_config() {
  local files=() f
  for f in "$STATE"/config/*.rules.yaml "$STATE/config/prometheus.yml"; do files+=(--from-file "$f"); done
  kubectl -n "$NAMESPACE" create configmap prometheus-config "${files[@]}" --dry-run=client -o yaml |
    kubectl apply -f - >/dev/null
  kubectl -n "$NAMESPACE" create configmap alertmanager-config --from-file "$STATE/config/alertmanager.yml" \
    --dry-run=client -o yaml | kubectl apply -f - >/dev/null
}

prometheus_url() { echo "http://$NODE_IP:$PROMETHEUS_PORT"; }

# Prometheus reloads in place (its TSDB stays). The kubelet refreshes a ConfigMap volume on its own
# schedule (up to a minute or so); touching the pod makes it sync the pod, and the volume, at once. The
# loaded configuration names the rule files, whose names carry the config id.
reload_prometheus() {
  local deadline=$((SECONDS + 120)) pod
  pod=$(kubectl -n "$NAMESPACE" get pods -l app.kubernetes.io/name=prometheus \
    -o jsonpath='{range .items[*]}{.metadata.name}{" "}{.metadata.deletionTimestamp}{"\n"}{end}' | awk 'NF == 1 { print $1; exit }')
  [ -n "$pod" ] || die "no Prometheus pod in $NAMESPACE"
  kubectl -n "$NAMESPACE" annotate pod "$pod" --overwrite "trip-monitoring/config-id=$CONFIG_ID" >/dev/null
  until curl -fsS --max-time 5 "$(prometheus_url)/api/v1/status/config" 2>/dev/null | grep -q "\.$CONFIG_ID\.rules\.yaml"; do
    [ $SECONDS -lt $deadline ] || die "Prometheus did not load configuration $CONFIG_ID within 120s"
    curl -fsS --max-time 10 -X POST "$(prometheus_url)/-/reload" >/dev/null 2>&1 || true
    sleep 2
  done
}

# Alertmanager restarts when its own file changed: the pod template carries that file's hash.
restart_alertmanager_if_changed() {
  kubectl -n "$NAMESPACE" patch deployment alertmanager --type merge -p \
    "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"trip-monitoring/config-id\":\"$AM_CONFIG_ID\"}}}}}" >/dev/null
  kubectl -n "$NAMESPACE" rollout status deploy/alertmanager --timeout=120s >/dev/null
}

apply_namespace() { kubectl apply -f "$MANIFESTS/namespace.yaml" >/dev/null; }

apply_workloads() {
  local file
  for file in prometheus.yaml alertmanager.yaml alert-webhook.yaml; do
    PROMETHEUS_IMAGE=$PROMETHEUS_IMAGE ALERTMANAGER_IMAGE=$ALERTMANAGER_IMAGE WEBHOOK_IMAGE=$WEBHOOK_IMAGE \
      AM_CONFIG_ID=$AM_CONFIG_ID envsubst '${PROMETHEUS_IMAGE} ${ALERTMANAGER_IMAGE} ${WEBHOOK_IMAGE} ${AM_CONFIG_ID}' \
      <"$MANIFESTS/$file"
    echo "---"
  done | kubectl apply -f - >/dev/null
}

wait_ready() {
  local workload
  for workload in deploy/prometheus deploy/alertmanager deploy/alert-webhook; do
    kubectl -n "$NAMESPACE" rollout status "$workload" --timeout=180s >/dev/null ||
      { kubectl -n "$NAMESPACE" get pods >&2; die "$workload did not become ready"; }
  done
}

# Every app pod of the release has both its endpoints (app /metrics, daprd metrics) scraped and up.
wait_targets() {
  local deadline=$((SECONDS + 90)) pods want up
  pods=$(kubectl -n "$APP_NAMESPACE" get pods -l "trip-service/tier=app,app.kubernetes.io/instance=$RELEASE" \
    --field-selector=status.phase=Running --no-headers | wc -l)
  want=$((pods * 2))
  while :; do
    up=$(curl -fsS --max-time 5 "$(prometheus_url)/api/v1/query" \
      --data-urlencode "query=count(up{namespace=\"$APP_NAMESPACE\"} == 1)" |
      sed -n 's/.*"value":\[[0-9.]*,"\([0-9]*\)"\].*/\1/p')
    [ "${up:-0}" -ge "$want" ] && break
    [ $SECONDS -lt $deadline ] || die "only ${up:-0} of $want targets up in $APP_NAMESPACE (see $(prometheus_url)/api/v1/targets)"
    sleep 2
  done
  log "$up targets up ($pods app pods × app + daprd)"
}

cmd_install() {
  step "cluster reachable" use_cluster
  step "binaries (prometheus, alertmanager, amtool)" bash "$delivery/monitoring/build.sh"
  step "images" build_images
  step "import into the node" import_images
  mkdir -p "$STATE"
  step "configuration rendered from the chart" render_config
  step "check with promtool/amtool" check_config
  step "namespace, configuration, workloads applied" eval 'apply_namespace; apply_config; apply_workloads'
  step "ready" wait_ready
  step "configuration $CONFIG_ID loaded" reload_prometheus
  step "targets up" wait_targets
  log "installed in $(since "$t0_script")s — Prometheus $(prometheus_url), Alertmanager http://$NODE_IP:$ALERTMANAGER_PORT, webhook http://$NODE_IP:$WEBHOOK_PORT/alerts"
}

# promtool (the same Prometheus module, built by scripts/setup/test-tools.sh) and amtool check what
# was rendered before it reaches the cluster.
check_config() {
  local promtool="$TRIP_CACHE/promtool/$PROMETHEUS_VERSION/promtool" amtool="$BIN/amtool/$ALERTMANAGER_VERSION/amtool"
  if [ -x "$promtool" ]; then
    "$promtool" check rules "$STATE"/config/*.rules.yaml >/dev/null
  else
    log "promtool not built (bash scripts/setup.sh --test-tools): rule files not checked here"
  fi
  "$amtool" check-config "$STATE/config/alertmanager.yml" >/dev/null
}

cmd_configure() {
  use_cluster
  mkdir -p "$STATE"
  render_config "$@"
  check_config
  apply_config
  reload_prometheus
  restart_alertmanager_if_changed
  log "configuration $CONFIG_ID loaded${*:+ (with $*)}"
}

cmd_status() {
  use_cluster
  kubectl -n "$NAMESPACE" get pods,svc 2>/dev/null || { echo "monitoring: not installed"; return; }
  echo "Prometheus $(prometheus_url): $(curl -fsS --max-time 5 "$(prometheus_url)/api/v1/query" \
    --data-urlencode 'query=sum by (namespace) (up)' | tr -d '\n' | head -c 400)"
  echo "Alertmanager http://$NODE_IP:$ALERTMANAGER_PORT: $(curl -fsS --max-time 5 \
    "http://$NODE_IP:$ALERTMANAGER_PORT/api/v2/alerts?active=true" | grep -o '"alertname":"[^"]*"' | sort | uniq -c | tr -s ' ' | tr '\n' ' ')"
  echo "webhook http://$NODE_IP:$WEBHOOK_PORT: $(curl -fsS --max-time 5 "http://$NODE_IP:$WEBHOOK_PORT/health")"
}

# Removes only what install made (label app.kubernetes.io/managed-by=trip-monitoring, the two ConfigMaps);
# the namespace goes only once nothing else lives in it (other tools may share it, e.g. a trace collector).
cmd_uninstall() {
  use_cluster
  local mine=app.kubernetes.io/managed-by=trip-monitoring
  kubectl -n "$NAMESPACE" delete deployment,service,serviceaccount -l "$mine" --ignore-not-found --wait=true >/dev/null
  kubectl -n "$NAMESPACE" delete configmap prometheus-config alertmanager-config --ignore-not-found >/dev/null
  kubectl delete clusterrolebinding,clusterrole -l "$mine" --ignore-not-found >/dev/null
  if [ -z "$(kubectl -n "$NAMESPACE" get deployment,statefulset,daemonset,service,configmap -o name 2>/dev/null |
    grep -v '^configmap/kube-root-ca.crt$')" ]; then
    # Only a namespace this script made (it carries the label); kubectl takes a name or a selector, not both.
    if [ "$(kubectl get namespace "$NAMESPACE" --ignore-not-found \
      -o jsonpath='{.metadata.labels.app\.kubernetes\.io/managed-by}')" = trip-monitoring ]; then
      kubectl delete namespace "$NAMESPACE" --ignore-not-found --timeout=120s >/dev/null
    fi
  else
    log "namespace $NAMESPACE kept: other workloads live in it"
  fi
  rm -rf "$STATE"
  log "uninstalled in $(since "$t0_script")s"
}

command=install
[ $# -gt 0 ] && case "$1" in install | configure | status | uninstall) command=$1; shift ;; esac
case "$command" in
  configure) ;;
  *) [ $# -eq 0 ] || die "unknown argument: $1 (see the header of $0)" ;;
esac
[ "$(id -u)" = 0 ] || die "run as root (buildah's storage and the cluster's admin kubeconfig need it)"
"cmd_$command" "$@"
