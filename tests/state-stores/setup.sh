#!/usr/bin/env bash
# Prepares the state-store contract suite: installs the database servers it runs (Debian packages)
# when missing and starts PostgreSQL on 5433. Safe to run again: nothing is redone that is in place.
# The suite itself starts Redis/MariaDB when they are not up, and stops whatever it started.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

missing=()
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || missing+=(postgresql)
command -v mariadbd >/dev/null || missing+=(mariadb-server)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v openssl >/dev/null || missing+=(openssl)
if ((${#missing[@]})); then
  echo "installing ${missing[*]}"
  apt-get update -qq
  # Debian starts packaged servers on install; the suite runs its own instances, so keep them off.
  own_policy=false
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && own_policy=true
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if $own_policy; then rm -f /usr/sbin/policy-rc.d; fi
fi

bash "$here/servers.sh" start postgres
