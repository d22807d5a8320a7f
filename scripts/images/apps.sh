# The five app images, built from the project's own Dockerfiles (the ones production uses) with
# `buildah bud`, FROM the local oven/bun bases. Named as the chart expects: <image.registry>/<app id>:<tag>
# with image.registry = $APP_REGISTRY. Sourced by build.sh (needs lib.sh, base.sh, $APP_TAG).

# app id (the chart's apps.<id>) -> its source folder. The four services share services/Dockerfile with
# SERVICE = the folder under services/ and PORT = the contract port; the web has web/Dockerfile. The same
# table as scripts/ci/apps.ts (tests/deploy/dockerfiles.test.ts compares them).
declare -A APP_DIRS=(
  [currency-service]=services/currency
  [ranking-service]=services/ranking
  [history-service]=services/history
  [data-ingestor]=services/data-ingestor
  [web]=web
)
declare -A APP_PORTS=(
  [currency-service]=8001
  [ranking-service]=8002
  [history-service]=8003
  [data-ingestor]=8004
)
APP_IDS=(currency-service ranking-service history-service data-ingestor web)
APP_IMAGES=()
for _id in "${APP_IDS[@]}"; do APP_IMAGES+=("$APP_REGISTRY/$_id:${APP_TAG:?}"); done
unset _id

# app_dockerfile ID: the Dockerfile the app is built from.
app_dockerfile() {
  if [ -n "${APP_PORTS[$1]:-}" ]; then echo services/Dockerfile; else echo "${APP_DIRS[$1]}/Dockerfile"; fi
}

# app_build_args ID: the Dockerfile's build arguments for this app, one flag per line.
app_build_args() {
  echo "--build-arg=BUN_VERSION=$BUN_VERSION"
  if [ -n "${APP_PORTS[$1]:-}" ]; then
    echo "--build-arg=SERVICE=${APP_DIRS[$1]#services/}"
    echo "--build-arg=PORT=${APP_PORTS[$1]}"
  fi
}

# app_inputs ID: hash of everything the app's image is built from: its Dockerfile, .dockerignore,
# every workspace manifest and the lockfile (the install stages), the root configs, packages/shared
# and the app's directory (tracked and untracked files git does not ignore), and the two bases.
app_inputs() {
  local dir=${APP_DIRS[$1]} files
  mapfile -t files < <(cd "$repo" && git ls-files -co --exclude-standard -- \
    .dockerignore package.json bun.lock bunfig.toml tsconfig.base.json tsconfig.json ':(glob)**/package.json' \
    packages/shared "$dir" "$(app_dockerfile "$1")" | while read -r f; do [ -f "$f" ] && echo "$f"; done)
  hash_strings "$(cd "$repo" && hash_files "${files[@]}")" "$(app_build_args "$1")" \
    "$(image_id "$BUN_SLIM_IMAGE")" "$(image_id "$BUN_DISTROLESS_IMAGE")" "$APP_TAG"
}

# The install steps (`bun install --frozen-lockfile`) fetch from the npm registry. What they need from
# this machine is bind-mounted into the RUN steps only, so it never lands in a layer:
#  - a CA bundle: the system one plus NODE_EXTRA_CA_CERTS (here the egress proxy's CA is in both);
#    Bun's installer does not read the system store in the image, it reads `cafile` from .npmrc;
#  - /root/.npmrc ($HOME of the build steps): this machine's ~/.npmrc (registry, any auth token)
#    without its own ca/cafile lines, plus `cafile=` pointing at that bundle.
# --network host: the RUN steps use the host's network and resolver.
app_build_mounts() {
  local ca="$WORK/build/ca.crt" npmrc="$WORK/build/npmrc"
  mkdir -p "$WORK/build" && chmod 700 "$WORK/build"
  cat /etc/ssl/certs/ca-certificates.crt >"$ca.tmp" 2>/dev/null || : >"$ca.tmp"
  if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$NODE_EXTRA_CA_CERTS" ] \
    && [ "$(readlink -f "$NODE_EXTRA_CA_CERTS")" != "$(readlink -f /etc/ssl/certs/ca-certificates.crt)" ]; then
    cat "$NODE_EXTRA_CA_CERTS" >>"$ca.tmp"
  fi
  mv "$ca.tmp" "$ca"
  (umask 077 && { grep -vE '^[[:space:]]*(ca|cafile)[[:space:]]*=' "$HOME/.npmrc" 2>/dev/null || true
    echo "cafile=/etc/ssl/certs/ca-certificates.crt"; } >"$npmrc")
  if [ -n "${NPM_CONFIG_REGISTRY:-}${npm_config_registry:-}" ]; then
    echo "registry=${NPM_CONFIG_REGISTRY:-$npm_config_registry}" >>"$npmrc"
  fi
  printf -- '--volume=%s:/etc/ssl/certs/ca-certificates.crt:ro\n' "$ca"
  printf -- '--volume=%s:/root/.npmrc:ro\n' "$npmrc"
}

build_app() {
  local id=$1 ref="$APP_REGISTRY/$1:$APP_TAG" hash mounts args
  hash=$(app_inputs "$id")
  if image_current "$ref" "$hash"; then
    log "$ref: up to date"
    return
  fi
  mapfile -t mounts < <(app_build_mounts)
  mapfile -t args < <(app_build_args "$id")
  local logf="$WORK/logs/app-$id.log"
  mkdir -p "$WORK/logs"
  # --layers: each stage's steps are cached, so a source-only change does not reinstall dependencies.
  # --format docker keeps the Dockerfile's HEALTHCHECK (OCI image config has no field for it).
  if ! (cd "$repo" && "${NICE[@]}" buildah bud --layers --pull=never --format docker --network host \
    "${mounts[@]}" --label "$INPUTS_LABEL=$hash" \
    "${args[@]}" -t "$ref" -f "$(app_dockerfile "$id")" . >"$logf" 2>&1); then
    tail -n 40 "$logf" >&2
    die "building $ref failed (log: $logf)"
  fi
  log "$ref: built ($(image_size "$ref"))"
}

build_apps() {
  local id
  for id in "${APP_IDS[@]}"; do
    step "image app $id" build_app "$id"
  done
}
