#!/usr/bin/env bash
# Argo Rollouts on the local one-node cluster: its CRDs and controller from the pinned Go module's own
# manifests (deploy/local-cluster/argo-rollouts/kustomization.yaml), the image built here, namespace
# argo-rollouts. Apps switch to it by chart values (apps.<id>.delivery.strategy: canary | blueGreen).
#   bash scripts/delivery/rollouts.sh install      idempotent
#   bash scripts/delivery/rollouts.sh uninstall    removes the controller and its CRDs (and so every Rollout)
#   bash scripts/delivery/rollouts.sh faulty-image --tag TAG [APP...]
#       builds and imports <registry>/APP:TAG-faulty (default: currency-service, the canary, and
#       history-service, the blue-green), the deliberately bad versions the rollout tests release
#       (tests/delivery/fixtures/faulty-build.ts): test-only, never a production image
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
NAMESPACE=argo-rollouts
eval "$(bash "$repo/scripts/cluster/cluster.sh" env)"

cmd_install() {
  kubectl get --raw /readyz >/dev/null 2>&1 || die "the cluster is not up: bash scripts/cluster/cluster.sh up"
  step "image" bash "$here/images.sh" rollouts
  local module tmp
  module=$(go mod download -json "github.com/argoproj/argo-rollouts@$ARGO_ROLLOUTS_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  tmp=$(mktemp -d)
  sed "s/newTag: ARGO_ROLLOUTS_VERSION.*/newTag: $ARGO_ROLLOUTS_VERSION/" \
    "$repo/deploy/local-cluster/argo-rollouts/kustomization.yaml" >"$tmp/kustomization.yaml"
  cp "$module/manifests/install.yaml" "$tmp/"
  kubectl create namespace "$NAMESPACE" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
  # Server-side: the CRDs are too large for the last-applied annotation. Nothing is pulled here.
  kubectl kustomize "$tmp" | sed 's/imagePullPolicy: Always/imagePullPolicy: IfNotPresent/' |
    kubectl apply --server-side --force-conflicts -f - >/dev/null
  rm -rf "$tmp"
  step "controller ready" kubectl -n "$NAMESPACE" rollout status deploy/argo-rollouts --timeout=300s
  log "Argo Rollouts $ARGO_ROLLOUTS_VERSION installed (kubectl plugin: $ROLLOUTS_DIR/kubectl-argo-rollouts)"
}

cmd_uninstall() {
  kubectl delete namespace "$NAMESPACE" --ignore-not-found --wait=true --timeout=300s >/dev/null
  kubectl get crd -o name | grep -E '/(rollouts|analysisruns|analysistemplates|clusteranalysistemplates|experiments)\.argoproj\.io$' |
    xargs -r kubectl delete --wait=true >/dev/null
  kubectl get clusterrole,clusterrolebinding -o name | grep '/argo-rollouts' | xargs -r kubectl delete >/dev/null
  log "removed Argo Rollouts"
}

cmd_faulty_image() {
  [ "${1:-}" = --tag ] && [ -n "${2:-}" ] || die "usage: rollouts.sh faulty-image --tag TAG [APP...]"
  local tag=$2
  shift 2
  [ $# -gt 0 ] || set -- currency-service history-service
  (
    here="$repo/scripts/images"
    source "$here/lib.sh"
    source "$here/export.sh"
    local app base ref tmp hash refs=()
    for app in "$@"; do
      base="$APP_REGISTRY/$app:$tag" ref="$APP_REGISTRY/$app:$tag-faulty"
      [ -n "$(image_id "$base")" ] || die "$base is not built: bash scripts/images/build.sh --tag $tag"
      tmp=$(mktemp -d "$WORK/ctx.XXXXXX")
      cp "$repo/tests/delivery/fixtures/faulty.Containerfile" "$tmp/Containerfile"
      bun "$repo/tests/delivery/fixtures/faulty-build.ts" "$repo/services/${app%-service}/src/app.ts" >"$tmp/app.ts"
      hash=$(hash_strings "$(image_id "$base")" "$app" "$(hash_files "$tmp/app.ts" "$tmp/Containerfile")")
      if image_current "$ref" "$hash"; then
        log "$ref: up to date"
      else
        buildah bud --quiet --pull=never --format docker --build-arg "BASE=$base" \
          --build-arg "SERVICE_DIR=services/${app%-service}" --label "$INPUTS_LABEL=$hash" \
          -t "$ref" -f "$tmp/Containerfile" "$tmp" >/dev/null
        log "$ref: built"
      fi
      rm -rf "$tmp"
      refs+=("$ref")
    done
    # Its own archive: the release's apps archive stays what scripts/images/build.sh wrote.
    step "archive" write_archive faulty-builds "${refs[@]}"
    step "cluster import" bash "$repo/scripts/cluster/cluster.sh" import "$ARCHIVES/faulty-builds.tar"
  )
}

case "${1:-install}" in
  install) cmd_install ;;
  uninstall) cmd_uninstall ;;
  faulty-image) shift; cmd_faulty_image "$@" ;;
  *) die "usage: rollouts.sh install | uninstall | faulty-image --tag TAG" ;;
esac
