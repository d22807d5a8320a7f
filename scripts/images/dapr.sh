# Dapr's images, under the names dapr's Helm chart derives from global.registry/global.tag
# (charts/dapr in github.com/dapr/dapr@$DAPR_VERSION): ghcr.io/dapr/{operator,placement,sentry,
# injector,scheduler}:<v> for the control plane and ghcr.io/dapr/daprd:<v>, the sidecar the injector
# adds to each app pod. Like dapr's own docker/Dockerfile: one binary at /<name>, user 65532, no
# entrypoint (the chart and the injector give the command). Sourced by build.sh (needs lib.sh, base.sh).

DAPR_CONTROL_PLANE=(operator placement sentry injector scheduler)
DAPR_TAG=${DAPR_VERSION#v}
DAPR_IMAGES=()
for _b in "${DAPR_CONTROL_PLANE[@]}" daprd; do DAPR_IMAGES+=("$DAPR_REGISTRY/$_b:$DAPR_TAG"); done
unset _b

# The lean daprd scripts/setup/dapr.sh builds (its component list includes the Kubernetes secret store
# and name resolver). Its path is keyed by the component list, as there.
lean_daprd() {
  local components="$repo/scripts/setup/daprd-lean/components.go"
  echo "$TRIP_CACHE/dapr/$DAPR_VERSION-lean-$(sha256sum "$components" | cut -c1-12)/daprd"
}

# dapr_control_plane_dir: prints the directory holding the control-plane binaries, building them once
# from the same module, toolchain and flags as scripts/setup/dapr.sh builds daprd. cgo stays at Go's
# default (on) like that build, so the Go build cache daprd left is reused; the binaries then link
# glibc dynamically, which the distroless base has.
dapr_control_plane_dir() {
  # Keyed by the toolchain, the go-etcd-cron stand-in and the build function, so changing one rebuilds.
  local key dir b missing=false
  key=$(hash_strings "$GO_TOOLCHAIN" "$DAPR_SCHEDULER_ETCD_CRON" "$(declare -f dapr_control_plane_build)")
  dir="$TRIP_CACHE/dapr/$DAPR_VERSION-control-plane-$key"
  for b in "${DAPR_CONTROL_PLANE[@]}"; do [ -x "$dir/$b" ] || missing=true; done
  if $missing; then
    log "building dapr $DAPR_VERSION control plane (${DAPR_CONTROL_PLANE[*]}) — first time only, several minutes" >&2
    mkdir -p "$dir"
    dapr_control_plane_build "$dir" >&2
  fi
  echo "$dir"
}

dapr_control_plane_build() {
  local dir=$1 src tmp="$1/tmp" ldflags b
  export GOFLAGS=-buildvcs=false GOWORK=off GONOSUMDB='*' GOTOOLCHAIN="$GO_TOOLCHAIN"
  go mod download "github.com/dapr/dapr@$DAPR_VERSION"
  # dapr/dapr's go.mod carries replace directives, so build inside the read-only module cache copy.
  src=$(go env GOMODCACHE)/github.com/dapr/dapr@$DAPR_VERSION
  ldflags="-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=$DAPR_TAG"
  rm -rf "$tmp" && mkdir -p "$tmp"
  (cd "$src" && "${NICE[@]}" go build -trimpath -ldflags "$ldflags" -o "$tmp/" \
    ./cmd/operator ./cmd/placement ./cmd/sentry ./cmd/injector)
  # The scheduler imports github.com/diagridio/go-etcd-cron, pinned at v0.9.2, which the Go module
  # proxy does not serve (403), exactly as scripts/setup/dapr.sh found for the CLI. It is built against
  # v0.9.1 (what the CLI build uses too) through an alternate go.mod/go.sum (-modfile): dapr's
  # sources and go.mod in the module cache stay untouched.
  local modfile="$tmp/scheduler.mod"
  cp "$src/go.mod" "$modfile" && cp "$src/go.sum" "${modfile%.mod}.sum"
  chmod u+w "$modfile" "${modfile%.mod}.sum"
  go mod edit -replace "github.com/diagridio/go-etcd-cron=github.com/diagridio/go-etcd-cron@$DAPR_SCHEDULER_ETCD_CRON" "$modfile"
  (cd "$src" && "${NICE[@]}" go build -modfile "$modfile" -mod=mod -trimpath -ldflags "$ldflags" \
    -o "$tmp/scheduler" ./cmd/scheduler)
  for b in "${DAPR_CONTROL_PLANE[@]}"; do mv "$tmp/$b" "$dir/$b"; done
  rm -rf "$tmp"
}

# build_dapr_image NAME BINARY: ghcr.io/dapr/NAME:<v> with BINARY at /NAME.
build_dapr_image() {
  local name=$1 bin=$2 ref="$DAPR_REGISTRY/$1:$DAPR_TAG" hash tmp
  hash=$(hash_strings "$(image_id "$DISTROLESS_BASE_IMAGE")" "$(hash_files "$bin" "$here/files/dapr/Containerfile")" "$name")
  if image_current "$ref" "$hash"; then
    log "$ref: up to date"
    return
  fi
  tmp=$(mktemp -d "$WORK/ctx.XXXXXX")
  cp "$here/files/dapr/Containerfile" "$tmp/"
  cp "$bin" "$tmp/$name"
  "${NICE[@]}" buildah bud --quiet --pull=never --format docker \
    --build-arg "BASE=$DISTROLESS_BASE_IMAGE" --build-arg "BIN=$name" --label "$INPUTS_LABEL=$hash" \
    -t "$ref" -f "$tmp/Containerfile" "$tmp" >/dev/null
  rm -rf "$tmp"
  log "$ref: built ($(image_size "$ref"))"
}

build_dapr() {
  local daprd dir b
  daprd=$(lean_daprd)
  if [ ! -x "$daprd" ]; then
    # Not built yet: the project's own setup step builds it (several minutes the first time).
    step "daprd (scripts/setup/dapr.sh)" bash "$repo/scripts/setup/dapr.sh"
  fi
  local started=$EPOCHREALTIME
  dir=$(dapr_control_plane_dir)
  log "dapr control plane binaries: $(since "$started")s"
  for b in "${DAPR_CONTROL_PLANE[@]}"; do
    step "image dapr $b" build_dapr_image "$b" "$dir/$b"
  done
  step "image dapr daprd" build_dapr_image daprd "$daprd"
}
