#!/usr/bin/env bash
# Creates the Secrets of a Trip Service namespace from k8s/secrets.yaml (the chart's secret template with
# ${VAR} placeholders): every password and token not given in the environment is generated, the MySQL DSN
# is derived from the MariaDB password, and the result goes straight to kubectl - never to a file.
# Existing Secrets are not touched (`kubectl create` refuses them): rotation is a deliberate act.
# usage: NAMESPACE=trip-service [FX_API_KEY=...] [MYSQL_DSN=...] bash deploy/create-secrets.sh [--dry-run]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
namespace=${NAMESPACE:-trip-service}
dry_run=()
[ "${1:-}" = "--dry-run" ] && dry_run=(--dry-run=client)

random_hex() { openssl rand -hex 32; }
export REDIS_PASSWORD=${REDIS_PASSWORD:-$(random_hex)}
export MARIADB_PASSWORD=${MARIADB_PASSWORD:-$(random_hex)}
# Same DSN options as the local stack (scripts/setup/secrets.ts), pointed at the in-chart MariaDB.
export MYSQL_DSN=${MYSQL_DSN:-"trip:${MARIADB_PASSWORD}@tcp(mariadb.${namespace}.svc.cluster.local:3306)/trip?charset=utf8mb4&loc=UTC&time_zone=%27%2B00%3A00%27&timeout=5s&readTimeout=30s&writeTimeout=30s"}
export MONGODB_PASSWORD=${MONGODB_PASSWORD:-$(random_hex)}
# Replica-set members authenticate each other with this key (base64, at most 1024 characters).
export MONGODB_KEYFILE=${MONGODB_KEYFILE:-$(openssl rand -base64 756 | tr -d '\n')}
# The default provider (ExchangeRate-API open access) needs no key.
export FX_API_KEY=${FX_API_KEY:-unused}
export DAPR_API_TOKEN=${DAPR_API_TOKEN:-$(random_hex)}
export APP_API_TOKEN=${APP_API_TOKEN:-$(random_hex)}
export ADMIN_TOKEN=${ADMIN_TOKEN:-$(random_hex)}
export USER_HASH_SALT=${USER_HASH_SALT:-$(random_hex)}

# Only these variables are substituted; anything else that looks like ${...} stays as it is.
variables='${REDIS_PASSWORD} ${MARIADB_PASSWORD} ${MYSQL_DSN} ${MONGODB_PASSWORD} ${MONGODB_KEYFILE}
${FX_API_KEY} ${DAPR_API_TOKEN} ${APP_API_TOKEN} ${ADMIN_TOKEN} ${USER_HASH_SALT}'
sed "s/^  namespace: trip-service$/  namespace: ${namespace}/" "$root/k8s/secrets.yaml" |
  envsubst "$variables" |
  kubectl create "${dry_run[@]}" --namespace "$namespace" -f - -o name
echo "admin token: kubectl -n $namespace get secret admin-token -o jsonpath='{.data.admin-token}' | base64 -d"
