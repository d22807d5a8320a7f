#!/usr/bin/env bash
# Builds daprd and the dapr CLI from their Go modules.
# daprd is dapr's own cmd/daprd built with only the components this project uses, listed in
# daprd-lean/components.go (half the binary, ~45 MB less RSS per sidecar than the allcomponents build,
# which bindings.mysql would otherwise need). DAPRD_FLAVOR=full builds it with every component instead.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/versions.env"
source "$here/cache-dir.sh"
export GOFLAGS=-buildvcs=false GOWORK=off
# The checksum database does not answer for every module here; dapr's own go.sum still pins every dependency.
export GONOSUMDB='*'
# Build with the Go release dapr's go.mod names: newer Go rejects the assembly of an old indirect
# dependency (github.com/choleraehyq/pid v0.0.20, via the full build's kitex binding). The go command
# fetches this toolchain from the Go module proxy.
export GOTOOLCHAIN=go1.24.11
ldflags="-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=${DAPR_VERSION#v}"
components="$here/daprd-lean/components.go"
if [ "${DAPRD_FLAVOR:-lean}" = full ]; then
  bin="$TRIP_CACHE/dapr/$DAPR_VERSION"
else
  # Keyed by the component list, so editing it rebuilds.
  bin="$TRIP_CACHE/dapr/$DAPR_VERSION-lean-$(sha256sum "$components" | cut -c1-12)"
fi
if [ ! -x "$bin/daprd" ]; then
  echo "building daprd $DAPR_VERSION (${DAPRD_FLAVOR:-lean}) — first time only, several minutes"
  mkdir -p "$bin"
  go mod download "github.com/dapr/dapr@$DAPR_VERSION"
  # dapr/dapr's go.mod carries replace directives, so build inside the read-only module cache copy.
  src=$(go env GOMODCACHE)/github.com/dapr/dapr@$DAPR_VERSION
  if [ "${DAPRD_FLAVOR:-lean}" = full ]; then
    (cd "$src" && go build -tags allcomponents -trimpath -ldflags "$ldflags" -o "$bin/daprd.tmp" ./cmd/daprd)
  else
    # Without component tags, cmd/daprd/components compiles only zz_notag.go (a panic asking for a
    # tag); the overlay puts our component list in its place, leaving dapr's sources untouched.
    overlay="$bin/overlay.json"
    printf '{"Replace":{"%s":"%s"}}\n' "$src/cmd/daprd/components/zz_notag.go" "$components" >"$overlay"
    # The module index of the module cache ignores overlays (GODEBUG=goindex=0 turns it off).
    (cd "$src" && GODEBUG=goindex=0 go build -overlay "$overlay" -trimpath -ldflags "$ldflags" -o "$bin/daprd.tmp" ./cmd/daprd)
  fi
  mv "$bin/daprd.tmp" "$bin/daprd"
fi
# Sentry, the certificate authority of Dapr's control plane: local sidecars get their mTLS identities from
# it (scripts/infra/sentry.sh). Same module, toolchain and flags; scripts/images/ reuses this directory.
control_plane="$TRIP_CACHE/dapr/$DAPR_VERSION-control-plane"
if [ ! -x "$control_plane/sentry" ]; then
  echo "building sentry $DAPR_VERSION"
  mkdir -p "$control_plane"
  go mod download "github.com/dapr/dapr@$DAPR_VERSION"
  src=$(go env GOMODCACHE)/github.com/dapr/dapr@$DAPR_VERSION
  (cd "$src" && go build -trimpath -ldflags "$ldflags" -o "$control_plane/sentry.tmp" ./cmd/sentry)
  mv "$control_plane/sentry.tmp" "$control_plane/sentry"
fi
cli="$TRIP_CACHE/dapr-cli/$DAPR_CLI_VERSION"
mkdir -p "$cli"
if [ ! -x "$cli/dapr" ]; then
  echo "building dapr CLI $DAPR_CLI_VERSION"
  go mod download "github.com/dapr/cli@$DAPR_CLI_VERSION"
  # The CLI pins dapr/dapr v1.16.2, whose components-contrib v1.16.3 the module proxy does not serve.
  # Build a writable copy of the CLI module against the same dapr/contrib release as our daprd.
  work="$TRIP_CACHE/dapr-cli/src-$DAPR_CLI_VERSION"
  rm -rf "$work"
  cp -r "$(go env GOMODCACHE)/github.com/dapr/cli@$DAPR_CLI_VERSION" "$work"
  chmod -R u+w "$work"
  (
    cd "$work"
    # Keep only the CLI's direct requirements; let `go mod tidy` take the rest from dapr's own graph
    # (some of the CLI's pinned indirect versions are not served either; go-etcd-cron v0.9.2, named by
    # dapr's go.mod but unused by the CLI's packages, is not served, so the CLI's own v0.9.1 stands in).
    grep -v '// indirect' go.mod > go.mod.direct && mv go.mod.direct go.mod
    go mod edit -require "github.com/dapr/dapr@$DAPR_VERSION" \
      -replace "github.com/dapr/components-contrib=github.com/dapr/components-contrib@$DAPR_VERSION" \
      -replace "github.com/diagridio/go-etcd-cron=github.com/diagridio/go-etcd-cron@v0.9.1"
    rm -f go.sum
    go mod tidy >/dev/null
    go build -trimpath -ldflags "-s -w -X main.version=${DAPR_CLI_VERSION#v} -X main.apiVersion=1.0" -o "$cli/dapr.tmp" .
  )
  mv "$cli/dapr.tmp" "$cli/dapr"
  rm -rf "$work"
fi
mkdir -p "$TRIP_CACHE/bin"
ln -sf "$bin/daprd" "$TRIP_CACHE/bin/daprd"
ln -sf "$cli/dapr" "$TRIP_CACHE/bin/dapr"
ln -sf "$control_plane/sentry" "$TRIP_CACHE/bin/sentry"
echo "dapr: daprd $DAPR_VERSION, sentry, cli $DAPR_CLI_VERSION in $TRIP_CACHE/bin"
