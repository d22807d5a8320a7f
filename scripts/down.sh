#!/usr/bin/env bash
# Stops what scripts/up.sh started, by recorded pid only: the apps and sidecars (the process group of
# `dapr run`), then the infrastructure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/infra/common.sh"
stop_group dapr-run dapr
bash "$root/scripts/infra.sh" stop
