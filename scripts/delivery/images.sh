#!/usr/bin/env bash
# The images of the delivery pass, built here like every other image (scripts/images/): nothing is pulled.
#   quay.io/argoproj/argocd:<ARGOCD_VERSION>   Argo CD under the name its own manifests use
#   quay.io/argoproj/argo-rollouts:<version>   the Rollouts controller, likewise
# Redis for Argo CD is the store image scripts/images/ already builds (the manifests are pointed at it).
# Each is rebuilt only when its inputs change, then exported and imported into the cluster's containerd.
# Usage: bash scripts/delivery/images.sh [argocd|rollouts]...
set -euo pipefail
delivery=$(cd "$(dirname "$0")" && pwd)
images=$(cd "$delivery/../images" && pwd)
here=$delivery
source "$delivery/lib.sh"
# scripts/images/ expects its own directory in $here, also when its functions run (build_bases).
here=$images
source "$images/lib.sh"
source "$images/base.sh"
source "$images/export.sh"

ARGOCD_IMAGE=quay.io/argoproj/argocd:$ARGOCD_VERSION
ROLLOUTS_IMAGE=quay.io/argoproj/argo-rollouts:$ARGO_ROLLOUTS_VERSION

argocd_module_dir() { go mod download -json "github.com/argoproj/argo-cd/v3@$ARGOCD_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p'; }

build_argocd_image() {
  local ref=$ARGOCD_IMAGE module hash tmp helm="$TRIP_CACHE/helm/$HELM_VERSION/helm"
  bash "$delivery/build.sh" argocd
  [ -x "$helm" ] || die "helm missing at $helm: bash scripts/setup.sh --test-tools"
  module=$(argocd_module_dir)
  hash=$(hash_strings "$(image_id "$DEBIAN_SLIM_IMAGE")" \
    "$(hash_files "$ARGOCD_BIN" "$helm" "$delivery/files/argocd/Containerfile")" "$ARGOCD_VERSION")
  if image_current "$ref" "$hash"; then
    log "$ref: up to date"
    return
  fi
  tmp=$(mktemp -d "$WORK/ctx.XXXXXX")
  cp "$delivery/files/argocd/Containerfile" "$ARGOCD_BIN" "$helm" "$module/entrypoint.sh" \
    "$module/hack/gpg-wrapper.sh" "$module/hack/git-verify-wrapper.sh" "$tmp/"
  chmod 755 "$tmp"/*.sh
  "${NICE[@]}" buildah bud --quiet --pull=never --format docker --build-arg "BASE=$DEBIAN_SLIM_IMAGE" \
    --label "$INPUTS_LABEL=$hash" -t "$ref" -f "$tmp/Containerfile" "$tmp" >/dev/null
  rm -rf "$tmp"
  log "$ref: built ($(image_size "$ref"))"
}

build_rollouts_image() {
  bash "$delivery/build.sh" rollouts
  build_from_files "$ROLLOUTS_IMAGE" "$DISTROLESS_BASE_IMAGE" "$delivery/files/rollouts/Containerfile" \
    "$ROLLOUTS_DIR/rollouts-controller"
}

[ "$(id -u)" = 0 ] || die "run as root (buildah's overlay storage needs it)"
[ $# -gt 0 ] || set -- argocd rollouts
build_bases
refs=()
for image in "$@"; do
  case $image in
    argocd) build_argocd_image; refs+=("$ARGOCD_IMAGE") ;;
    rollouts) build_rollouts_image; refs+=("$ROLLOUTS_IMAGE") ;;
    *) die "unknown image $image (argocd, rollouts)" ;;
  esac
done
step "export + import" export_images "${refs[@]}"
