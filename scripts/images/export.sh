# Writes the images a cluster needs as docker-archive tarballs under $TRIP_CACHE/images/ and, when
# scripts/cluster/cluster.sh exists, loads each into the cluster's containerd (k8s.io namespace) with
# `cluster.sh import <archive>`. One archive per group (apps, dapr) so layers shared by its images
# (the Bun runtime, the distroless base) are written once; one per store. Every image keeps its full
# reference (docker.io/..., ghcr.io/...), which is what the CRI looks images up by.
# Sourced by build.sh (needs lib.sh); also runnable alone: bash scripts/images/export.sh REF...

# archive_name REF: which archive REF belongs to.
archive_name() {
  case "$1" in
    "$APP_REGISTRY"/*) echo apps ;;
    "$DAPR_REGISTRY"/*) echo dapr ;;
    */oven/bun:*) echo bun-bases ;;
    *) local n=${1##*/}; echo "${n%%:*}" ;;
  esac
}

# write_archive NAME REF...: $ARCHIVES/NAME.tar holding REFs, rewritten only when an image changed
# (the sorted image ids are kept next to it).
write_archive() {
  local name=$1; shift
  local out="$ARCHIVES/$name.tar" ids ref
  ids=$(for ref in "$@"; do printf '%s %s\n' "$ref" "$(image_id "$ref")"; done | LC_ALL=C sort)
  if [ -f "$out" ] && [ "$(cat "$out.ids" 2>/dev/null)" = "$ids" ]; then
    log "$out: up to date"
    return
  fi
  rm -f "$out" "$out.ids"
  podman save --quiet --multi-image-archive --format docker-archive -o "$out.tmp" "$@"
  mv "$out.tmp" "$out"
  printf '%s\n' "$ids" >"$out.ids"
  log "$out: written ($(du -h "$out" | cut -f1), $# images)"
}

export_images() {
  local ref name cluster="$repo/scripts/cluster/cluster.sh"
  declare -A groups=()
  for ref in "$@"; do
    name=$(archive_name "$ref")
    # The Bun bases are build-time only: a cluster never runs them.
    [ "$name" = bun-bases ] && continue
    groups[$name]+="$ref "
  done
  local archives=()
  for name in $(printf '%s\n' "${!groups[@]}" | LC_ALL=C sort); do
    # shellcheck disable=SC2086 # the group's references, one word each
    step "archive $name" write_archive "$name" ${groups[$name]}
    archives+=("$ARCHIVES/$name.tar")
  done
  if [ -f "$cluster" ]; then
    for a in "${archives[@]}"; do
      step "cluster import $(basename "$a")" bash "$cluster" import "$a"
    done
  else
    log "scripts/cluster/cluster.sh not found: archives left in $ARCHIVES (ctr -n k8s.io images import <archive>)"
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  here=$(cd "$(dirname "$0")" && pwd)
  source "$here/lib.sh"
  APP_TAG=${APP_TAG:-$(git -C "$repo" rev-parse --short HEAD)}
  source "$here/apps.sh"
  source "$here/dapr.sh"
  [ $# -gt 0 ] || die "usage: export.sh REF... (build.sh --import exports everything it built)"
  export_images "$@"
fi
