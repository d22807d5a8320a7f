# Shared by the scripts in scripts/delivery/: versions, where the built tools live, logging with timings.
# Sourced, not run. Expects $here (this directory) to be set by the caller.
repo=$(cd "$here/../.." && pwd)
source "$here/versions.env"
source "$repo/scripts/setup/versions.env"
source "$repo/scripts/setup/cache-dir.sh"
export GOTOOLCHAIN=local GOFLAGS=-buildvcs=false GOWORK=off
# The checksum database does not answer for every module here; each module's own go.sum pins its graph.
export GONOSUMDB='*'

DELIVERY="$TRIP_CACHE/delivery"
ARGOCD_BIN="$DELIVERY/argocd/$ARGOCD_VERSION/argocd"
ROLLOUTS_DIR="$DELIVERY/argo-rollouts/$ARGO_ROLLOUTS_VERSION"

PROGRESS_TAG=delivery
source "$repo/scripts/lib/progress.sh" # since, log, die, step
