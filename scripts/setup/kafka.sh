#!/usr/bin/env bash
# Resolves the pinned Kafka broker (KRaft) classpath from Maven Central into the cache — first time only.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/versions.env"
source "$here/cache-dir.sh"
libs="$TRIP_CACHE/kafka/$KAFKA_VERSION/libs"
if [ -f "$libs/.complete" ]; then
  exit 0
fi
echo "resolving Kafka $KAFKA_VERSION broker classpath from Maven Central — first time only"
rm -rf "$libs"
mkdir -p "$libs"
log="$TRIP_CACHE/kafka/$KAFKA_VERSION/maven.log"
if ! mvn -B -Dstyle.color=never -f "$here/kafka/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
  dependency:copy-dependencies -DoutputDirectory="$libs" -DincludeScope=runtime >"$log" 2>&1; then
  tail -n 30 "$log" >&2
  exit 1
fi
ls "$libs"/kafka_2.13-"$KAFKA_VERSION".jar >/dev/null
touch "$libs/.complete"
