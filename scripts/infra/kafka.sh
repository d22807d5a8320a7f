# Kafka (KRaft, single node): broker 127.0.0.1:9092, controller 127.0.0.1:9093; data in .run/data/kafka.
# Runs the Maven-resolved broker classpath from $TRIP_CACHE (scripts/setup/kafka.sh). Sourced by infra.sh.
kafka_libs="$TRIP_CACHE/kafka/$KAFKA_VERSION/libs"
kafka_conf="$conf_dir/kafka-server.properties"

kafka_jvm=(-Xms128m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true
  -Dlog4j2.configurationFile="$root/scripts/infra/kafka-log4j2.properties" -cp "$kafka_libs/*")

kafka_write_config() {
  cat >"$kafka_conf" <<CONF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:9093
listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093
advertised.listeners=PLAINTEXT://127.0.0.1:9092
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$data_dir/kafka
num.partitions=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
log.segment.bytes=16777216
CONF
}

kafka_ready() {
  port_open 9092 && grep -q "Kafka Server started" "$log_dir/kafka.log"
}

kafka_start() {
  if running kafka java; then
    echo "kafka: already running (pid $(cat "$pid_dir/kafka.pid"))"
    return 0
  fi
  require_free_port kafka 9092
  require_free_port kafka 9093
  if [ ! -f "$kafka_libs/.complete" ]; then
    echo "kafka: libraries missing in $kafka_libs — run scripts/setup.sh" >&2
    return 1
  fi
  kafka_write_config
  if [ ! -f "$data_dir/kafka/meta.properties" ]; then
    echo "kafka: formatting $data_dir/kafka"
    mkdir -p "$data_dir/kafka"
    java "${kafka_jvm[@]}" kafka.tools.StorageTool format \
      --cluster-id "$(java "${kafka_jvm[@]}" kafka.tools.StorageTool random-uuid)" \
      --config "$kafka_conf" >>"$log_dir/kafka-format.log" 2>&1
  fi
  # A fresh log per start: readiness is the "started" line of this run.
  [ -f "$log_dir/kafka.log" ] && mv "$log_dir/kafka.log" "$log_dir/kafka.previous.log"
  setsid nohup java "${kafka_jvm[@]}" kafka.Kafka "$kafka_conf" >"$log_dir/kafka.log" 2>&1 </dev/null &
  echo $! >"$pid_dir/kafka.pid"
  wait_until "kafka" 90 kafka_ready
  echo "kafka: started on 127.0.0.1:9092 (pid $(cat "$pid_dir/kafka.pid"))"
}

kafka_stop() {
  stop_by_pid kafka java 60
}

kafka_status() {
  if running kafka java && port_open 9092; then
    echo "kafka: up (pid $(cat "$pid_dir/kafka.pid"), 127.0.0.1:9092)"
  else
    echo "kafka: down"
    return 1
  fi
}
