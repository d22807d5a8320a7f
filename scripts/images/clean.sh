#!/usr/bin/env bash
# Removes what scripts/images/ built: the private container storage, the build cache
# ($TRIP_CACHE/images-build) and the archives ($TRIP_CACHE/images). Kept: the Debian/Bun/Dapr/Kafka
# inputs that other setup steps own ($TRIP_CACHE/dapr, $TRIP_CACHE/kafka, ...).
# `--all` also removes the Dapr control-plane binaries this directory builds.
# Usage: bash scripts/images/clean.sh [--all]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
# Containers and working containers first, so no overlay stays mounted under the storage.
podman rm --all --force >/dev/null 2>&1 || true
buildah rm --all >/dev/null 2>&1 || true
buildah rmi --all --force >/dev/null 2>&1 || true
# Anything still mounted below our storage (a killed build) is ours to unmount.
grep -o " $TRIP_CACHE/containers/[^ ]*" /proc/mounts | sort -r | while read -r m; do umount "$m" || true; done
rm -rf "$TRIP_CACHE/containers" "$WORK" "$ARCHIVES"
if [ "${1:-}" = --all ]; then
  rm -rf "$TRIP_CACHE/dapr/$DAPR_VERSION"-control-plane*
fi
echo "removed $TRIP_CACHE/containers, $WORK, $ARCHIVES"
