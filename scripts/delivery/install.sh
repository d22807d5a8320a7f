#!/usr/bin/env bash
# Everything the delivery suite (tests/delivery) runs against, onto the local cluster that
# deploy/local-cluster/install.sh set up, each step timed:
#   Prometheus + Alertmanager (monitoring.sh), Jaeger (tracing.sh), Argo Rollouts and the test-only faulty
#   build (rollouts.sh), Argo CD syncing the staging application from a git server on the node (argocd.sh).
#   bash scripts/delivery/install.sh [--tag TAG]    TAG: the app images' tag (default: git short HEAD)
#   bash scripts/delivery/install.sh uninstall      removes all of it again, in reverse order
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
PROGRESS_TIMINGS="$repo/.run/delivery-timings.log"
mkdir -p "$repo/.run"

if [ "${1:-}" = uninstall ]; then
  step "Argo CD" bash "$here/argocd.sh" uninstall
  step "Argo Rollouts" bash "$here/rollouts.sh" uninstall
  step "tracing" bash "$here/tracing.sh" uninstall
  step "monitoring" bash "$here/monitoring.sh" uninstall
  exit 0
fi
tag=$(git -C "$repo" rev-parse --short HEAD)
[ "${1:-}" = --tag ] && tag=${2:?--tag needs a value}
step "monitoring" bash "$here/monitoring.sh" install
step "tracing" bash "$here/tracing.sh" install
step "Argo Rollouts" bash "$here/rollouts.sh" install
step "faulty build" bash "$here/rollouts.sh" faulty-image --tag "$tag"
step "Argo CD" bash "$here/argocd.sh" install --tag "$tag"
log "delivery pass ready in $(since "$t0_script")s"
