#!/usr/bin/env bash
# Installs Trip Service into the local one-node cluster (scripts/cluster/) the way production installs it:
# Dapr's own Helm chart from the pinned dapr module (same version as daprd, mTLS on) into dapr-system, the
# Secrets from deploy/create-secrets.sh, then the trip-service chart with helm/trip-service/values-local.yaml.
# Waits until every pod is Ready and prints how long each step took. Idempotent: a second run changes
# nothing that is already right and returns in seconds.
#
#   bash deploy/local-cluster/install.sh [install] [--tag TAG]   TAG: the app images' tag (default: what
#                                                                scripts/images/build.sh uses, git short HEAD)
#   bash deploy/local-cluster/install.sh status
#   bash deploy/local-cluster/install.sh uninstall                removes all of it: both releases, their
#                                                                namespaces, Dapr's CRDs, volumes, data, sandbox
#
# Needs: the cluster up (bash scripts/cluster/cluster.sh up) and the images imported
# (bash scripts/images/build.sh --import). Choices and their reasons: deploy/local-cluster/README.md.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
source "$repo/scripts/setup/cache-dir.sh"
source "$repo/scripts/setup/versions.env"
# Image names scripts/images/ builds (DAPR_REGISTRY; the file expands BUN_VERSION from versions.env).
source "$repo/scripts/images/versions.env"

NAMESPACE=trip-service
RELEASE=trip-service
# Where Helm keeps the release record. Not the release's own namespace: the chart renders that Namespace,
# so `helm uninstall` deletes it, and could then not purge a record kept inside it.
RELEASE_NAMESPACE=default
DAPR_NAMESPACE=dapr-system
DAPR_RELEASE=dapr
CHART="$repo/helm/trip-service"
VALUES="$CHART/values-local.yaml"
# No dynamic provisioner here: local PersistentVolumes of this class, backed by directories under VOLUMES.
STORAGE_CLASS=trip-local
VOLUMES=/var/lib/trip-local-volumes
VOLUME_LABEL=app.kubernetes.io/managed-by=trip-local-volumes
# The FX sandbox the in-cluster ingestor calls (values-local.yaml: dapr.fxProvider.url). 8091, not the
# local stack's 8090: the two sandboxes (and their clocks) stay apart, and the local stack's port is loopback-only.
FX_PORT=8091
STATE="$repo/.run/local-cluster"
HELM="$TRIP_CACHE/helm/$HELM_VERSION/helm"
export PATH="$TRIP_CACHE/bin:$PATH"

PROGRESS_TAG=local-cluster
source "$repo/scripts/lib/progress.sh" # since, log, die, step

# --- tools and the cluster --------------------------------------------------------------------------
use_cluster() {
  [ -x "$HELM" ] || die "helm $HELM_VERSION missing at $HELM: run bash scripts/setup.sh --test-tools"
  # The cluster's own kubectl and admin kubeconfig (KUBECONFIG=.run/cluster/kubeconfig).
  eval "$(bash "$repo/scripts/cluster/cluster.sh" env)"
  command -v kubectl >/dev/null || die "kubectl missing: bash scripts/cluster/cluster.sh build"
  kubectl get --raw /readyz >/dev/null 2>&1 || die "the cluster is not up: bash scripts/cluster/cluster.sh up"
  NODE=$(kubectl get nodes -o jsonpath='{.items[0].metadata.name}')
  NODE_IP=$(kubectl get nodes -o jsonpath='{.items[0].status.addresses[?(@.type=="InternalIP")].address}')
  # `helm template` renders for this server's version (offline it would assume an old one).
  KUBE_VERSION=$(kubectl get --raw /version | sed -n 's/.*"gitVersion": *"v\([^"]*\)".*/\1/p')
  # values-local.yaml names the node IP (CORS origin, FX sandbox URL): it must be this cluster's.
  grep -q "url: http://$NODE_IP:$FX_PORT\$" "$VALUES" ||
    die "values-local.yaml does not point at this node's IP $NODE_IP (dapr.fxProvider.url, config.corsOrigins)"
}

