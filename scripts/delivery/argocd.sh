#!/usr/bin/env bash
# Argo CD on the local one-node cluster, syncing the staging application of argocd/ from a git server on
# this machine — the GitOps loop of production, with nothing pulled and nothing reaching the internet:
#   - Argo CD from the manifests of its pinned Go module (deploy/local-cluster/argocd/kustomization.yaml
#     says what differs), images from scripts/delivery/images.sh, in namespace argocd;
#   - `git daemon` on the node IP (like the FX sandbox: reachable from pods and this machine only) serving
#     .run/delivery/git/trip-service.git, seeded with this working tree as a commit whose
#     image-tags/staging.yaml names the app images on the node (written by scripts/ci/set-image-tags.ts,
#     as the pipeline writes it);
#   - argocd/project.yaml and application-staging.yaml pointed at that repository
#     (scripts/delivery/local-application.ts), deploying the chart into trip-service-staging after its
#     Secrets and local volumes exist, as an operator prepares a namespace;
#   - a token of the project's `ci` role for scripts/ci/argocd-deploy.sh, as Jenkins holds one.
# Needs the cluster with Dapr installed and the app images imported (deploy/local-cluster/install.sh).
#
#   bash scripts/delivery/argocd.sh install [--tag TAG]   idempotent; pushes the working tree when it changed
#   bash scripts/delivery/argocd.sh env                    prints exports for the argocd CLI and the tests
#   bash scripts/delivery/argocd.sh uninstall              removes the application (and what it deployed),
#                                                          Argo CD, the git server and its repository
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"

ARGOCD_NAMESPACE=argocd
APPLICATION=trip-service-staging
STAGING_NAMESPACE=trip-service-staging
STATE="$repo/.run/delivery"
GIT_ROOT="$STATE/git"
GIT_PORT=9418
CHART="$repo/helm/trip-service"
HELM="$TRIP_CACHE/helm/$HELM_VERSION/helm"
VOLUMES=/var/lib/trip-local-volumes
STORAGE_CLASS=trip-local
export PATH="$TRIP_CACHE/bin:$(dirname "$ARGOCD_BIN"):$PATH"

use_cluster() {
  eval "$(bash "$repo/scripts/cluster/cluster.sh" env)"
  kubectl get --raw /readyz >/dev/null 2>&1 || die "the cluster is not up: bash scripts/cluster/cluster.sh up"
  kubectl -n dapr-system get deploy dapr-sidecar-injector >/dev/null 2>&1 ||
    die "Dapr is not installed: bash deploy/local-cluster/install.sh"
  NODE=$(kubectl get nodes -o jsonpath='{.items[0].metadata.name}')
  NODE_IP=$(kubectl get nodes -o jsonpath='{.items[0].status.addresses[?(@.type=="InternalIP")].address}')
  KUBE_VERSION=$(kubectl get --raw /version | sed -n 's/.*"gitVersion": *"v\([^"]*\)".*/\1/p')
  REPO_URL="git://$NODE_IP:$GIT_PORT/trip-service.git"
}

