# Jaeger (cmd/jaeger, the OpenTelemetry-collector based v2 binary built by scripts/setup/jaeger.sh): the
# trace collector of the local stack, in-memory storage, everything on loopback. Sourced by infra.sh.
#   4318  OTLP/HTTP in   (the sidecars: dapr/config.yaml; the apps: OTEL_EXPORTER_OTLP_ENDPOINT in dapr/dapr.yaml)
#   16686 query API + placeholder UI page (docs/tracing.md); 16685 its gRPC twin, which cannot be turned off
# Traces live as long as the process: `stop` forgets them.
source "$root/scripts/delivery/versions.env"
jaeger_bin="$TRIP_CACHE/delivery/jaeger/$JAEGER_VERSION/jaeger"
jaeger_query_port=16686
jaeger_ports=(4318 "$jaeger_query_port" 16685)

jaeger_health() {
  http_ok "http://127.0.0.1:$jaeger_query_port/api/services"
}

jaeger_start() {
  if running jaeger jaeger; then
    echo "jaeger: already running (pid $(cat "$pid_dir/jaeger.pid"))"
    return 0
  fi
  if [ ! -x "$jaeger_bin" ]; then
    echo "jaeger: $jaeger_bin missing — run scripts/setup.sh (it builds Jaeger $JAEGER_VERSION once)" >&2
    return 1
  fi
  local port
  for port in "${jaeger_ports[@]}"; do require_free_port jaeger "$port"; done
  # Only the OTLP/HTTP receiver (no gRPC, Jaeger or Zipkin ones), no remote sampling, no internal metrics
  # server: nothing listens beyond the three ports above.
  cat >"$conf_dir/jaeger.yaml" <<CONF
service:
  extensions: [jaeger_storage, jaeger_query]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
  telemetry:
    resource:
      service.name: jaeger
    metrics:
      level: none
    logs:
      level: info
extensions:
  jaeger_storage:
    backends:
      memstore:
        memory:
          max_traces: 10000
  jaeger_query:
    storage:
      traces: memstore
    # Jaeger would trace its own queries to an OTLP/gRPC collector on localhost:4317: there is none.
    enable_tracing: false
    http:
      endpoint: 127.0.0.1:$jaeger_query_port
    grpc:
      endpoint: 127.0.0.1:16685
receivers:
  otlp:
    protocols:
      http:
        endpoint: 127.0.0.1:4318
processors:
  batch:
exporters:
  jaeger_storage_exporter:
    trace_storage: memstore
CONF
  setsid nohup "$jaeger_bin" --config "$conf_dir/jaeger.yaml" >>"$log_dir/jaeger.log" 2>&1 </dev/null &
  echo $! >"$pid_dir/jaeger.pid"
  wait_until "jaeger" 30 jaeger_health
  echo "jaeger: started, query API http://127.0.0.1:$jaeger_query_port (pid $(cat "$pid_dir/jaeger.pid"))"
}

jaeger_stop() {
  stop_by_pid jaeger jaeger 10
}

jaeger_status() {
  if running jaeger jaeger && jaeger_health; then
    echo "jaeger: up (pid $(cat "$pid_dir/jaeger.pid"), http://127.0.0.1:$jaeger_query_port, OTLP/HTTP 4318)"
  else
    echo "jaeger: down"
    return 1
  fi
}
