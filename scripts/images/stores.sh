# The store images the trip-service chart runs, made from Debian bookworm packages (MariaDB 10.11,
# Redis 7.0, OpenJDK 17) and Kafka's Maven Central jars, since no registry serves the upstream ones.
# MongoDB is not built (not in Debian; locally the ranking stores use Redis). Each image follows the
# conventions of the upstream image the chart names (see files/<store>/Containerfile).
# Sourced by build.sh (needs lib.sh, base.sh).

MARIADB_IMAGE=$STORE_REGISTRY/mariadb:$MARIADB_TAG
REDIS_IMAGE=$STORE_REGISTRY/redis:$REDIS_TAG
KAFKA_IMAGE=$STORE_REGISTRY/kafka:$KAFKA_VERSION
STORE_IMAGES=("$MARIADB_IMAGE" "$REDIS_IMAGE" "$KAFKA_IMAGE")

# build_store REF DIR [EXTRA_CONTEXT_DIR]: buildah bud of files/DIR/Containerfile on the Debian slim
# base. EXTRA_CONTEXT_DIR's content is linked into the context (Kafka's jars). Cached by the hash of
# the base, the files and DEBIAN_ROOTFS_REV (bump it to pick up new Debian package versions).
build_store() {
  local ref=$1 src="$here/files/$2" extra=${3:-} hash tmp files
  mapfile -t files < <(find "$src" ${extra:+"$extra"} -type f)
  hash=$(hash_strings "$(image_id "$DEBIAN_SLIM_IMAGE")" "$(hash_files "${files[@]}")" "$DEBIAN_ROOTFS_REV")
  if image_current "$ref" "$hash"; then
    log "$ref: up to date"
    return
  fi
  tmp=$(mktemp -d "$WORK/ctx.XXXXXX")
  cp -a "$src"/. "$tmp/"
  if [ -n "$extra" ]; then
    # Hard links: the jars are not copied (same filesystem as the cache).
    cp -al "$extra" "$tmp/libs" 2>/dev/null || cp -a "$extra" "$tmp/libs"
    rm -f "$tmp/libs/.complete"
  fi
  local logf="$WORK/logs/store-$2.log"
  mkdir -p "$WORK/logs"
  # --network host: the RUN steps install Debian packages with apt.
  if ! "${NICE[@]}" buildah bud --layers --pull=never --format docker --network host \
    --build-arg "BASE=$DEBIAN_SLIM_IMAGE" --label "$INPUTS_LABEL=$hash" \
    -t "$ref" -f "$tmp/Containerfile" "$tmp" >"$logf" 2>&1; then
    tail -n 40 "$logf" >&2
    rm -rf "$tmp"
    die "building $ref failed (log: $logf)"
  fi
  rm -rf "$tmp"
  log "$ref: built ($(image_size "$ref"))"
}

build_stores() {
  local libs="$TRIP_CACHE/kafka/$KAFKA_VERSION/libs"
  if [ ! -f "$libs/.complete" ]; then
    # The project's own setup step resolves the broker classpath from Maven Central (first time only).
    step "kafka jars (scripts/setup/kafka.sh)" bash "$repo/scripts/setup/kafka.sh"
  fi
  step "image mariadb" build_store "$MARIADB_IMAGE" mariadb
  step "image redis" build_store "$REDIS_IMAGE" redis
  step "image kafka" build_store "$KAFKA_IMAGE" kafka "$libs"
}
