#!/usr/bin/env bash
# Tracing on the local cluster: Jaeger (scripts/setup/jaeger.sh's binary, on the distroless base of
# scripts/images/) in the namespace `monitoring` (deploy/local-cluster/tracing/), and the trip-service release
# pointed at it: every sidecar and every app sends its spans there over OTLP/HTTP, all requests sampled.
#
#   bash scripts/delivery/tracing.sh [install]   build the image (once), import it, apply, wait, point the
#                                                release at the collector (helm upgrade, reusing its values; only
#                                                when it is not already: the apps' pods roll once)
#   bash scripts/delivery/tracing.sh status
#   bash scripts/delivery/tracing.sh uninstall   the release's tracing values back as install found them,
#                                                then Jaeger's objects (the namespace stays: it is shared)
#
# The query API from this machine: http://<node IP>:30686/api/traces?service=web (docs/tracing.md).
# Needs the cluster and the trip-service chart (deploy/local-cluster/install.sh). Idempotent.
set -euo pipefail
delivery=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$delivery/../.." && pwd)
# scripts/images/lib.sh: the buildah storage and conventions of the project's images (expects $here).
here="$repo/scripts/images"
source "$here/lib.sh"
source "$here/base.sh"   # build_distroless_base
source "$here/export.sh" # write_archive
source "$delivery/versions.env"
PROGRESS_TAG=tracing

NAMESPACE=monitoring
RELEASE=trip-service
RELEASE_NAMESPACE=default # where install.sh keeps the release record
CHART="$repo/helm/trip-service"
MANIFESTS="$repo/deploy/local-cluster/tracing"
STATE="$repo/.run/local-cluster/tracing"
HELM="$TRIP_CACHE/helm/$HELM_VERSION/helm"
JAEGER_BIN="$TRIP_CACHE/delivery/jaeger/$JAEGER_VERSION/jaeger"
JAEGER_IMAGE="$STORE_REGISTRY/jaeger:${JAEGER_VERSION#v}"
COLLECTOR=jaeger-collector.$NAMESPACE.svc.cluster.local:4318
QUERY_NODE_PORT=30686
SAMPLING_RATE=1
LABEL=app.kubernetes.io/part-of=trip-tracing
export PATH="$TRIP_CACHE/bin:$PATH"

use_cluster() {
  [ -x "$HELM" ] || die "helm $HELM_VERSION missing at $HELM: run bash scripts/setup.sh --test-tools"
  eval "$(bash "$repo/scripts/cluster/cluster.sh" env)"
  kubectl get --raw /readyz >/dev/null 2>&1 || die "the cluster is not up: bash scripts/cluster/cluster.sh up"
  NODE=$(kubectl get nodes -o jsonpath='{.items[0].metadata.name}')
  NODE_IP=$(kubectl get nodes -o jsonpath='{.items[0].status.addresses[?(@.type=="InternalIP")].address}')
}

# --- the image ----------------------------------------------------------------------------------------
build_image() {
  # The binary the local stack runs too; built by setup, so normally only checked here.
  bash "$repo/scripts/setup/jaeger.sh" >/dev/null
  build_distroless_base
  build_from_files "$JAEGER_IMAGE" "$DISTROLESS_BASE_IMAGE" "$MANIFESTS/Containerfile" "$JAEGER_BIN"
}

import_image() {
  local listed
  listed=$(kubectl get node "$NODE" -o jsonpath='{range .status.images[*]}{range .names[*]}{@}{"\n"}{end}{end}')
  write_archive jaeger "$JAEGER_IMAGE"
  if grep -qxF "$JAEGER_IMAGE" <<<"$listed" && [ "$ARCHIVES/jaeger.tar" -ot "$STATE/imported" ]; then
    log "$JAEGER_IMAGE: on the node"
    return
  fi
  bash "$repo/scripts/cluster/cluster.sh" import "$ARCHIVES/jaeger.tar" >/dev/null
  mkdir -p "$STATE" && touch "$STATE/imported"
  log "$JAEGER_IMAGE: imported"
}

# --- Jaeger ---------------------------------------------------------------------------------------------
apply_jaeger() {
  if ! kubectl get namespace "$NAMESPACE" >/dev/null 2>&1; then
    # Shared with the monitoring stack (scripts/delivery/monitoring.sh), which makes it the same way.
    kubectl create namespace "$NAMESPACE" >/dev/null
    kubectl label namespace "$NAMESPACE" pod-security.kubernetes.io/enforce=restricted \
      pod-security.kubernetes.io/warn=restricted >/dev/null
  fi
  sed -e "s|JAEGER_IMAGE|$JAEGER_IMAGE|" -e "s|CONFIG_HASH|$(hash_files "$MANIFESTS/jaeger.yaml")|" \
    "$MANIFESTS/jaeger.yaml" | kubectl apply -f - >/dev/null
  kubectl -n "$NAMESPACE" rollout status deployment/jaeger --timeout=120s >/dev/null ||
    die "jaeger did not become ready: kubectl -n $NAMESPACE describe pod -l app.kubernetes.io/name=jaeger"
  # kube-proxy programs a new NodePort a moment after the pod is Ready.
  local tries=0
  until curl -fs --max-time 2 -o /dev/null "http://$NODE_IP:$QUERY_NODE_PORT/api/services"; do
    tries=$((tries + 1))
    [ "$tries" -lt 30 ] || die "the query API does not answer on http://$NODE_IP:$QUERY_NODE_PORT"
    sleep 1
  done
  log "jaeger: ready, query API http://$NODE_IP:$QUERY_NODE_PORT"
}

