#!/usr/bin/env bash
# Builds daprd (with every component, for bindings.mysql) and the dapr CLI from their Go modules.
# dapr/dapr's go.mod carries replace directives, so we build inside the read-only module cache copy.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/versions.env"
source "$here/cache-dir.sh"
bin="$TRIP_CACHE/dapr/$DAPR_VERSION"
mkdir -p "$bin"
export GOFLAGS=-buildvcs=false
# The checksum database does not answer for every module here; dapr's own go.sum still pins every dependency.
export GONOSUMDB='*'
# Build with the Go release dapr's go.mod names: newer Go rejects the assembly of an old indirect
# dependency (github.com/choleraehyq/pid v0.0.20, via the kitex binding). The go command fetches this
# toolchain from the Go module proxy.
export GOTOOLCHAIN=go1.24.11
if [ ! -x "$bin/daprd" ]; then
  echo "building daprd $DAPR_VERSION (allcomponents) — first time only, several minutes"
  go mod download "github.com/dapr/dapr@$DAPR_VERSION"
  src=$(go env GOMODCACHE)/github.com/dapr/dapr@$DAPR_VERSION
  (cd "$src" && go build -tags allcomponents -trimpath -ldflags "-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=${DAPR_VERSION#v}" -o "$bin/daprd.tmp" ./cmd/daprd)
  mv "$bin/daprd.tmp" "$bin/daprd"
fi
cli="$TRIP_CACHE/dapr-cli/$DAPR_CLI_VERSION"
mkdir -p "$cli"
if [ ! -x "$cli/dapr" ]; then
  echo "building dapr CLI $DAPR_CLI_VERSION"
  go mod download "github.com/dapr/cli@$DAPR_CLI_VERSION"
  src=$(go env GOMODCACHE)/github.com/dapr/cli@$DAPR_CLI_VERSION
  (cd "$src" && go build -trimpath -ldflags "-s -w -X main.version=${DAPR_CLI_VERSION#v} -X main.apiVersion=1.0" -o "$cli/dapr.tmp" .)
  mv "$cli/dapr.tmp" "$cli/dapr"
fi
mkdir -p "$TRIP_CACHE/bin"
ln -sf "$bin/daprd" "$TRIP_CACHE/bin/daprd"
ln -sf "$cli/dapr" "$TRIP_CACHE/bin/dapr"
echo "dapr: daprd $DAPR_VERSION, cli $DAPR_CLI_VERSION in $TRIP_CACHE/bin"
