#!/usr/bin/env bash
# Builds Jaeger (cmd/jaeger: the OpenTelemetry-collector based v2 binary, OTLP in, query API out) from its
# Go module into $TRIP_CACHE/delivery/jaeger/<version>/, once; later runs only check it starts. The local
# stack runs it (scripts/infra/jaeger.sh) and scripts/delivery/tracing.sh puts it in an image for the
# cluster. Run by scripts/setup.sh, never inside a test's timeout.
# Its web UI is not in the module (the UI's built assets are a separate project): the binary serves a
# placeholder page at / and the full query API (/api/...), which docs/tracing.md uses.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/scripts/setup/cache-dir.sh"
source "$root/scripts/delivery/versions.env"
export GOTOOLCHAIN=local GOSUMDB=off GOFLAGS=-buildvcs=false GOWORK=off
out="$TRIP_CACHE/delivery/jaeger/$JAEGER_VERSION/jaeger"
if [ ! -x "$out" ]; then
  echo "building jaeger $JAEGER_VERSION from github.com/jaegertracing/jaeger (one-time, several minutes)"
  mkdir -p "$(dirname "$out")"
  dir=$(go mod download -json "github.com/jaegertracing/jaeger@$JAEGER_VERSION" |
    sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  # Built inside the module: its go.mod's replace directive (sarama) applies only there. The version is
  # stamped where `jaeger version` reads it.
  ldflags="-s -w -X github.com/jaegertracing/jaeger/internal/version.latestVersion=$JAEGER_VERSION"
  (cd "$dir" && nice -n 19 go build -trimpath -ldflags "$ldflags" -o "$out.tmp" ./cmd/jaeger)
  mv "$out.tmp" "$out"
fi
"$out" version >/dev/null 2>&1
echo "jaeger: $out"
