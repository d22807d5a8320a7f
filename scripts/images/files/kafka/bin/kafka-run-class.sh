#!/bin/bash
# kafka-run-class.sh CLASS ARGS...: runs a Kafka class on the image's classpath, with the same
# environment variables as Kafka's own script (KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS,
# KAFKA_GC_LOG_OPTS, KAFKA_JMX_OPTS, KAFKA_LOG4J_OPTS, KAFKA_OPTS; JAVA_HOME optional).
set -euo pipefail
base=$(cd "$(dirname "$0")/.." && pwd)
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
heap=${KAFKA_HEAP_OPTS:--Xmx256M}
perf=${KAFKA_JVM_PERFORMANCE_OPTS:--server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true}
log4j=${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=$base/config/tools-log4j2.yaml}
[ -f "${log4j#-Dlog4j2.configurationFile=}" ] || log4j=-Dlog4j2.configurationFile=/etc/kafka/docker/tools-log4j2.yaml
# shellcheck disable=SC2086 # the *_OPTS variables are lists of JVM flags
exec "$java" $heap $perf ${KAFKA_GC_LOG_OPTS:-} ${KAFKA_JMX_OPTS:-} "$log4j" ${KAFKA_OPTS:-} \
  -cp "$base/libs/*" "$@"
