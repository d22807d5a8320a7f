#!/usr/bin/env bash
# Builds and pushes the images of the given apps, tagged with the commit, from the repository root
# (the build context every Dockerfile expects). The registry login happens before, with Jenkins credentials.
# usage: REGISTRY=registry.example.com/trip-service IMAGE_TAG=<commit> bash scripts/ci/build-images.sh <app id>...
set -euo pipefail
: "${REGISTRY:?REGISTRY is required}" "${IMAGE_TAG:?IMAGE_TAG is required}"
cd "$(dirname "$0")/../.."
export DOCKER_BUILDKIT=1
bun scripts/ci/apps.ts "$@" | while read -r app dockerfile flags; do
  image="$REGISTRY/$app:$IMAGE_TAG"
  # "--build-arg NAME=value ..." (the four services share services/Dockerfile): no spaces in the values.
  read -ra build_args <<<"$flags"
  echo "building $image from $dockerfile ${build_args[*]}"
  docker build --pull --file "$dockerfile" "${build_args[@]}" --tag "$image" \
    --label "org.opencontainers.image.revision=$IMAGE_TAG" \
    --label "org.opencontainers.image.title=$app" .
  docker push "$image"
done
