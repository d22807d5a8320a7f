#!/bin/bash
# kafka-metadata-quorum.sh: as in Kafka's distribution.
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.MetadataQuorumCommand "$@"
