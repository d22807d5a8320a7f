#!/usr/bin/env bash
# Builds everything the local cluster runs, once, from Go modules and Debian packages:
#   $TRIP_CACHE/k8s/<K8S_VERSION>/   kube-apiserver kube-controller-manager kube-scheduler kubelet kubectl kube-proxy
#   $TRIP_CACHE/k8s/etcd-<v>/etcd    $TRIP_CACHE/k8s/coredns-<v>/coredns
#   $TRIP_CACHE/k8s/images/*.tar     OCI archives: pause, coredns, testbox (busybox-static)
# Idempotent: each piece is skipped when its output exists. No registry or download site beyond the
# Go module proxy and Debian's apt is used.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"

export GOFLAGS="-mod=mod -buildvcs=false" GOWORK=off CGO_ENABLED=0
# The checksum database does not answer for every module here (as in scripts/setup/dapr.sh);
# the go.sum files of Kubernetes/etcd/CoreDNS still pin their dependency graphs.
export GONOSUMDB='*' GOTOOLCHAIN=local
# Builds share the machine's two cores with everything else; stay polite.
gobuild() { nice -n 10 go build -trimpath "$@"; }

# --- Kubernetes ----------------------------------------------------------------------------------
# k8s.io/kubernetes's go.mod replaces its 31 staging modules (k8s.io/api, client-go, ...) with
# ./staging/src/k8s.io/X, which is absent from the module zip. A wrapper module requires
# k8s.io/kubernetes and points each staging module at its published twin k8s.io/X v0.<minor>.<patch>.
k8s_src="$TRIP_CACHE/k8s/src-$K8S_VERSION"
k8s_wrapper() {
  [ -f "$k8s_src/go.mod" ] && return 0
  mkdir -p "$k8s_src"
  local staging_ver="v0.${K8S_VERSION#v1.}" gomod
  gomod=$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/^\t"GoMod": "\(.*\)",$/\1/p')
  [ -f "$gomod" ] || die "could not download k8s.io/kubernetes@$K8S_VERSION"
  {
    echo "module trip.local/k8s-build"
    echo
    echo "go 1.24.0"
    echo
    echo "require k8s.io/kubernetes $K8S_VERSION"
    echo
    grep -o 'k8s.io/[a-z0-9-]* => ./staging/src/k8s.io/[a-z0-9-]*' "$gomod" | awk -v v="$staging_ver" '{ print "replace " $1 " => " $1 " " v }'
  } >"$k8s_src/go.mod.tmp"
  [ "$(grep -c '^replace' "$k8s_src/go.mod.tmp")" -ge 30 ] || die "unexpected staging module list in $gomod"
  # A main package so `go` treats the directory as a buildable module.
  printf 'package main\n\nfunc main() {}\n' >"$k8s_src/main.go"
  mv "$k8s_src/go.mod.tmp" "$k8s_src/go.mod"
}
k8s_ldflags() {
  local minor=${K8S_VERSION#v1.}; minor=${minor%%.*}
  local f
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    f+=" -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
    f+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  done
  echo "-s -w$f"
}
build_k8s() {
  k8s_wrapper
  mkdir -p "$K8S_BIN"
  local b
  for b in kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl; do
    [ -x "$K8S_BIN/$b" ] && continue
    log "building $b $K8S_VERSION (first time only)"
    (cd "$k8s_src" && step "  $b" gobuild -ldflags "$(k8s_ldflags)" -o "$K8S_BIN/$b.tmp" "k8s.io/kubernetes/cmd/$b")
    mv "$K8S_BIN/$b.tmp" "$K8S_BIN/$b"
  done
}

# --- etcd ------------------------------------------------------------------------------------------
build_etcd() {
  [ -x "$ETCD_BIN/etcd" ] && return 0
  log "building etcd $ETCD_VERSION (first time only)"
  local src="$TRIP_CACHE/k8s/src-etcd-$ETCD_VERSION"
  mkdir -p "$src" "$ETCD_BIN"
  if [ ! -f "$src/go.mod" ]; then
    printf 'module trip.local/etcd-build\n\ngo 1.24\n\nrequire go.etcd.io/etcd/server/v3 %s\n' "$ETCD_VERSION" >"$src/go.mod"
    printf 'package main\n\nfunc main() {}\n' >"$src/main.go"
  fi
  (cd "$src" && step "  etcd" gobuild -ldflags "-s -w" -o "$ETCD_BIN/etcd.tmp" go.etcd.io/etcd/server/v3)
  mv "$ETCD_BIN/etcd.tmp" "$ETCD_BIN/etcd"
}

# --- CoreDNS (lean: src/coredns/main.go lists the plugins) ----------------------------------------
build_coredns() {
  [ -x "$COREDNS_BIN/coredns" ] && return 0
  log "building coredns $COREDNS_VERSION (first time only)"
  local src="$TRIP_CACHE/k8s/src-coredns-$COREDNS_VERSION"
  mkdir -p "$src" "$COREDNS_BIN"
  cp "$here/src/coredns/main.go" "$src/main.go"
  [ -f "$src/go.mod" ] || printf 'module trip.local/coredns-build\n\ngo 1.24.0\n\nrequire github.com/coredns/coredns %s\n' "$COREDNS_VERSION" >"$src/go.mod"
  (cd "$src" && step "  coredns" gobuild -ldflags "-s -w -X github.com/coredns/coredns/coremain.GitCommit=$COREDNS_VERSION" -o "$COREDNS_BIN/coredns.tmp" .)
  mv "$COREDNS_BIN/coredns.tmp" "$COREDNS_BIN/coredns"
}

# --- OCI images ------------------------------------------------------------------------------------
# oci_pack REF ROOTFS OUT.tar ENTRYPOINT_JSON USER: one-layer OCI image archive, written by hand
# (oci-layout + index.json + blobs). The index carries io.containerd.image.name = REF, which is the
# name `ctr images import` gives it; REF must be fully qualified (docker.io/...), as the CRI looks
# images up by their normalised name.
oci_pack() {
  local ref=$1 rootfs=$2 out=$3 entrypoint=$4 user=$5
  local d; d=$(mktemp -d)
  mkdir -p "$d/blobs/sha256"
  # Reproducible layer: fixed owner and mtime, sorted names.
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$rootfs" -cf "$d/layer.tar" .
  local layer_sha layer_size cfg cfg_sha man man_sha
  layer_sha=$(sha256sum "$d/layer.tar" | cut -d' ' -f1); layer_size=$(stat -c %s "$d/layer.tar")
  mv "$d/layer.tar" "$d/blobs/sha256/$layer_sha"
  cfg=$(printf '{"architecture":"amd64","os":"linux","config":{"User":"%s","Env":["PATH=/bin:/usr/bin:/usr/local/bin"],"Entrypoint":%s,"WorkingDir":"/"},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' "$user" "$entrypoint" "$layer_sha")
  cfg_sha=$(printf '%s' "$cfg" | sha256sum | cut -d' ' -f1)
  printf '%s' "$cfg" >"$d/blobs/sha256/$cfg_sha"
  man=$(printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%d},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:%s","size":%d}]}' \
    "$cfg_sha" "${#cfg}" "$layer_sha" "$layer_size")
  man_sha=$(printf '%s' "$man" | sha256sum | cut -d' ' -f1)
  printf '%s' "$man" >"$d/blobs/sha256/$man_sha"
  printf '{"imageLayoutVersion":"1.0.0"}' >"$d/oci-layout"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%d,"platform":{"architecture":"amd64","os":"linux"},"annotations":{"io.containerd.image.name":"%s","org.opencontainers.image.ref.name":"%s"}}]}' \
    "$man_sha" "${#man}" "$ref" "${ref##*:}" >"$d/index.json"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$d" -cf "$out.tmp" oci-layout index.json blobs
  mv "$out.tmp" "$out"
  rm -rf "$d"
}

