#!/bin/sh
# As the official image's entrypoint: `image --port 7000` or `image /path/redis.conf` runs
# redis-server with those arguments; any other command runs as given. The image already runs as
# redis (999), so there is no privilege drop; the chart overrides the command anyway.
set -e
case "$1" in
  -*|*.conf) set -- redis-server "$@" ;;
esac
exec "$@"
