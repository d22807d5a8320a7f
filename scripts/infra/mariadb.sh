# MariaDB on 127.0.0.1:3307, database `trip`, user `trip` (password from the secret store);
# datadir .run/data/mariadb, initialised on first start. Sourced by infra.sh.
mariadb_socket="$run_dir/mariadb.sock"

mariadb_ping() {
  mariadb-admin --no-defaults --socket="$mariadb_socket" -uroot ping
}

# Creates the database and the app user (idempotent); the password goes through stdin, never argv.
mariadb_provision() {
  local password
  password=$(secret mariadb-password)
  mariadb --no-defaults --socket="$mariadb_socket" -uroot <<SQL
CREATE DATABASE IF NOT EXISTS trip CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'trip'@'127.0.0.1' IDENTIFIED BY '$password';
CREATE USER IF NOT EXISTS 'trip'@'localhost' IDENTIFIED BY '$password';
ALTER USER 'trip'@'127.0.0.1' IDENTIFIED BY '$password';
ALTER USER 'trip'@'localhost' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON trip.* TO 'trip'@'127.0.0.1', 'trip'@'localhost';
-- scratch databases for integration suites (trip_test, ...)
GRANT ALL PRIVILEGES ON \`trip\\_%\`.* TO 'trip'@'127.0.0.1', 'trip'@'localhost';
SQL
}

mariadb_start() {
  if running mariadb mariadbd; then
    echo "mariadb: already running (pid $(cat "$pid_dir/mariadb.pid"))"
    return 0
  fi
  require_free_port mariadb 3307
  local datadir="$data_dir/mariadb"
  if [ ! -d "$datadir/mysql" ]; then
    echo "mariadb: initialising $datadir"
    mkdir -p "$datadir"
    mariadb-install-db --no-defaults --user=root --datadir="$datadir" --skip-test-db \
      --auth-root-authentication-method=socket >>"$log_dir/mariadb.log" 2>&1
  fi
  # --no-defaults keeps the system my.cnf (socket, port, datadir of a system service) out of it.
  # A 1 GiB buffer pool holds a year of 2-minute rates of every currency with its indexes (the history
  # benchmark): with the 128 MiB default, 1,000-row inserts into a table of millions of rows turn
  # disk-bound and outlast the sidecar's 10 s database timeout. It is a cap, not an allocation.
  setsid nohup mariadbd --no-defaults --user=root --datadir="$datadir" \
    --port=3307 --bind-address=127.0.0.1 --socket="$mariadb_socket" \
    --pid-file="$pid_dir/mariadb.pid" --log-error="$log_dir/mariadb.log" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci --default-time-zone=+00:00 \
    --skip-name-resolve --innodb-buffer-pool-size=1G --performance-schema=OFF --max-connections=200 \
    >>"$log_dir/mariadb.log" 2>&1 </dev/null &
  echo $! >"$pid_dir/mariadb.pid"
  wait_until "mariadb" 60 mariadb_ping
  mariadb_provision
  echo "mariadb: started on 127.0.0.1:3307 (pid $(cat "$pid_dir/mariadb.pid"))"
}

mariadb_stop() {
  stop_by_pid mariadb mariadbd 60
}

mariadb_status() {
  if running mariadb mariadbd && mariadb_ping >/dev/null 2>&1; then
    echo "mariadb: up (pid $(cat "$pid_dir/mariadb.pid"), 127.0.0.1:3307)"
  else
    echo "mariadb: down"
    return 1
  fi
}
