# Dapr Sentry on 127.0.0.1:3690: the certificate authority that gives each local sidecar its mTLS
# identity (spiffe://public/ns/default/<app id>), on which dapr/config.yaml's access control works. On its
# first start Sentry makes its own root and issuer in .run/sentry/ (kept, so identities survive restarts).
# 3690, not Dapr's default 50001: every port the stack listens on sits below the kernel's ephemeral
# range (32768-60999), where any outgoing connection may hold it for a moment (docs/conventions.md).
# Dapr 1.16's Sentry ignores --healthz-listen-address: its healthz server (9290, /healthz only) listens on
# every interface, the one exception to loopback-only (tests/reliability/scenarios/loopback-only.ts);
# its metrics server would too, so metrics are off. Sourced by infra.sh.
sentry_port=3690
sentry_dir="$run_dir/sentry"

sentry_healthy() {
  http_ok "http://127.0.0.1:9290/healthz" && [ -s "$sentry_dir/ca.crt" ]
}

sentry_start() {
  if running sentry sentry; then
    echo "sentry: already running (pid $(cat "$pid_dir/sentry.pid"))"
    return 0
  fi
  require_free_port sentry "$sentry_port"
  mkdir -p "$sentry_dir"
  chmod 700 "$sentry_dir"
  nohup sentry --mode standalone --config "$root/dapr/config.yaml" --issuer-credentials "$sentry_dir" \
    --trust-domain localhost --listen-address 127.0.0.1 --port "$sentry_port" \
    --healthz-port 9290 --enable-metrics=false --log-as-json \
    >"$log_dir/sentry.log" 2>&1 </dev/null &
  echo $! >"$pid_dir/sentry.pid"
  wait_until "sentry" 30 sentry_healthy
  echo "sentry: started on 127.0.0.1:$sentry_port (pid $(cat "$pid_dir/sentry.pid"))"
}

sentry_stop() {
  stop_by_pid sentry sentry 10
}

sentry_status() {
  if running sentry sentry && sentry_healthy; then
    echo "sentry: up (pid $(cat "$pid_dir/sentry.pid"), 127.0.0.1:$sentry_port)"
  else
    echo "sentry: down"
    return 1
  fi
}
