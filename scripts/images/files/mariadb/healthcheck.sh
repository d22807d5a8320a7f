#!/bin/bash
# The official mariadb image's healthcheck.sh, for the tests the chart's probes use:
#   --connect               the server accepts a connection (here through its socket)
#   --innodb_initialized    InnoDB is initialised (and the server answers queries)
#   --innodb_buffer_pool_loaded  the buffer pool has finished loading at startup
# It logs in as the OS user running it (mysql, 999) through unix_socket authentication: the
# entrypoint created that account with no privilege but connecting, so no password is stored.
# Exit status 0 when every requested test passes.
set -eo pipefail
client=(mariadb --no-auto-rehash --skip-column-names --batch --user="$(id -un 2>/dev/null || echo mysql)")
query() { "${client[@]}" -e "$1" 2>/dev/null; }
[ $# -gt 0 ] || set -- --connect
for test in "$@"; do
  case "$test" in
    --connect)
      query 'SELECT 1' >/dev/null || { echo "healthcheck connect failed" >&2; exit 1; } ;;
    --innodb_initialized)
      [ "$(query "SELECT 1 FROM information_schema.ENGINES WHERE engine='innodb' AND support IN ('YES','DEFAULT','ENABLED')")" = 1 ] \
        || { echo "healthcheck innodb_initialized failed" >&2; exit 1; } ;;
    --innodb_buffer_pool_loaded)
      query "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME='INNODB_BUFFER_POOL_LOAD_STATUS'" \
        | grep -Eq '^Buffer pool\(s\) load completed' || { echo "healthcheck innodb_buffer_pool_loaded failed" >&2; exit 1; } ;;
    --su-mysql|--no-defaults|--defaults-file=*|--defaults-extra-file=*|--datadir=*) ;;  # accepted, not needed here
    *) echo "healthcheck: unknown test $test" >&2; exit 2 ;;
  esac
done
