# Shared by the scripts in scripts/images/: paths, the private container storage, logging with
# timings, and the input-hash cache. Sourced, not run. Expects $here (this directory) to be set.
# Command substitutions ($(...)) stop at the first failure too, as the rest of the scripts do.
shopt -s inherit_errexit
repo=$(cd "$here/../.." && pwd)
source "$repo/scripts/setup/versions.env"
source "$repo/scripts/setup/cache-dir.sh"
source "$here/versions.env"

# Everything built lands under $TRIP_CACHE/images-build (keyed by inputs), never in the clone.
WORK="$TRIP_CACHE/images-build"
ARCHIVES="$TRIP_CACHE/images"               # docker-archive tarballs for `ctr images import`
mkdir -p "$WORK" "$ARCHIVES"

# buildah and podman read these variables instead of /etc/containers/*, so the images live in a
# storage of our own under $TRIP_CACHE and the machine's defaults stay untouched.
CONF_DIR="$WORK/conf"
mkdir -p "$CONF_DIR"
cat >"$CONF_DIR/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$TRIP_CACHE/containers/storage"
runroot = "$TRIP_CACHE/containers/run"
EOF
# Short names in the Dockerfiles (FROM oven/bun:...) resolve to docker.io/..., as Docker does; with
# --pull=never they are looked up only in the local storage.
cat >"$CONF_DIR/registries.conf" <<'EOF'
unqualified-search-registries = ["docker.io"]
short-name-mode = "permissive"
EOF
# No systemd here: cgroupfs, file event log, runc. podman's default limits (1048576 open files,
# 4194304 processes) are above what this machine lets runc set (no CAP_SYS_RESOURCE): containers get
# the host's open-files limit and 32768 processes.
cat >"$CONF_DIR/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$(ulimit -Hn):$(ulimit -Hn)", "nproc=32768:32768"]

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
runtime = "runc"
EOF
export CONTAINERS_STORAGE_CONF="$CONF_DIR/storage.conf"
export CONTAINERS_REGISTRIES_CONF="$CONF_DIR/registries.conf"
export CONTAINERS_CONF="$CONF_DIR/containers.conf"
export BUILDAH_ISOLATION=oci
# The other builds on this machine come first.
NICE=(nice -n 10)

# Label carrying the hash of everything an image was built from; equal hash = nothing to do.
INPUTS_LABEL=dev.trip-service.inputs

PROGRESS_TAG=images
PROGRESS_TIMINGS="$WORK/timings.log"
source "$repo/scripts/lib/progress.sh" # since, log, die, step

# hash_files FILE...: one sha256 over the names and contents of the given files (sorted).
hash_files() {
  local f
  for f in $(printf '%s\n' "$@" | LC_ALL=C sort -u); do
    printf '%s %s\n' "$f" "$(sha256sum <"$f" | cut -c1-64)"
  done | sha256sum | cut -c1-16
}
# hash_strings STRING...: one sha256 over the arguments.
hash_strings() { printf '%s\n' "$@" | sha256sum | cut -c1-16; }

# image_id REF: the local image id, empty when absent.
image_id() { buildah inspect --type image --format '{{.FromImageID}}' "$1" 2>/dev/null || true; }
# image_inputs REF: the inputs hash an image was built from, empty when absent.
image_inputs() {
  buildah inspect --type image --format "{{index .OCIv1.Config.Labels \"$INPUTS_LABEL\"}}" "$1" 2>/dev/null || true
}
# image_current REF HASH: true when REF exists and was built from HASH.
image_current() { [ "$(image_inputs "$1")" = "$2" ]; }

# image_size REF: size of the image's layers, human readable.
image_size() {
  buildah images --format '{{.Size}}' "$1" 2>/dev/null | head -n1
}

# build_from_files REF BASE CONTAINERFILE FILE... [-- NAME=VALUE...]: REF built FROM BASE (build-arg BASE)
# by CONTAINERFILE with the FILEs in its context and the extra build args, only when the base's id, a file
# or an argument changed (the inputs hash label). For the small images made of a binary or two on a base.
build_from_files() {
  local ref=$1 base=$2 containerfile=$3 files=() args=() arg hash tmp
  shift 3
  while [ $# -gt 0 ] && [ "$1" != -- ]; do files+=("$1"); shift; done
  [ "${1:-}" = -- ] && shift
  for arg in "$@"; do args+=(--build-arg "$arg"); done
  hash=$(hash_strings "$(image_id "$base")" "$(hash_files "$containerfile" "${files[@]}")" "$@")
  if image_current "$ref" "$hash"; then
    log "$ref: up to date"
    return
  fi
  tmp=$(mktemp -d "$WORK/ctx.XXXXXX")
  cp "$containerfile" "$tmp/Containerfile"
  cp "${files[@]}" "$tmp/"
  "${NICE[@]}" buildah bud --quiet --pull=never --format docker --build-arg "BASE=$base" "${args[@]}" \
    --label "$INPUTS_LABEL=$hash" -t "$ref" -f "$tmp/Containerfile" "$tmp" >/dev/null
  rm -rf "$tmp"
  log "$ref: built ($(image_size "$ref"))"
}
