#!/bin/bash
# First start: initialise the data directory the way the official mariadb image does, from
#   MARIADB_DATABASE, MARIADB_USER, MARIADB_PASSWORD           (database + user with all rights on it)
#   MARIADB_ROOT_PASSWORD | MARIADB_RANDOM_ROOT_PASSWORD | MARIADB_ALLOW_EMPTY_ROOT_PASSWORD (one needed)
#   MARIADB_ROOT_HOST (default %)
# each also as MYSQL_* and as *_FILE (read from a file), plus /docker-entrypoint-initdb.d/*.{sql,sh}.
# Later starts find the data directory initialised and only start the server.
# Arguments starting with '-' are server flags: `image --port=3307` runs `mariadbd --port=3307`.
set -eo pipefail
shopt -s nullglob

log() { printf '%s [Note] [Entrypoint]: %s\n' "$(date --rfc-3339=seconds)" "$*"; }
fail() { printf '%s [ERROR] [Entrypoint]: %s\n' "$(date --rfc-3339=seconds)" "$*" >&2; exit 1; }

# env_value NAME: MARIADB_NAME, MYSQL_NAME, or the content of the file in MARIADB_NAME_FILE / MYSQL_NAME_FILE.
env_value() {
  local v
  for v in "MARIADB_$1" "MYSQL_$1"; do
    if [ -n "${!v:-}" ]; then printf '%s' "${!v}"; return; fi
    local f="${v}_FILE"
    if [ -n "${!f:-}" ]; then cat "${!f}"; return; fi
  done
}
# sql_string VALUE: VALUE as a quoted SQL string literal.
sql_string() { local s=${1//\\/\\\\}; s=${s//\'/\\\'}; printf "'%s'" "$s"; }
# sql_ident VALUE: VALUE as a quoted SQL identifier.
sql_ident() { printf '`%s`' "${1//\`/\`\`}"; }

# server_option NAME ARGS...: the effective value of a server option (config files + ARGS).
server_option() {
  local name=$1; shift
  "$@" --verbose --help 2>/dev/null | awk -v n="$name" '$1 == n && NF == 2 { print $2; exit }'
}

if [ "${1:0:1}" = - ]; then
  set -- mariadbd "$@"
fi

if [ "$1" = mariadbd ] || [ "$1" = mysqld ]; then
  datadir=$(server_option datadir "$@")
  socket=$(server_option socket "$@")
  if [ ! -d "$datadir/mysql" ]; then
    root_password=$(env_value ROOT_PASSWORD)
    random_root=$(env_value RANDOM_ROOT_PASSWORD)
    empty_root=$(env_value ALLOW_EMPTY_ROOT_PASSWORD)
    root_host=$(env_value ROOT_HOST); root_host=${root_host:-%}
    database=$(env_value DATABASE)
    user=$(env_value USER)
    password=$(env_value PASSWORD)
    if [ -z "$root_password" ] && [ -z "$random_root" ] && [ -z "$empty_root" ]; then
      fail "database is uninitialized and the root password option is not specified: set one of MARIADB_ROOT_PASSWORD, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD, MARIADB_RANDOM_ROOT_PASSWORD"
    fi
    if [ -n "$user" ] && [ -z "$password" ]; then
      fail "MARIADB_USER is set but MARIADB_PASSWORD is not"
    fi
    if [ -n "$random_root" ] && [ -z "$root_password" ]; then
      # Generated, never shown: nobody needs root (the chart's design).
      root_password=$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n')
      log "a random root password was generated (not shown)"
    fi

    log "initializing database files in $datadir"
    # Flags as the official image's: no test db, no binary log, default storage engine enforcement off.
    mariadb-install-db --datadir="$datadir" --rpm --auth-root-authentication-method=normal \
      --skip-test-db --skip-log-bin --expire-logs-days=0 --default-time-zone=SYSTEM \
      --enforce-storage-engine= --old-mode='UTF8_IS_UTF8MB3' \
      --loose-innodb_buffer_pool_load_at_startup=0 --loose-innodb_buffer_pool_dump_at_shutdown=0 \
      "${@:2}" >/dev/null
    log "database files initialized"

    # A temporary server on the socket only (no network) to run the setup statements.
    "$@" --skip-networking --default-time-zone=SYSTEM --socket="$socket" --wsrep_on=OFF \
      --expire-logs-days=0 --skip-log-bin \
      --loose-innodb_buffer_pool_load_at_startup=0 --loose-innodb_buffer_pool_dump_at_shutdown=0 &
    pid=$!
    client=(mariadb --protocol=socket --socket="$socket" -uroot --database=mysql)
    for _ in $(seq 60); do
      "${client[@]}" -e 'SELECT 1' >/dev/null 2>&1 && break
      kill -0 "$pid" 2>/dev/null || fail "the temporary server did not start"
      sleep 1
    done
    "${client[@]}" -e 'SELECT 1' >/dev/null || fail "the temporary server did not answer in 60 s"
    log "temporary server started"

    {
      echo "SET @@SESSION.SQL_LOG_BIN=0;"
      # Only root@localhost (and root@ROOT_HOST below) remain.
      echo "DROP USER IF EXISTS root@'127.0.0.1', root@'::1';"
      echo "EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS root@\'', @@hostname,'\'');"
      echo "SET PASSWORD FOR 'root'@'localhost' = PASSWORD($(sql_string "$root_password"));"
      if [ "$root_host" != localhost ]; then
        echo "CREATE USER 'root'@$(sql_string "$root_host") IDENTIFIED BY $(sql_string "$root_password");"
        echo "GRANT ALL ON *.* TO 'root'@$(sql_string "$root_host") WITH GRANT OPTION;"
        echo "GRANT PROXY ON ''@'%' TO 'root'@$(sql_string "$root_host") WITH GRANT OPTION;"
      fi
      # healthcheck.sh logs in as the OS user the server runs as (mysql), through the socket only,
      # with no password and no privilege beyond connecting.
      echo "CREATE USER IF NOT EXISTS 'mysql'@'localhost' IDENTIFIED VIA unix_socket;"
      if [ -n "$database" ]; then
        echo "CREATE DATABASE IF NOT EXISTS $(sql_ident "$database");"
      fi
      if [ -n "$user" ]; then
        echo "CREATE USER $(sql_string "$user")@'%' IDENTIFIED BY $(sql_string "$password");"
        if [ -n "$database" ]; then
          echo "GRANT ALL ON $(sql_ident "${database//_/\\_}").* TO $(sql_string "$user")@'%';"
        fi
      fi
    } | "${client[@]}" --binary-mode
    log "users and database created"

    for f in /docker-entrypoint-initdb.d/*; do
      case "$f" in
        *.sh) log "running $f"; . "$f" ;;
        *.sql) log "running $f"; "${client[@]}" --password="$root_password" ${database:+--database="$database"} <"$f" ;;
        *) log "ignoring $f" ;;
      esac
    done

    kill "$pid"
    wait "$pid" || fail "the temporary server did not stop cleanly"
    log "temporary server stopped; MariaDB init process done, ready for start up"
  fi
fi

exec "$@"
