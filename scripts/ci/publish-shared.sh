#!/usr/bin/env bash
# Builds packages/shared (dist + types) and publishes it, unless this version is already on the registry.
# The token comes from Jenkins credentials (NPM_TOKEN) into a throw-away npm config, never into the repo.
# usage: NPM_TOKEN=... [NPM_REGISTRY=https://registry.npmjs.org/] bash scripts/ci/publish-shared.sh
set -euo pipefail
: "${NPM_TOKEN:?NPM_TOKEN is required}"
registry=${NPM_REGISTRY:-https://registry.npmjs.org/}
cd "$(dirname "$0")/../../packages/shared"
name=$(bun -e 'console.log(require("./package.json").name)')
version=$(bun -e 'console.log(require("./package.json").version)')
npmrc=$(mktemp)
trap 'rm -f "$npmrc"' EXIT
printf '//%s:_authToken=${NPM_TOKEN}\n' "${registry#*://}" > "$npmrc"
if NPM_CONFIG_USERCONFIG="$npmrc" npm view "$name@$version" version --registry "$registry" >/dev/null 2>&1; then
  echo "$name@$version is already published"
  exit 0
fi
bun run build
NPM_CONFIG_USERCONFIG="$npmrc" npm publish --access public --registry "$registry"