# --- Argo CD ----------------------------------------------------------------------------------------
install_argocd() {
  local module tmp
  module=$(go mod download -json "github.com/argoproj/argo-cd/v3@$ARGOCD_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  tmp=$(mktemp -d)
  cp "$repo/deploy/local-cluster/argocd/kustomization.yaml" "$tmp/"
  cp "$module/manifests/install.yaml" "$tmp/"
  kubectl create namespace "$ARGOCD_NAMESPACE" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
  # Server-side: the CRDs are too large for the last-applied annotation. The images are on the node:
  # the upstream "Always" pull would fail with no registry.
  kubectl kustomize "$tmp" | sed 's/imagePullPolicy: Always/imagePullPolicy: IfNotPresent/' |
    kubectl apply --server-side --force-conflicts -f - >/dev/null
  rm -rf "$tmp"
  local workload
  for workload in deploy/argocd-redis deploy/argocd-repo-server deploy/argocd-server statefulset/argocd-application-controller; do
    kubectl -n "$ARGOCD_NAMESPACE" rollout status "$workload" --timeout=300s >/dev/null
  done
}

# The API server's address from this machine: its pod, plain HTTP (server.insecure), the CLI with gRPC-web.
server_address() {
  local ip
  ip=$(kubectl -n "$ARGOCD_NAMESPACE" get pods -l app.kubernetes.io/name=argocd-server \
    --field-selector=status.phase=Running -o jsonpath='{.items[0].status.podIP}')
  echo "$ip:8080"
}

# The admin session (CLI config under .run, never in HOME) and the `ci` role's token for the pipeline script.
login() {
  local password
  password=$(kubectl -n "$ARGOCD_NAMESPACE" get secret argocd-initial-admin-secret -o jsonpath='{.data.password}' | base64 -d)
  mkdir -p "$STATE"
  argocd login "$(server_address)" --plaintext --grpc-web --username admin --password "$password" \
    --config "$STATE/argocd-admin.config" >/dev/null
}
ci_token() {
  if [ ! -s "$STATE/ci-token" ]; then
    argocd proj role create-token trip-service ci --config "$STATE/argocd-admin.config" --grpc-web \
      --token-only >"$STATE/ci-token.tmp"
    mv "$STATE/ci-token.tmp" "$STATE/ci-token"
  fi
}

# --- the git server ---------------------------------------------------------------------------------
git_running() { [ -f "$STATE/git-daemon.pid" ] && kill -0 "$(cat "$STATE/git-daemon.pid")" 2>/dev/null; }
ensure_git_daemon() {
  mkdir -p "$GIT_ROOT"
  if [ ! -d "$GIT_ROOT/trip-service.git" ]; then
    git init --quiet --bare --initial-branch=main "$GIT_ROOT/trip-service.git"
    # Pushes from the pipeline's scripts (scripts/ci/commit-gitops.sh) land here too.
    git -C "$GIT_ROOT/trip-service.git" config daemon.receivepack true
  fi
  git_running && return
  setsid git daemon --reuseaddr --listen="$NODE_IP" --port="$GIT_PORT" --base-path="$GIT_ROOT" \
    --export-all --enable=receive-pack --pid-file="$STATE/git-daemon.pid" "$GIT_ROOT" \
    >>"$STATE/git-daemon.log" 2>&1 </dev/null &
  local deadline=$((SECONDS + 10))
  until git ls-remote "$REPO_URL" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || die "git daemon did not start (log: $STATE/git-daemon.log)"
    sleep 0.3
  done
  log "git server: $REPO_URL"
}

# Pushes this working tree (tracked and untracked files, not ignored ones) as the next commit on main,
# with image-tags/staging.yaml naming TAG for every app, unless main already holds exactly that tree.
push_working_tree() {
  local work
  work=$(mktemp -d)
  git clone --quiet "$REPO_URL" "$work/repo" 2>/dev/null || git init --quiet --initial-branch=main "$work/repo"
  find "$work/repo" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
  (cd "$repo" && git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' file; do { [ -e "$file" ] || [ -L "$file" ]; } && printf '%s\0' "$file"; done |
    xargs -0 -r cp -a --parents -t "$work/repo")
  (
    cd "$work/repo"
    bun scripts/ci/set-image-tags.ts --env staging --tag "$TAG" \
      currency-service ranking-service history-service data-ingestor web >/dev/null
    git add -A
    if git rev-parse --verify --quiet HEAD >/dev/null && git diff --cached --quiet; then
      log "git server already holds this working tree (main $(git rev-parse --short HEAD))"
    else
      git -c user.name=trip-service-local -c user.email=local@trip.example.com commit --quiet \
        -m "Working tree of $(git -C "$repo" rev-parse --short HEAD) with staging images $TAG"
      git push --quiet origin HEAD:main 2>/dev/null || git push --quiet "$REPO_URL" HEAD:main
      log "pushed the working tree to $REPO_URL (main $(git rev-parse --short HEAD))"
    fi
  )
  rm -rf "$work"
}

# --- the staging namespace --------------------------------------------------------------------------
# What an operator prepares before Argo CD deploys: the namespace, its Secrets, and (here, with no
# dynamic provisioner) a local volume per claim. The values are the application's own.
staging_values() {
  printf -- '%s\n' --values "$CHART/values-staging.yaml" --values "$CHART/values-local.yaml" \
    --set appDefaults.service.type=ClusterIP --set-string "image.tag=$TAG"
}
prepare_staging() {
  local args
  mapfile -t args < <(staging_values)
  "$HELM" template trip-service "$CHART" --namespace "$STAGING_NAMESPACE" --kube-version "$KUBE_VERSION" "${args[@]}" \
    --show-only templates/namespace.yaml | kubectl apply -f - >/dev/null
  if ! kubectl -n "$STAGING_NAMESPACE" get secret trip-service-secrets >/dev/null 2>&1; then
    NAMESPACE=$STAGING_NAMESPACE bash "$repo/deploy/create-secrets.sh" | sed 's/^/  /'
  fi
  "$HELM" template trip-service "$CHART" --namespace "$STAGING_NAMESPACE" --kube-version "$KUBE_VERSION" "${args[@]}" |
    bun "$repo/deploy/local-cluster/volumes.ts" --node "$NODE" --root "$VOLUMES" --class "$STORAGE_CLASS" |
    kubectl apply -f - >/dev/null
}

apply_application() {
  FIRST_SYNC=false
  kubectl -n "$ARGOCD_NAMESPACE" get application "$APPLICATION" >/dev/null 2>&1 || FIRST_SYNC=true
  bun "$here/local-application.ts" --repo-url "$REPO_URL" | kubectl apply -f - >/dev/null
}

# The record of a first install, for tests/delivery: every object Argo CD made in the staging namespace
# with its creation time and sync wave, and the pods with their readiness times and restart counts, taken
# the moment the application first turned Healthy (later syncs and tests change creation times).
record_first_sync() {
  $FIRST_SYNC || return 0
  kubectl -n "$STAGING_NAMESPACE" get \
    configmaps,services,serviceaccounts,roles,rolebindings,networkpolicies,statefulsets,deployments,horizontalpodautoscalers,pods,components.dapr.io,configurations.dapr.io,resiliencies.dapr.io \
    -o json >"$STATE/first-sync.json"
  log "first sync recorded: $STATE/first-sync.json"
}

# Waits until the application is Synced and Healthy (the status Argo CD writes on the Application).
wait_application() {
  local timeout=$1 deadline=$((SECONDS + $1)) state
  while :; do
    state=$(kubectl -n "$ARGOCD_NAMESPACE" get application "$APPLICATION" \
      -o jsonpath='{.status.sync.status}/{.status.health.status}/{.status.sync.revision}' 2>/dev/null || true)
    [[ $state == Synced/Healthy/* ]] && break
    if [ $SECONDS -ge $deadline ]; then
      kubectl -n "$ARGOCD_NAMESPACE" get application "$APPLICATION" -o jsonpath='{.status.conditions}{"\n"}{.status.operationState.message}{"\n"}' >&2 || true
      kubectl -n "$STAGING_NAMESPACE" get pods >&2 || true
      die "$APPLICATION is not Synced/Healthy after ${timeout}s (now: $state)"
    fi
    sleep 3
  done
  log "$APPLICATION: Synced and Healthy at ${state##*/}"
}

cmd_install() {
  TAG=${TAG:-$(git -C "$repo" rev-parse --short HEAD)}
  step "cluster reachable" use_cluster
  step "images" bash "$here/images.sh" argocd
  step "Argo CD $ARGOCD_VERSION" install_argocd
  step "git server" ensure_git_daemon
  step "push working tree" push_working_tree
  step "staging namespace" prepare_staging
  step "project + application" apply_application
  step "login + ci token" eval 'login; ci_token'
  step "synced + healthy" wait_application 900
  record_first_sync
  log "installed in $(since "$t0_script")s — server $(server_address) (bash scripts/delivery/argocd.sh env)"
}

cmd_env() {
  use_cluster >/dev/null
  echo "export KUBECONFIG=$KUBECONFIG PATH=$(dirname "$ARGOCD_BIN"):$PATH"
  echo "export ARGOCD_SERVER=$(server_address) ARGOCD_OPTS='--plaintext --grpc-web'"
  echo "export ARGOCD_AUTH_TOKEN=$(cat "$STATE/ci-token" 2>/dev/null)"
  echo "export TRIP_GITOPS_REPO=$REPO_URL"
}

cmd_uninstall() {
  use_cluster
  if kubectl -n "$ARGOCD_NAMESPACE" get application "$APPLICATION" >/dev/null 2>&1; then
    # Its finalizer deletes what it deployed first; the namespace itself goes after (the chart renders it).
    kubectl -n "$ARGOCD_NAMESPACE" delete application "$APPLICATION" --wait=true --timeout=300s >/dev/null
  fi
  kubectl delete namespace "$STAGING_NAMESPACE" --ignore-not-found --wait=true --timeout=300s >/dev/null
  kubectl -n "$ARGOCD_NAMESPACE" delete appproject trip-service --ignore-not-found >/dev/null 2>&1 || true
  kubectl delete namespace "$ARGOCD_NAMESPACE" --ignore-not-found --wait=true --timeout=300s >/dev/null
  kubectl get crd -o name | grep '\.argoproj\.io$' | grep -E 'applications|applicationsets|appprojects' |
    xargs -r kubectl delete --wait=true >/dev/null
  kubectl get clusterrole,clusterrolebinding -o name | grep '/argocd-' | xargs -r kubectl delete >/dev/null
  # The staging claims' volumes were Released with their namespace: their directories go too.
  local pv path
  for pv in $(kubectl get pv -o jsonpath="{range .items[?(@.spec.claimRef.namespace==\"$STAGING_NAMESPACE\")]}{.metadata.name}{\"\\n\"}{end}"); do
    path=$(kubectl get pv "$pv" -o jsonpath='{.spec.local.path}')
    kubectl delete pv "$pv" --wait=true >/dev/null
    [[ $path == "$VOLUMES"/* ]] && rm -rf "$path"
  done
  if git_running; then kill "$(cat "$STATE/git-daemon.pid")"; fi
  rm -rf "$STATE"
  log "removed Argo CD, $APPLICATION and the git server"
}

case "${1:-install}" in
  install)
    shift || true
    while [ $# -gt 0 ]; do
      case $1 in
        --tag) TAG=${2:?--tag needs a value}; shift 2 ;;
        *) die "unknown argument $1" ;;
      esac
    done
    cmd_install
    ;;
  env) cmd_env ;;
  uninstall) cmd_uninstall ;;
  *) die "usage: argocd.sh install [--tag TAG] | env | uninstall" ;;
esac