dapr_chart() {
  local dir
  dir="$(go env GOMODCACHE)/github.com/dapr/dapr@$DAPR_VERSION/charts/dapr"
  if [ ! -f "$dir/Chart.yaml" ]; then
    # The same module daprd and the Dapr images are built from (scripts/setup/dapr.sh); normally cached.
    GOFLAGS=-mod=mod GONOSUMDB='*' go mod download "github.com/dapr/dapr@$DAPR_VERSION" >&2
  fi
  echo "$dir"
}

# Dapr's chart values: the images scripts/images/dapr.sh built under the names the chart derives
# (global.registry/<name>:global.tag), never pulled; mTLS on (Sentry), as production.
dapr_values() {
  local values=(
    "global.registry=$DAPR_REGISTRY" "global.tag=${DAPR_VERSION#v}"
    global.imagePullPolicy=Never dapr_sidecar_injector.sidecarImagePullPolicy=Never
    global.mtls.enabled=true global.logAsJson=true
    # Pod Security "restricted" admits the injected daprd only with every capability dropped.
    dapr_sidecar_injector.sidecarDropALLCapabilities=true
    # The scheduler's three etcd members keep their data on volumes: local PVs of our class.
    "dapr_scheduler.cluster.storageClassName=$STORAGE_CLASS"
  )
  printf -- '--set\n%s\n' "${values[@]}"
}

app_values() {
  printf -- '%s\n' --values "$VALUES" --set-string "image.tag=$TAG"
}

