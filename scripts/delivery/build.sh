#!/usr/bin/env bash
# Builds the delivery tools the GitOps pass runs, from their Go modules, once:
#   argocd          github.com/argoproj/argo-cd/v3 ./cmd — one binary whose name selects the component
#                   (argocd, argocd-server, argocd-repo-server, argocd-application-controller, ...)
#   argo-rollouts   github.com/argoproj/argo-rollouts ./cmd/rollouts-controller, and its kubectl plugin
# Both modules carry replace blocks (k8s.io/* pinned to one release), which apply only to the main module:
# each is copied out of the module cache and built inside that copy. Later runs only check the binaries.
# Output: $TRIP_CACHE/delivery/<name>/<version>/. Usage: bash scripts/delivery/build.sh [argocd|rollouts]...
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"

# build_in_module NAME MODULE VERSION OUT PACKAGE [LDFLAGS]: go build PACKAGE of a writable copy of MODULE.
build_in_module() {
  local name=$1 module=$2 version=$3 out=$4 package=$5 ldflags=${6:-}
  [ -x "$out" ] && return 0
  log "building $name $version from $module (one-time, minutes)"
  local src work
  src=$(go mod download -json "$module@$version" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  [ -n "$src" ] || die "go mod download $module@$version failed"
  work="$TRIP_CACHE/delivery/src/$name-$version"
  rm -rf "$work" && mkdir -p "$(dirname "$work")"
  cp -r "$src" "$work" && chmod -R u+w "$work"
  mkdir -p "$(dirname "$out")"
  (cd "$work" && go mod download && nice -n 15 go build -trimpath -ldflags "-s -w $ldflags" -o "$out.tmp" "$package")
  mv "$out.tmp" "$out"
  rm -rf "$work"
  log "$name: $(du -h "$out" | cut -f1)"
}

build_argocd() {
  build_in_module argocd github.com/argoproj/argo-cd/v3 "$ARGOCD_VERSION" "$ARGOCD_BIN" ./cmd \
    "-X github.com/argoproj/argo-cd/v3/common.version=${ARGOCD_VERSION#v} -X github.com/argoproj/argo-cd/v3/common.gitTreeState=clean"
}

build_rollouts() {
  local ldflags="-X github.com/argoproj/argo-rollouts/utils/version.version=${ARGO_ROLLOUTS_VERSION#v}"
  build_in_module rollouts-controller github.com/argoproj/argo-rollouts "$ARGO_ROLLOUTS_VERSION" \
    "$ROLLOUTS_DIR/rollouts-controller" ./cmd/rollouts-controller "$ldflags"
  build_in_module kubectl-argo-rollouts github.com/argoproj/argo-rollouts "$ARGO_ROLLOUTS_VERSION" \
    "$ROLLOUTS_DIR/kubectl-argo-rollouts" ./cmd/kubectl-argo-rollouts "$ldflags"
}

[ $# -gt 0 ] || set -- argocd rollouts
for tool in "$@"; do
  case $tool in
    argocd) build_argocd ;;
    rollouts) build_rollouts ;;
    *) die "unknown tool $tool (argocd, rollouts)" ;;
  esac
done
