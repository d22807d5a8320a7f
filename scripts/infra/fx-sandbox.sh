# The FX sandbox (tools/fx-sandbox): the local stand-in for the rate providers, on 127.0.0.1:8090.
# Sourced by infra.sh.
fx_sandbox_health() {
  http_ok "http://127.0.0.1:8090/health"
}

fx_sandbox_start() {
  if running fx-sandbox bun; then
    echo "fx-sandbox: already running (pid $(cat "$pid_dir/fx-sandbox.pid"))"
    return 0
  fi
  require_free_port fx-sandbox 8090
  PORT=8090 setsid nohup bun "$root/tools/fx-sandbox/src/main.ts" >>"$log_dir/fx-sandbox.log" 2>&1 </dev/null &
  echo $! >"$pid_dir/fx-sandbox.pid"
  wait_until "fx-sandbox" 20 fx_sandbox_health
  echo "fx-sandbox: started on 127.0.0.1:8090 (pid $(cat "$pid_dir/fx-sandbox.pid"))"
}

fx_sandbox_stop() {
  stop_by_pid fx-sandbox bun 10
}

fx_sandbox_status() {
  if running fx-sandbox bun && fx_sandbox_health; then
    echo "fx-sandbox: up (pid $(cat "$pid_dir/fx-sandbox.pid"), http://127.0.0.1:8090)"
  else
    echo "fx-sandbox: down"
    return 1
  fi
}
