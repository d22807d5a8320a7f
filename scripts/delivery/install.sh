#!/usr/bin/env bash
# Everything the delivery suite (tests/delivery) runs against, onto the local cluster that
# deploy/local-cluster/install.sh set up, each step timed:
#   Prometheus + Alertmanager (monitoring.sh), Jaeger (tracing.sh), Argo Rollouts and the test-only faulty
#   build (rollouts.sh), Argo CD syncing the staging application from a git server on the node (argocd.sh).
#   bash scripts/delivery/install.sh [--core] [--tag TAG]
#       TAG: the app images' tag (default: git short HEAD); --core: what scripts/test-all.sh runs by
#       default (Argo CD sync, one canary promoted, one aborted) needs everything but Jaeger
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
core=false
while [ $# -gt 0 ]; do
  case $1 in
    --core) core=true; shift ;;
    --tag) tag=${2:?--tag needs a value}; shift 2 ;;
    *) die "usage: install.sh [--core] [--tag TAG] | uninstall" ;;
  esac
done
step "monitoring" bash "$here/monitoring.sh" install
$core || step "tracing" bash "$here/tracing.sh" install
step "Argo Rollouts" bash "$here/rollouts.sh" install
step "faulty build" bash "$here/rollouts.sh" faulty-image --tag "$tag"
step "Argo CD" bash "$here/argocd.sh" install --tag "$tag"
log "delivery pass ready in $(since "$t0_script")s"