# --- images -----------------------------------------------------------------------------------------
# Every image both charts run (and the daprd the injector adds) must already be on the node: nothing is
# pulled. Checked before anything is installed, so a wrong tag never replaces running pods with pods that
# cannot start. The kubelet lists at most 50 images in the node status; with more, the check is skipped.
# An image imported a moment ago shows there only after the kubelet's image list refresh (every 30 s) and
# its next node status update: on a busy machine that took longer than 30 s, so the check waits 120 s.
check_images() {
  local wanted listed count missing ref deadline=$((SECONDS + 120)) dapr_args app_args
  mapfile -t dapr_args < <(dapr_values)
  mapfile -t app_args < <(app_values)
  mapfile -t wanted < <({ "$HELM" template "$DAPR_RELEASE" "$(dapr_chart)" --namespace "$DAPR_NAMESPACE" \
      --kube-version "$KUBE_VERSION" "${dapr_args[@]}"
    "$HELM" template "$RELEASE" "$CHART" --namespace "$NAMESPACE" --kube-version "$KUBE_VERSION" "${app_args[@]}"
    echo "image: $DAPR_REGISTRY/daprd:${DAPR_VERSION#v}"; } |
    sed -n 's/^ *image: *"\{0,1\}\([^" ]*\)"\{0,1\} *$/\1/p' | sort -u)
  while :; do
    listed=$(kubectl get node "$NODE" -o jsonpath='{range .status.images[*]}{range .names[*]}{@}{"\n"}{end}{end}')
    count=$(kubectl get node "$NODE" -o jsonpath='{range .status.images[*]}{.sizeBytes}{"\n"}{end}' | wc -l)
    if [ "$count" -ge 50 ]; then
      log "the node lists $count images (the kubelet's maximum): not checking for the ${#wanted[@]} needed"
      return
    fi
    missing=()
    for ref in "${wanted[@]}"; do grep -qxF "$ref" <<<"$listed" || missing+=("$ref"); done
    [ ${#missing[@]} -eq 0 ] && break
    if [ $SECONDS -ge $deadline ]; then
      die "not on the node: ${missing[*]}
  build and import them: bash scripts/images/build.sh --import --tag $TAG
  app tags on the node: $(grep -o "^${APP_REGISTRY}/web:.*" <<<"$listed" | sed 's/.*://' | tr '\n' ' ')"
    fi
    # The kubelet refreshes its image list every few seconds after an import.
    sleep 3
  done
  log "${#wanted[@]} images present on the node"
}

# --- volumes ----------------------------------------------------------------------------------------
# One local PV per claim of every StatefulSet of both charts (volumes.ts), pre-bound to it. A PV left
# Released by a deleted claim (namespace removed without uninstall) still holds the old data and
# refuses a new claim: it is wiped and made again, like a fresh dynamic volume would be.
ensure_volumes() {
  local pv claim dapr_args app_args
  for pv in $(kubectl get pv -l "$VOLUME_LABEL" -o jsonpath='{range .items[?(@.status.phase=="Released")]}{.metadata.name}{"\n"}{end}'); do
    claim=$(kubectl get pv "$pv" -o jsonpath='{.spec.local.path}')
    log "volume $pv was released by its claim: wiping $claim and recreating it"
    kubectl delete pv "$pv" --wait=true >/dev/null
    [[ $claim == "$VOLUMES"/* ]] && rm -rf "$claim"
  done
  mapfile -t dapr_args < <(dapr_values)
  mapfile -t app_args < <(app_values)
  { "$HELM" template "$DAPR_RELEASE" "$(dapr_chart)" --namespace "$DAPR_NAMESPACE" --kube-version "$KUBE_VERSION" \
      "${dapr_args[@]}"
    echo "---"
    "$HELM" template "$RELEASE" "$CHART" --namespace "$NAMESPACE" --kube-version "$KUBE_VERSION" "${app_args[@]}"; } |
    bun "$here/volumes.ts" --node "$NODE" --root "$VOLUMES" --class "$STORAGE_CLASS" |
    kubectl apply -f - >/dev/null
  log "$(kubectl get pv -l "$VOLUME_LABEL" --no-headers | wc -l) local volumes of class $STORAGE_CLASS under $VOLUMES"
}

# --- waiting ----------------------------------------------------------------------------------------
# Prints the pods of a namespace that are not Ready, with the reason a container waits, if any
# ("deleting" for a pod on its way out, e.g. of a replaced ReplicaSet).
pods_not_ready() {
  kubectl -n "$1" get pods -o jsonpath='{range .items[*]}{.metadata.name}{" "}{.status.phase}{" ready="}{.status.conditions[?(@.type=="Ready")].status}{" "}{.metadata.deletionTimestamp}{" "}{.status.containerStatuses[*].state.waiting.reason}{" "}{.status.initContainerStatuses[*].state.waiting.reason}{"\n"}{end}' |
    awk '$2 != "Succeeded" && $3 != "ready=True" { if ($4 ~ /^[0-9]{4}-/) $4 = "deleting"; print }'
}
diagnose() {
  local namespace=$1 pod
  kubectl -n "$namespace" get pods -o wide >&2 || true
  for pod in $(pods_not_ready "$namespace" | awk '{print $1}'); do
    echo "--- $namespace/$pod" >&2
    kubectl -n "$namespace" describe pod "$pod" | sed -n '/^Events:/,$p' | tail -n 15 >&2 || true
    kubectl -n "$namespace" logs "$pod" --all-containers --tail 15 >&2 || true
  done
}
# wait_ready NAMESPACE TIMEOUT WORKLOAD...: until every rollout is complete and every pod Ready. Fails at
# once on a reason that never heals by waiting (an image that is not on the node, a missing Secret key).
wait_ready() {
  local namespace=$1 timeout=$2 s=$EPOCHREALTIME
  shift 2
  local deadline=$((SECONDS + timeout)) pending=("$@") still workload fatal pod
  local -A stuck_since=()
  while :; do
    # A pod that stays stuck on such a reason for 20 s (not one being replaced) never recovers by waiting.
    fatal=$(pods_not_ready "$namespace" | grep -v ' deleting ' |
      grep -E 'ErrImageNeverPull|InvalidImageName|CreateContainerConfigError' || true)
    for pod in $(awk '{print $1}' <<<"$fatal"); do
      : "${stuck_since[$pod]:=$SECONDS}"
      if [ $((SECONDS - stuck_since[$pod])) -ge 20 ]; then
        diagnose "$namespace"
        die "pods in $namespace cannot start: $fatal"
      fi
    done
    still=()
    for workload in "${pending[@]}"; do
      kubectl -n "$namespace" rollout status "$workload" --timeout=3s >/dev/null 2>&1 || still+=("$workload")
    done
    pending=("${still[@]}")
    if [ ${#pending[@]} -eq 0 ] && [ -z "$(pods_not_ready "$namespace")" ]; then break; fi
    if [ $SECONDS -ge $deadline ]; then
      diagnose "$namespace"
      die "timed out after ${timeout}s waiting for ${pending[*]:-pods} in $namespace"
    fi
    sleep 2
  done
  log "$namespace: every pod Ready ($(since "$s")s)"
}

# --- Dapr -------------------------------------------------------------------------------------------
install_dapr() {
  local args
  mapfile -t args < <(dapr_values)
  "$HELM" upgrade --install "$DAPR_RELEASE" "$(dapr_chart)" --namespace "$DAPR_NAMESPACE" --create-namespace \
    --history-max 3 "${args[@]}" >/dev/null
  # The injector must answer before an app pod is created: its webhook ignores failures, so a pod made
  # while it is down would run without a sidecar.
  wait_ready "$DAPR_NAMESPACE" 600 deploy/dapr-operator deploy/dapr-sentry deploy/dapr-sidecar-injector \
    statefulset/dapr-placement-server statefulset/dapr-scheduler-server
}

# --- namespace and Secrets --------------------------------------------------------------------------
# The chart renders its Namespace (Pod Security labels). The Secrets must exist before the pods that read
# them, so the Namespace is applied first, annotated for Helm to adopt it as the release's own.
ensure_namespace() {
  local args
  mapfile -t args < <(app_values)
  "$HELM" template "$RELEASE" "$CHART" --namespace "$NAMESPACE" --kube-version "$KUBE_VERSION" "${args[@]}" \
    --show-only templates/namespace.yaml |
    kubectl apply -f - >/dev/null
  kubectl annotate --overwrite namespace "$NAMESPACE" \
    "meta.helm.sh/release-name=$RELEASE" "meta.helm.sh/release-namespace=$RELEASE_NAMESPACE" >/dev/null
}
SECRETS=(trip-service-secrets trip-service-dapr-api-token trip-service-app-api-token admin-token user-hash-salt)
ensure_secrets() {
  local name present=0
  for name in "${SECRETS[@]}"; do
    kubectl -n "$NAMESPACE" get secret "$name" >/dev/null 2>&1 && present=$((present + 1))
  done
  if [ "$present" -eq "${#SECRETS[@]}" ]; then
    log "Secrets exist (kept: rotation is deliberate, see deploy/create-secrets.sh)"
  elif [ "$present" -eq 0 ]; then
    # Random values; the MariaDB DSN points at the in-chart MariaDB of this namespace.
    NAMESPACE=$NAMESPACE bash "$repo/deploy/create-secrets.sh" | sed 's/^/  /'
  else
    die "only $present of the ${#SECRETS[@]} Secrets exist in $NAMESPACE: run uninstall, then install"
  fi
}

# --- the FX sandbox for the pods --------------------------------------------------------------------
# Pods cannot reach the host's loopback, where scripts/infra runs the sandbox. A second instance listens
# on the node IP (the CNI bridge's address, reachable from every pod and from this machine only).
fx_running() {
  local pid exe
  [ -f "$STATE/fx-sandbox.pid" ] || return 1
  read -r pid exe <"$STATE/fx-sandbox.pid"
  [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$exe" ]
}
fx_healthy() { curl -fs -o /dev/null --max-time 2 "http://$NODE_IP:$FX_PORT/health"; }
ensure_fx_sandbox() {
  if fx_running && fx_healthy; then
    log "FX sandbox already serving http://$NODE_IP:$FX_PORT"
    return
  fi
  stop_fx_sandbox
  mkdir -p "$STATE"
  HOST=$NODE_IP PORT=$FX_PORT setsid bun "$repo/tools/fx-sandbox/src/main.ts" >>"$STATE/fx-sandbox.log" 2>&1 </dev/null &
  echo "$! $(readlink -f "$(command -v bun)")" >"$STATE/fx-sandbox.pid"
  local deadline=$((SECONDS + 30))
  until fx_healthy; do
    [ $SECONDS -lt $deadline ] || die "the FX sandbox did not start (log: $STATE/fx-sandbox.log)"
    sleep 0.5
  done
  log "FX sandbox serving http://$NODE_IP:$FX_PORT (pid $(cut -d' ' -f1 "$STATE/fx-sandbox.pid"))"
}
stop_fx_sandbox() {
  local pid exe
  if fx_running; then
    read -r pid exe <"$STATE/fx-sandbox.pid"
    kill -TERM "$pid" 2>/dev/null || true
    log "stopped the FX sandbox (pid $pid)"
  fi
  rm -f "$STATE/fx-sandbox.pid"
}

# --- the chart --------------------------------------------------------------------------------------
install_app() {
  local args
  mapfile -t args < <(app_values)
  "$HELM" upgrade --install "$RELEASE" "$CHART" --namespace "$RELEASE_NAMESPACE" --history-max 10 "${args[@]}" >/dev/null
  wait_ready "$NAMESPACE" 900 statefulset/mariadb statefulset/redis statefulset/kafka \
    deploy/currency-service deploy/ranking-service deploy/history-service deploy/data-ingestor deploy/web
  # Every app pod carries the injected sidecar next to its app container.
  local pod containers
  while read -r pod containers; do
    [ "$containers" = 2 ] || die "$pod has $containers container(s) ready, not app + daprd"
  done < <(kubectl -n "$NAMESPACE" get pods -l trip-service/tier=app \
    -o jsonpath='{range .items[*]}{.metadata.name}{" "}{.status.containerStatuses[*].ready}{"\n"}{end}' |
    awk '{ n = 0; for (i = 2; i <= NF; i++) if ($i == "true") n++; print $1, n }')
}

cmd_install() {
  TAG=${TAG:-${APP_TAG:-$(git -C "$repo" rev-parse --short HEAD)}}
  step "cluster reachable" use_cluster
  log "node $NODE ($NODE_IP), app image tag $TAG, Dapr ${DAPR_VERSION#v}"
  step "images on the node" check_images
  step "volumes" ensure_volumes
  step "Dapr control plane" install_dapr
  step "namespace + Secrets" eval 'ensure_namespace; ensure_secrets'
  step "FX sandbox" ensure_fx_sandbox
  step "trip-service chart" install_app
  log "installed in $(since "$t0_script")s — web: http://$NODE_IP:30080 (apps: NodePorts 30001-30004)"
}

cmd_status() {
  use_cluster
  "$HELM" list --all-namespaces
  kubectl -n "$DAPR_NAMESPACE" get pods
  kubectl -n "$NAMESPACE" get pods,svc
  if fx_running && fx_healthy; then echo "FX sandbox: http://$NODE_IP:$FX_PORT"; else echo "FX sandbox: down"; fi
}

cmd_uninstall() {
  if ! (use_cluster) >/dev/null 2>&1; then
    log "the cluster is not reachable: only the FX sandbox and the volume data are removed"
    stop_fx_sandbox
    rm -rf "$VOLUMES"
    return
  fi
  use_cluster
  if "$HELM" status "$RELEASE" --namespace "$RELEASE_NAMESPACE" >/dev/null 2>&1; then
    step "trip-service chart removed" "$HELM" uninstall "$RELEASE" --namespace "$RELEASE_NAMESPACE" --wait >/dev/null
  fi
  # The claims of the StatefulSets and the Secrets are not the release's: they go with the namespace.
  step "namespace $NAMESPACE removed" kubectl delete namespace "$NAMESPACE" --ignore-not-found --timeout=300s >/dev/null
  if "$HELM" status "$DAPR_RELEASE" --namespace "$DAPR_NAMESPACE" >/dev/null 2>&1; then
    step "Dapr removed" "$HELM" uninstall "$DAPR_RELEASE" --namespace "$DAPR_NAMESPACE" --wait >/dev/null
  fi
  kubectl delete namespace "$DAPR_NAMESPACE" --ignore-not-found --timeout=300s >/dev/null
  # Helm installs CRDs but never removes them.
  kubectl delete -f "$(dapr_chart)/crds" --ignore-not-found >/dev/null
  kubectl delete pv,storageclass -l "$VOLUME_LABEL" --ignore-not-found >/dev/null
  rm -rf "$VOLUMES"
  stop_fx_sandbox
  log "uninstalled in $(since "$t0_script")s"
}

command=install
TAG=""
while [ $# -gt 0 ]; do
  case "$1" in
    install | status | uninstall) command=$1; shift ;;
    --tag) TAG=${2:?--tag needs a value}; shift 2 ;;
    -h | --help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
[ "$(id -u)" = 0 ] || die "run as root (the volumes are directories owned by the pods' users)"
"cmd_$command"
