#!/usr/bin/env bash
# Base images, made here because no registry is reachable:
#   docker.io/trip-service-local/debian:bookworm-slim   debootstrap minbase, slimmed like Docker's debian:*-slim
#   docker.io/oven/bun:<v>-slim                          that + Bun at /usr/local/bin/bun, user bun (1000), like upstream
#   docker.io/trip-service-local/distroless-base:bookworm  distroless-like: only the files of libc6,
#                                                        ca-certificates, tzdata, netbase + passwd/group; no shell
#   docker.io/oven/bun:<v>-distroless                    that + Bun, like upstream's (base-nossl + bun)
# Sourced by build.sh (needs lib.sh).

# The Debian packages whose files make the distroless base (what gcr.io/distroless/base-nossl has).
# Bun needs only libc (ldd: libc, libm, libpthread, libdl — all in libc6); the Go binaries of the
# Dapr images need libc at most. libgcc-s1 is there for glibc's pthread_cancel (it dlopens it).
DISTROLESS_PACKAGES=(libc6 libgcc-s1 ca-certificates tzdata netbase base-files media-types)

# debian_rootfs: prints the path of a bookworm minbase rootfs tarball, building it once.
# Key: suite, mirror, revision and this function's source, so editing it rebuilds.
debian_rootfs() {
  local key dir
  key=$(hash_strings "$DEBIAN_SUITE" "$DEBIAN_MIRROR" "$DEBIAN_ROOTFS_REV" "$(declare -f debian_rootfs_build)")
  dir="$WORK/debian/$DEBIAN_SUITE-$key"
  if [ ! -f "$dir/rootfs.tar" ]; then
    debian_rootfs_build "$dir" >&2
  fi
  echo "$dir/rootfs.tar"
}

