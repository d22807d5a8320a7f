#!/usr/bin/env bash
# Installs the Debian packages the local stack runs on, only those that are missing (apt-get update only then).
# --test-tools adds what only the test suites use: the one-node Kubernetes cluster's runtime
# (scripts/cluster) and the image builders (scripts/images).
set -euo pipefail
missing=()
need() { # command package
  command -v "$1" >/dev/null 2>&1 || missing+=("$2")
}
need redis-server redis-server
need redis-cli redis-tools
need mariadbd mariadb-server
need mariadb mariadb-client
need java openjdk-17-jre-headless
need mvn maven
need curl curl
need chromium chromium
need ss iproute2
need openssl openssl
# Packages without a command of their own (fonts for the browser tests' screenshots).
need_pkg() { dpkg -s "$1" >/dev/null 2>&1 || missing+=("$1"); }
need_pkg fonts-noto-cjk
need_pkg fonts-noto-color-emoji
# PostgreSQL for the state-store contract suite: tests/state-stores/servers.sh runs the newest
# /usr/lib/postgresql/<version>/bin (initdb, pg_ctl, psql), which no command on PATH stands for.
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
if [ "${1:-}" = --test-tools ]; then
  for package in containerd runc containernetworking-plugins iptables conntrack buildah podman debootstrap; do
    need_pkg "$package"
  done
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "missing packages: ${missing[*]} — run as root or install them first" >&2
  exit 1
fi
echo "installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
