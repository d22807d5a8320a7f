# SBOMs of the built images: one CycloneDX JSON per image, made by syft offline at build time and
# kept next to the image archives (outside the clone):
#   $TRIP_CACHE/images/sbom/<reference with / and : as _>.cdx.json
# syft reads the image from a temporary docker-archive (podman save): no registry, no daemon. It
# catalogs what is in the image's final filesystem: the Debian packages (dpkg status, or distroless'
# status.d), the npm packages under node_modules, Bun and Go binaries.
# An SBOM is remade only when its image changed: the image id and syft's version are kept beside it
# (<file>.key). So an unchanged image keeps its SBOM, and an image that is already current but has no
# SBOM yet (built before this step existed, or the file was removed) gets one on the next run.
# syft is built from its Go module once, into $TRIP_CACHE/delivery/syft/<version>/.
# Sourced by build.sh (needs lib.sh). See docs/supply-chain.md.

source "$repo/scripts/delivery/versions.env"
SBOM_DIR="$ARCHIVES/sbom"

# syft_binary: prints the path of syft $SYFT_VERSION, building it the first time (module proxy only,
# built inside the module's own directory so its go.mod and go.sum apply; the lowest priority, since
# it takes minutes on two cores).
syft_binary() {
  local out="$TRIP_CACHE/delivery/syft/$SYFT_VERSION/syft" dir
  if [ ! -x "$out" ]; then
    log "building syft $SYFT_VERSION from its Go module (one-time)" >&2
    dir=$(GOTOOLCHAIN=local GOSUMDB=off GOFLAGS=-buildvcs=false \
      go mod download -json "github.com/anchore/syft@$SYFT_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
    [ -n "$dir" ] || die "go mod download github.com/anchore/syft@$SYFT_VERSION failed"
    mkdir -p "$(dirname "$out")"
    (cd "$dir" && GOTOOLCHAIN=local GOSUMDB=off GOFLAGS=-buildvcs=false nice -n 19 \
      go build -trimpath -ldflags "-s -w -X main.version=$SYFT_VERSION" -o "$out.tmp" ./cmd/syft) >&2 \
      || die "building syft $SYFT_VERSION failed"
    mv "$out.tmp" "$out"
  fi
  echo "$out"
}

# sbom_path REF: where REF's SBOM is kept.
sbom_path() { local name=${1//\//_}; echo "$SBOM_DIR/${name//:/_}.cdx.json"; }

# write_sbom REF: (re)writes REF's SBOM unless it already describes this image id.
write_sbom() {
  local ref=$1 out key tmp syft
  out=$(sbom_path "$ref")
  key="$(image_id "$ref") syft-$SYFT_VERSION"
  [ -n "${key%% *}" ] || die "$ref: no such image to describe"
  if [ -f "$out" ] && [ "$(cat "$out.key" 2>/dev/null)" = "$key" ]; then
    log "$out: up to date"
    return
  fi
  syft=$(syft_binary)
  mkdir -p "$SBOM_DIR"
  tmp=$(mktemp -d "$WORK/sbom.XXXXXX")
  # No update check (it would call out), and the image's name in the SBOM is its reference, not the
  # temporary archive's path; the image id stays its version.
  if ! { podman save --quiet --format docker-archive -o "$tmp/image.tar" "$ref" \
    && SYFT_CHECK_FOR_APP_UPDATE=false "${NICE[@]}" "$syft" scan "docker-archive:$tmp/image.tar" \
      --quiet --source-name "$ref" -o "cyclonedx-json=$tmp/sbom.json"; }; then
    rm -rf "$tmp"
    die "SBOM of $ref failed"
  fi
  mv "$tmp/sbom.json" "$out"
  printf '%s\n' "$key" >"$out.key"
  rm -rf "$tmp"
  log "$out: written ($(du -h "$out" | cut -f1))"
}

write_sboms() {
  local ref
  for ref in "$@"; do
    step "sbom ${ref##*/}" write_sbom "$ref"
  done
}

# show_sboms REF...: each SBOM's path and how many packages of each type it lists
# (the full list: syft convert <path> -o table).
show_sboms() {
  local syft ref
  syft=$(syft_binary)
  for ref in "$@"; do
    printf '  %s\n    %s\n' "$ref" "$(sbom_path "$ref")"
    SYFT_CHECK_FOR_APP_UPDATE=false "$syft" convert "$(sbom_path "$ref")" -q -o table \
      | awk 'NR > 1 { print $NF }' | sort | uniq -c \
      | awk '{ s = s (s == "" ? "" : ", ") $2 " " $1 } END { print "    packages: " s }'
  done
}