# --- the trip-service release ---------------------------------------------------------------------------
# release_tracing: "<otlpEndpoint> <samplingRate>" of the deployed release (all values, defaults included).
release_tracing() {
  "$HELM" -n "$RELEASE_NAMESPACE" get values "$RELEASE" --all -o json |
    bun -e 'const t = JSON.parse(await Bun.stdin.text()).dapr.tracing;
console.log(`${t.otlpEndpoint || "-"} ${t.samplingRate}`);'
}

# upgrade_release ENDPOINT RATE: the release with other tracing values, everything else as deployed
# (--reset-then-reuse-values: the chart's own defaults, then the release's values, then these two).
upgrade_release() {
  "$HELM" upgrade "$RELEASE" "$CHART" -n "$RELEASE_NAMESPACE" --reset-then-reuse-values \
    --set-string "dapr.tracing.otlpEndpoint=$1" --set-string "dapr.tracing.samplingRate=$2" \
    --wait --timeout 5m >/dev/null
}

point_release() {
  "$HELM" -n "$RELEASE_NAMESPACE" status "$RELEASE" >/dev/null 2>&1 ||
    die "no $RELEASE release: bash deploy/local-cluster/install.sh"
  local current
  current=$(release_tracing)
  if [ "$current" = "$COLLECTOR $SAMPLING_RATE" ]; then
    log "$RELEASE: already traced to $COLLECTOR"
    return
  fi
  # What uninstall puts back; kept from the first install only (a second one finds it already pointed).
  mkdir -p "$STATE"
  [ -f "$STATE/release-before" ] || echo "$current" >"$STATE/release-before"
  # The Configuration and the apps' environment change: every app pod rolls once, its sidecar with it.
  upgrade_release "$COLLECTOR" "$SAMPLING_RATE"
  log "$RELEASE: sidecars and apps export to $COLLECTOR, sampling rate $SAMPLING_RATE"
}

# --- commands -------------------------------------------------------------------------------------------
cmd_install() {
  use_cluster
  step "image" build_image
  step "import" import_image
  step "jaeger" apply_jaeger
  step "release" point_release
  log "installed in $(since "$t0_script")s; open http://$NODE_IP:$QUERY_NODE_PORT/api/traces?service=web&limit=5"
}

cmd_status() {
  use_cluster
  kubectl -n "$NAMESPACE" get deployment,pods,services -l "$LABEL" -o wide
  echo "release tracing (otlpEndpoint samplingRate): $(release_tracing)"
  if curl -fs --max-time 5 -o /dev/null "http://$NODE_IP:$QUERY_NODE_PORT/api/services"; then
    echo "query API: http://$NODE_IP:$QUERY_NODE_PORT (services: $(curl -fs "http://$NODE_IP:$QUERY_NODE_PORT/api/services" |
      bun -e 'console.log((JSON.parse(await Bun.stdin.text()).data ?? []).join(" "))'))"
  else
    echo "query API: down"
    return 1
  fi
}

cmd_uninstall() {
  use_cluster
  # Only a release still pointed here by install is put back (another upgrade since may have done it).
  if [ -f "$STATE/release-before" ] && [ "$(release_tracing)" = "$COLLECTOR $SAMPLING_RATE" ]; then
    local endpoint rate
    read -r endpoint rate <"$STATE/release-before"
    [ "$endpoint" = - ] && endpoint=""
    upgrade_release "$endpoint" "$rate"
    log "$RELEASE: tracing values back to '${endpoint}' / $rate"
  fi
  kubectl -n "$NAMESPACE" delete deployment,service,configmap -l "$LABEL" --ignore-not-found --wait >/dev/null
  rm -rf "$STATE"
  log "uninstalled in $(since "$t0_script")s"
}

command=install
[ $# -gt 0 ] && case "$1" in install | status | uninstall) command=$1; shift ;; esac
[ $# -eq 0 ] || die "unknown argument: $1 (usage: tracing.sh [install|status|uninstall])"
[ "$(id -u)" = 0 ] || die "run as root (buildah's storage and the cluster's admin kubeconfig need it)"
"cmd_$command"
