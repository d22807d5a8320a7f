#!/usr/bin/env bash
# Installs the pinned Bun (and Deno, for the portability smoke test) from the npm registry into the cache.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/versions.env"
source "$here/cache-dir.sh"
install_npm_tool() { # name version binary-path-inside-package
  local dir="$TRIP_CACHE/$1/$2"
  if [ ! -x "$dir/node_modules/.bin/$1" ]; then
    echo "installing $1 $2 from npm"
    mkdir -p "$dir"
    npm install --silent --no-audit --no-fund --prefix "$dir" "$1@$2" >/dev/null
  fi
  mkdir -p "$TRIP_CACHE/bin"
  ln -sf "$(readlink -f "$dir/node_modules/.bin/$1")" "$TRIP_CACHE/bin/$1"
}
install_npm_tool bun "$BUN_VERSION"
# bunx is bun under another name (bun reads argv[0]); the npm package links it only on some platforms.
ln -sf "$(readlink -f "$TRIP_CACHE/bin/bun")" "$TRIP_CACHE/bin/bunx"
install_npm_tool deno "$DENO_VERSION"
"$TRIP_CACHE/bin/bun" --version >/dev/null
