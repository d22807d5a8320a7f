#!/usr/bin/env bash
# Builds every container image the Kubernetes deployment needs, on this machine, without a registry:
# the Bun bases (oven/bun:<v>-slim / -distroless), the five app images from the project's own
# Dockerfiles, Dapr's control plane + sidecar images, and the store images (MariaDB, Redis, Kafka).
# Images live in a buildah storage of our own under $TRIP_CACHE/containers; each one carries the hash
# of its inputs, so a second run rebuilds nothing that did not change.
#
# Every image built also gets a CycloneDX SBOM under $TRIP_CACHE/images/sbom/ (scripts/images/sbom.sh).
#
# Usage: bash scripts/images/build.sh [--tag TAG] [--import] [--verify] [--sbom] [--only GROUP[,GROUP...]]
#   --tag TAG   tag of the app images (default: git short commit of HEAD)
#   --import    also write $TRIP_CACHE/images/*.tar (docker-archive) and, if scripts/cluster/cluster.sh
#               exists, load each into the cluster's containerd (`cluster.sh import <archive>`)
#   --verify    run each image once (scripts/images/verify.sh)
#   --sbom      also print each image's SBOM path and its packages counted by type
#   --only      groups: bases, apps, dapr, stores (default: all; bases are built when a group needs them)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"

tag=""
do_import=false
do_verify=false
do_sbom=false
only="bases,apps,dapr,stores"
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) tag=${2:?--tag needs a value}; shift 2 ;;
    --import) do_import=true; shift ;;
    --verify) do_verify=true; shift ;;
    --sbom) do_sbom=true; shift ;;
    --only) only=${2:?--only needs a value}; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
APP_TAG=${tag:-$(git -C "$repo" rev-parse --short HEAD)}
export APP_TAG
wants() { [[ ",$only," == *",$1,"* ]]; }

[ "$(id -u)" = 0 ] || die "run as root (buildah's overlay storage and debootstrap need it)"
for tool in buildah podman debootstrap; do
  command -v "$tool" >/dev/null || die "$tool missing: apt-get install -y buildah podman debootstrap"
done

source "$here/base.sh"
source "$here/apps.sh"
source "$here/dapr.sh"
source "$here/stores.sh"
source "$here/export.sh"
source "$here/sbom.sh"

log "storage: $TRIP_CACHE/containers (CONTAINERS_STORAGE_CONF=$CONTAINERS_STORAGE_CONF)"
build_bases
wants apps && build_apps
wants dapr && build_dapr
wants stores && build_stores

images=()
wants bases && images+=("$BUN_SLIM_IMAGE" "$BUN_DISTROLESS_IMAGE")
wants apps && images+=("${APP_IMAGES[@]}")
wants dapr && images+=("${DAPR_IMAGES[@]}")
wants stores && images+=("${STORE_IMAGES[@]}")

step "sbom" write_sboms "${images[@]}"
if $do_verify; then
  step "verify" bash "$here/verify.sh" "${images[@]}"
fi
if $do_import; then
  step "export + import" export_images "${images[@]}"
fi

log "images:"
for ref in "${images[@]}"; do
  printf '  %-60s %s\n' "$ref" "$(image_size "$ref")"
done
if $do_sbom; then
  log "SBOMs (CycloneDX JSON; all packages: syft convert <file> -o table):"
  show_sboms "${images[@]}"
fi
log "done in $(since "$t0_script")s"