debian_rootfs_build() {
  local dir=$1 target
  command -v debootstrap >/dev/null || die "debootstrap missing (apt-get install debootstrap)"
  target="$dir/rootfs"
  rm -rf "$dir"
  mkdir -p "$dir"
  log "debootstrap $DEBIAN_SUITE (minbase) from $DEBIAN_MIRROR"
  "${NICE[@]}" debootstrap --variant=minbase "$DEBIAN_SUITE" "$target" "$DEBIAN_MIRROR" \
    >"$dir/debootstrap.log" 2>&1 || { tail -n 30 "$dir/debootstrap.log" >&2; die "debootstrap failed"; }
  # Same apt sources as Debian's images: the suite, its updates and the security archive.
  rm -f "$target/etc/apt/sources.list"
  cat >"$target/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $DEBIAN_MIRROR
Suites: $DEBIAN_SUITE $DEBIAN_SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${DEBIAN_MIRROR%/debian}/debian-security
Suites: $DEBIAN_SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  # What Docker's debian:*-slim does (debuerreotype's slimify): no docs, man pages or translations
  # from now on, and apt keeps no package cache in image layers.
  cat >"$target/etc/dpkg/dpkg.cfg.d/docker" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
EOF
  cat >"$target/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
  printf 'Acquire::Languages "none";\n' >"$target/etc/apt/apt.conf.d/docker-no-languages"
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' \
    >"$target/etc/apt/apt.conf.d/docker-no-recommends"
  # Security updates published since the suite's release. /proc and /dev for the maintainer scripts.
  mount -t proc proc "$target/proc"
  mount --bind /dev "$target/dev"
  cp /etc/resolv.conf "$target/etc/resolv.conf"
  local rc=0
  (chroot "$target" sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -y -qq upgrade' \
    >>"$dir/debootstrap.log" 2>&1) || rc=$?
  umount "$target/dev" "$target/proc"
  [ "$rc" = 0 ] || { tail -n 30 "$dir/debootstrap.log" >&2; die "apt-get upgrade in the rootfs failed"; }
  # Drop what the slimming excludes and everything host- or build-specific.
  find "$target/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
  find "$target/usr/share/doc" -mindepth 1 -type d -empty -delete
  rm -rf "$target"/usr/share/{man,groff,info,lintian,linda,locale}/* \
    "$target"/var/lib/apt/lists/* "$target"/var/cache/apt/*.bin "$target"/var/cache/apt/archives/*.deb \
    "$target"/var/log/* "$target"/tmp/* "$target"/var/tmp/*
  : >"$target/etc/resolv.conf"
  printf '%s\n' localhost >"$target/etc/hostname"
  rm -f "$target/etc/machine-id" "$target/var/lib/dbus/machine-id"
  # One tarball, owners and modes kept (numeric ids: the rootfs' users, not the host's).
  tar --numeric-owner --xattrs -C "$target" -cf "$dir/rootfs.tar.tmp" .
  mv "$dir/rootfs.tar.tmp" "$dir/rootfs.tar"
  rm -rf "$target"
  log "rootfs: $(du -h "$dir/rootfs.tar" | cut -f1) ($dir)"
}

# bun_binary: prints the path of Bun's Linux x64 binary, from the npm registry (the x64-baseline
# build, which upstream's images use on amd64: it runs on CPUs without AVX2 too).
bun_binary() {
  local dir="$WORK/bun/$BUN_VERSION"
  if [ ! -x "$dir/bun" ]; then
    log "fetching @oven/bun-linux-x64-baseline@$BUN_VERSION from npm" >&2
    rm -rf "$dir" && mkdir -p "$dir"
    (cd "$dir" && npm pack --silent "@oven/bun-linux-x64-baseline@$BUN_VERSION" >/dev/null \
      && tar -xzf oven-bun-linux-x64-baseline-"$BUN_VERSION".tgz package/bin/bun \
      && mv package/bin/bun bun.tmp && rm -rf package ./*.tgz && chmod 755 bun.tmp && mv bun.tmp bun) >&2
  fi
  echo "$dir/bun"
}

# bun_context DIR BUN: prints a temporary build context: DIR's files plus rootfs/ holding the
# binary and its links as upstream lays them out (COPY keeps symlinks; the distroless image has
# no shell to make them).
bun_context() {
  local tmp
  tmp=$(mktemp -d "$WORK/ctx.XXXXXX")
  cp -a "$1"/. "$tmp/"
  mkdir -p "$tmp/rootfs/usr/local/bin" "$tmp/rootfs/usr/local/bun-node-fallback-bin"
  cp "$2" "$tmp/rootfs/usr/local/bin/bun"
  ln -s bun "$tmp/rootfs/usr/local/bin/bunx"
  ln -s /usr/local/bin/bun "$tmp/rootfs/usr/local/bun-node-fallback-bin/node"
  if [ -f "$tmp/docker-entrypoint.sh" ]; then
    mv "$tmp/docker-entrypoint.sh" "$tmp/rootfs/usr/local/bin/"
  fi
  echo "$tmp"
}

# import_rootfs TARBALL REF HASH [buildah config args...]: a one-layer image from a rootfs tarball.
import_rootfs() {
  local tarball=$1 ref=$2 hash=$3
  shift 3
  local ctr
  ctr=$(buildah from --quiet scratch)
  buildah add --quiet "$ctr" "$tarball" / >/dev/null
  buildah config --label "$INPUTS_LABEL=$hash" "$@" "$ctr"
  buildah commit --quiet --rm "$ctr" "$ref" >/dev/null
}

build_debian_slim() {
  local tarball hash
  tarball=$(debian_rootfs)
  hash=$(hash_strings "$(basename "$(dirname "$tarball")")")
  if image_current "$DEBIAN_SLIM_IMAGE" "$hash"; then
    log "$DEBIAN_SLIM_IMAGE: up to date"
    return
  fi
  import_rootfs "$tarball" "$DEBIAN_SLIM_IMAGE" "$hash" \
    --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --cmd '["bash"]'
  log "$DEBIAN_SLIM_IMAGE: built ($(image_size "$DEBIAN_SLIM_IMAGE"))"
}

build_bun_slim() {
  local bun ctx hash
  bun=$(bun_binary)
  ctx="$here/files/bun-slim"
  hash=$(hash_strings "$(image_id "$DEBIAN_SLIM_IMAGE")" "$(hash_files "$bun" "$ctx"/*)")
  if image_current "$BUN_SLIM_IMAGE" "$hash"; then
    log "$BUN_SLIM_IMAGE: up to date"
    return
  fi
  local tmp
  tmp=$(bun_context "$ctx" "$bun")
  # --network host: the RUN step installs ca-certificates with apt.
  "${NICE[@]}" buildah bud --quiet --pull=never --format docker --network host \
    --build-arg "BASE=$DEBIAN_SLIM_IMAGE" --label "$INPUTS_LABEL=$hash" \
    -t "$BUN_SLIM_IMAGE" -f "$tmp/Containerfile" "$tmp" >/dev/null
  rm -rf "$tmp"
  log "$BUN_SLIM_IMAGE: built ($(image_size "$BUN_SLIM_IMAGE"))"
}

# distroless_rootfs: prints a directory holding the files of $DISTROLESS_PACKAGES (unpacked with
# dpkg-deb, no maintainer scripts, so no shell is needed), the CA bundle and passwd/group/nsswitch.
# The .debs are bookworm's, fetched by the host's apt (this machine is bookworm).
distroless_rootfs() {
  local versions key dir
  versions=$(apt-cache policy "${DISTROLESS_PACKAGES[@]}" | awk '/^[^ ]/{p=$1} /Candidate:/{print p $2}')
  key=$(hash_strings "$versions" "$(declare -f distroless_rootfs_build)" "$(hash_files "$here"/files/distroless/*)")
  dir="$WORK/distroless/$key"
  if [ ! -d "$dir/rootfs" ]; then
    distroless_rootfs_build "$dir" >&2
  fi
  echo "$dir/rootfs"
}

distroless_rootfs_build() {
  local dir=$1 root deb
  rm -rf "$dir"
  mkdir -p "$dir/debs"
  root="$dir/rootfs.tmp"
  (cd "$dir/debs" && apt-get download -qq -o APT::Sandbox::User=root "${DISTROLESS_PACKAGES[@]}") >/dev/null \
    || die "apt-get download ${DISTROLESS_PACKAGES[*]} failed (apt-get update first?)"
  mkdir -p "$root"
  for deb in "$dir"/debs/*.deb; do
    dpkg-deb -x "$deb" "$root"
  done
  # bookworm's packages install into /usr with the merged-/usr links made by base-files' postinst
  # (not run here): make the links the way a bookworm system has them.
  local d
  for d in bin sbin lib lib64; do
    if [ -d "$root/$d" ] && [ ! -L "$root/$d" ]; then
      mkdir -p "$root/usr/$d"
      cp -a "$root/$d/." "$root/usr/$d/" && rm -rf "${root:?}/$d"
    fi
    [ -d "$root/usr/$d" ] && ln -s "usr/$d" "$root/$d"
  done
  # Only what a runtime reads: no docs, man pages, lintian overrides, or the package's helper scripts.
  rm -rf "$root"/usr/share/{doc,man,info,lintian,locale} "$root"/usr/sbin/update-ca-certificates \
    "$root"/usr/sbin/tzconfig "$root"/etc/ca-certificates "$root"/etc/update-motd.d
  # The CA bundle update-ca-certificates would write: every Mozilla certificate, concatenated.
  mkdir -p "$root/etc/ssl/certs"
  find "$root/usr/share/ca-certificates/mozilla" -name '*.crt' | LC_ALL=C sort | xargs cat \
    >"$root/etc/ssl/certs/ca-certificates.crt"
  ln -sf /usr/share/zoneinfo/Etc/UTC "$root/etc/localtime"
  echo Etc/UTC >"$root/etc/timezone"
  # Users and groups of gcr.io/distroless: root, nobody, nonroot (65532). Like upstream's Bun
  # distroless image there is no user 1000; the app images run as the numeric USER 1000:1000.
  cp "$here"/files/distroless/{passwd,group,nsswitch.conf} "$root/etc/"
  chmod 644 "$root"/etc/{passwd,group,nsswitch.conf}
  mkdir -p "$root/home/nonroot" "$root/root" "$root/tmp" "$root/var/tmp"
  chown 65532:65532 "$root/home/nonroot"
  chmod 700 "$root/root"
  chmod 1777 "$root/tmp" "$root/var/tmp"
  # A record of what is inside, as distroless keeps (no dpkg database, no dpkg to read it).
  mkdir -p "$root/var/lib/dpkg/status.d"
  for deb in "$dir"/debs/*.deb; do
    dpkg-deb -f "$deb" >"$root/var/lib/dpkg/status.d/$(dpkg-deb -f "$deb" Package)"
  done
  mv "$root" "$dir/rootfs"
  rm -rf "$dir/debs"
}

build_distroless_base() {
  local root hash tarball
  root=$(distroless_rootfs)
  hash=$(hash_strings "$root")
  if image_current "$DISTROLESS_BASE_IMAGE" "$hash"; then
    log "$DISTROLESS_BASE_IMAGE: up to date"
    return
  fi
  tarball="$(dirname "$root")/rootfs.tar"
  tar --numeric-owner -C "$root" -cf "$tarball" .
  import_rootfs "$tarball" "$DISTROLESS_BASE_IMAGE" "$hash" \
    --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
  rm -f "$tarball"
  log "$DISTROLESS_BASE_IMAGE: built ($(image_size "$DISTROLESS_BASE_IMAGE"))"
}

build_bun_distroless() {
  local bun ctx hash tmp
  bun=$(bun_binary)
  ctx="$here/files/bun-distroless"
  hash=$(hash_strings "$(image_id "$DISTROLESS_BASE_IMAGE")" "$(hash_files "$bun" "$ctx"/*)")
  if image_current "$BUN_DISTROLESS_IMAGE" "$hash"; then
    log "$BUN_DISTROLESS_IMAGE: up to date"
    return
  fi
  tmp=$(bun_context "$ctx" "$bun")
  "${NICE[@]}" buildah bud --quiet --pull=never --format docker \
    --build-arg "BASE=$DISTROLESS_BASE_IMAGE" --label "$INPUTS_LABEL=$hash" \
    -t "$BUN_DISTROLESS_IMAGE" -f "$tmp/Containerfile" "$tmp" >/dev/null
  rm -rf "$tmp"
  log "$BUN_DISTROLESS_IMAGE: built ($(image_size "$BUN_DISTROLESS_IMAGE"))"
}

build_bases() {
  step "debian slim base" build_debian_slim
  step "oven/bun slim" build_bun_slim
  step "distroless base" build_distroless_base
  step "oven/bun distroless" build_bun_distroless
}