PAUSE_REF="docker.io/trip/pause:$PAUSE_TAG"
COREDNS_REF="docker.io/trip/coredns:${COREDNS_VERSION#v}"
TESTBOX_REF="docker.io/trip/testbox:$TESTBOX_TAG"

build_images() {
  mkdir -p "$IMAGES"
  local r
  if [ ! -f "$IMAGES/pause-$PAUSE_TAG.tar" ]; then
    r=$(mktemp -d)
    (cd "$here/src/pause" && GOFLAGS=-buildvcs=false GO111MODULE=off gobuild -ldflags "-s -w" -o "$r/pause" main.go)
    oci_pack "$PAUSE_REF" "$r" "$IMAGES/pause-$PAUSE_TAG.tar" '["/pause"]' 65535
    rm -rf "$r"; log "  image $PAUSE_REF"
  fi
  if [ ! -f "$IMAGES/coredns-$COREDNS_VERSION.tar" ]; then
    r=$(mktemp -d); cp "$COREDNS_BIN/coredns" "$r/coredns"
    oci_pack "$COREDNS_REF" "$r" "$IMAGES/coredns-$COREDNS_VERSION.tar" '["/coredns"]' 65532
    rm -rf "$r"; log "  image $COREDNS_REF"
  fi
  if [ ! -f "$IMAGES/testbox-$TESTBOX_TAG.tar" ]; then  # bump TESTBOX_TAG when src/testbox changes
    # Debian's static busybox: a shell, httpd, wget, nslookup for the smoke test and `kubectl exec`.
    # The .deb is only unpacked here, not installed on the machine.
    r=$(mktemp -d)
    # (Sandbox user root: _apt may not write to our mktemp dir; update the lists once if they are empty.)
    (cd "$r" && { apt-get -q -o APT::Sandbox::User=root download busybox-static >/dev/null 2>&1 ||
      { apt-get update -qq && apt-get -q -o APT::Sandbox::User=root download busybox-static >/dev/null; }; } &&
      dpkg-deb -x busybox-static_*.deb pkg)
    mkdir -p "$r/root/bin" "$r/root/tmp" "$r/root/www" "$r/root/etc"
    cp "$r/pkg/bin/busybox" "$r/root/bin/busybox"
    for a in sh ls cat echo nslookup httpd sleep hostname env ps id; do ln -s busybox "$r/root/bin/$a"; done
    # busybox's wget segfaults here (static glibc); src/testbox is the HTTP client, resolver, webhook.
    (cd "$here/src/testbox" && GOFLAGS=-buildvcs=false GO111MODULE=off gobuild -ldflags "-s -w" -o "$r/root/bin/testbox" main.go)
    chmod 1777 "$r/root/tmp"
    echo 'hello from testbox' >"$r/root/www/index.html"
    printf 'root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n' >"$r/root/etc/passwd"
    oci_pack "$TESTBOX_REF" "$r/root" "$IMAGES/testbox-$TESTBOX_TAG.tar" '["/bin/sh"]' 65534
    rm -rf "$r"; log "  image $TESTBOX_REF"
  fi
}

build_all() {
  command -v go >/dev/null || die "go is not installed (scripts/setup installs it)"
  step "build kubernetes" build_k8s
  step "build etcd" build_etcd
  step "build coredns" build_coredns
  step "build images" build_images
}

# Run directly: build everything. Sourced by cluster.sh: only define.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  build_all
fi
