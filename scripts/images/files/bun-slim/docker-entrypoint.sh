#!/bin/sh
# As upstream's: `docker run image --version` or `image script.ts` runs bun with those arguments;
# a real command (`image sh`) runs as given.
set -e
if [ "${1#-}" != "$1" ] || [ -z "$(command -v "$1")" ]; then
  set -- bun "$@"
fi
exec "$@"
