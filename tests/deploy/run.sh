#!/usr/bin/env bash
# The deployment checks: builds/verifies the pinned tools once (cached in $TRIP_CACHE), then runs the
# bun:test suites of tests/deploy (the CI scripts' unit tests are in tests/deploy/ci).
# usage: bash tests/deploy/run.sh [bun test args]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bash "$root/scripts/setup/test-tools.sh"
source "$root/scripts/setup/cache-dir.sh"
export PATH="$TRIP_CACHE/bin:$PATH"
cd "$root"
exec bun test --timeout 60000 ./tests/deploy "$@"
