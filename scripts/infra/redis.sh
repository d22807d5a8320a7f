# Redis on 127.0.0.1:6380 with the password from the secret store; data in .run/data/redis. Sourced by infra.sh.
redis_ping() {
  [ "$(REDISCLI_AUTH=$(secret redis-password) redis-cli -h 127.0.0.1 -p 6380 ping 2>/dev/null)" = "PONG" ]
}

redis_start() {
  if running redis redis-server; then
    echo "redis: already running (pid $(cat "$pid_dir/redis.pid"))"
    return 0
  fi
  require_free_port redis 6380
  mkdir -p "$data_dir/redis"
  # Written on every start so a rotated password takes effect; 0600 because it holds the password.
  (
    umask 077
    cat >"$conf_dir/redis.conf" <<CONF
port 6380
bind 127.0.0.1
protected-mode yes
requirepass $(secret redis-password)
daemonize yes
pidfile $pid_dir/redis.pid
logfile $log_dir/redis.log
dir $data_dir/redis
appendonly yes
appendfsync everysec
save 300 1
maxmemory 256mb
maxmemory-policy noeviction
CONF
  )
  redis-server "$conf_dir/redis.conf"
  wait_until "redis" 15 redis_ping
  echo "redis: started on 127.0.0.1:6380 (pid $(cat "$pid_dir/redis.pid"))"
}

redis_stop() {
  stop_by_pid redis redis-server 15
}

redis_status() {
  if running redis redis-server && redis_ping; then
    echo "redis: up (pid $(cat "$pid_dir/redis.pid"), 127.0.0.1:6380)"
  else
    echo "redis: down"
    return 1
  fi
}
