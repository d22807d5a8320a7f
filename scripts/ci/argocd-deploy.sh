#!/usr/bin/env bash
# Syncs an Argo CD application and waits until it is synced and healthy at a revision that contains the
# given commit (a later commit on main is fine; an older one is a failure).
# The argocd CLI reads ARGOCD_SERVER and ARGOCD_AUTH_TOKEN (Jenkins credentials) from the environment.
# usage: bash scripts/ci/argocd-deploy.sh <application> <git commit> [timeout seconds]
set -euo pipefail
source "$(dirname "$0")/git-auth.sh"
app=$1
commit=$2
timeout=${3:-900}
argocd app get "$app" --grpc-web --hard-refresh >/dev/null
# Staging also syncs itself (automated): when its auto-sync is already running this sync is refused,
# which is fine - the wait below covers both cases.
argocd app sync "$app" --grpc-web --prune --timeout "$timeout" ||
  echo "sync of $app not started here (an automated sync may be running); waiting for it"
argocd app wait "$app" --grpc-web --sync --health --timeout "$timeout"
deployed=$(argocd app get "$app" --grpc-web -o json |
  bun -e 'const app = await Bun.stdin.json(); console.log(app.status?.sync?.revision ?? "")')
git_remote fetch --quiet origin main
if ! git merge-base --is-ancestor "$commit" "$deployed"; then
  echo "$app runs $deployed, which does not contain $commit" >&2
  exit 1
fi
echo "$app is synced and healthy at $deployed (contains $commit)"
