#!/usr/bin/env bash
# Commits what a command changes under helm/trip-service/image-tags/ on top of the latest main and pushes
# it, retrying when another build pushed first. Git credentials come from Jenkins (GIT_USERNAME/GIT_TOKEN).
# usage: bash scripts/ci/commit-gitops.sh "<commit message>" <command>...
set -euo pipefail
message=$1
shift
cd "$(dirname "$0")/../.."
git config user.name "${GIT_AUTHOR_NAME:-trip-service-ci}"
git config user.email "${GIT_AUTHOR_EMAIL:-ci@trip.example.com}"
source scripts/ci/git-auth.sh
for attempt in 1 2 3 4 5; do
  git_remote fetch --quiet origin main
  git checkout --quiet -B gitops-update origin/main
  "$@"
  if git diff --quiet -- helm/trip-service/image-tags; then
    echo "image tags already up to date"
    git rev-parse HEAD > .gitops-revision
    exit 0
  fi
  git add helm/trip-service/image-tags
  git commit --quiet -m "$message"
  if git_remote push --quiet origin HEAD:main; then
    git rev-parse HEAD > .gitops-revision
    echo "pushed $(cat .gitops-revision)"
    exit 0
  fi
  echo "push rejected (attempt $attempt), retrying on the new main"
  sleep $((attempt * 2))
done
echo "could not push the image tags" >&2
exit 1
