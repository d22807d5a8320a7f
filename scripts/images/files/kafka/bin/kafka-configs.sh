#!/bin/bash
# kafka-configs.sh: as in Kafka's distribution.
exec "$(dirname "$0")/kafka-run-class.sh" kafka.admin.ConfigCommand "$@"
