#!/usr/bin/env bash
# A real one-node Kubernetes cluster on this machine, built from registry packages only.
#
#   bash scripts/cluster/cluster.sh build            build binaries + images once into $TRIP_CACHE/k8s
#   bash scripts/cluster/cluster.sh up               build if needed, start everything, prove it works
#   bash scripts/cluster/cluster.sh status           what runs, node readiness
#   bash scripts/cluster/cluster.sh verify           logs/exec/port-forward, PSS, HPA, admission webhook
#   bash scripts/cluster/cluster.sh import A.tar...  load OCI/docker image archives into the node
#   bash scripts/cluster/cluster.sh kubectl ARGS...  kubectl against this cluster (admin)
#   bash scripts/cluster/cluster.sh env              prints `export KUBECONFIG=... PATH=...`
#   bash scripts/cluster/cluster.sh down             stop all of it, remove what up added to the host
#   bash scripts/cluster/cluster.sh reset            down + forget the cluster (etcd data, certs, kubelet dir)
#   bash scripts/cluster/cluster.sh purge            reset + delete the node's images (/var/lib/trip-cluster)
#
# Layout and choices: docs/cluster.md. Everything runs as root processes tracked by pid files in
# .run/cluster/pids; down stops exactly those and undoes exactly what up changed.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"
source "$here/build.sh"
source "$here/pki.sh"
source "$here/configs.sh"
source "$here/addons.sh"
source "$here/verify.sh"

PIDS="$RUN/pids"
LOGS="$RUN/logs"
export PATH="$K8S_BIN:$PATH"
export KUBECONFIG="$KUBECONFIG_ADMIN"
ctr_() { ctr --address "$CTRD_SOCK" --namespace k8s.io "$@"; }
k() { "$K8S_BIN/kubectl" --kubeconfig "$KUBECONFIG_ADMIN" "$@"; }
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler containerd kubelet kube-proxy)

need_root() { [ "$(id -u)" = 0 ] || die "must run as root (it starts containerd, kubelet, sets up a bridge)"; }

# --- host packages ----------------------------------------------------------------------------------
# Debian packages the node needs; installed only when missing (no services are started by them here).
ensure_packages() {
  local want=() p
  for p in containerd runc containernetworking-plugins iptables conntrack; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || want+=("$p")
  done
  [ ${#want[@]} -eq 0 ] && return 0
  log "installing ${want[*]} (apt)"
  [ -n "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -print -quit 2>/dev/null)" ] || apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
}

# --- processes --------------------------------------------------------------------------------------
# A pid file holds "PID EXE"; a component counts as running only if that pid still runs that binary
# (guards against pid reuse after a reboot or crash).
running() {
  local f="$PIDS/$1" pid exe
  [ -f "$f" ] || return 1
  read -r pid exe <"$f"
  [ -n "$pid" ] && [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$exe" ]
}
# start NAME BINARY ARGS...: runs it in its own session, logs to $LOGS/NAME.log.
start() {
  local name=$1 bin=$2; shift 2
  if running "$name"; then return 0; fi
  mkdir -p "$PIDS" "$LOGS"
  setsid "$bin" "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
  echo "$! $(readlink -f "$bin")" >"$PIDS/$name"
  log "started $name (pid $!)"
}
# stop NAME...: SIGTERM to all of them at once, then waits up to 10 s before SIGKILL.
stop() {
  local name pid exe pids=() i
  for name in "$@"; do
    if running "$name"; then
      read -r pid exe <"$PIDS/$name"
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
      log "stopping $name (pid $pid)"
    fi
    rm -f "$PIDS/$name"
  done
  local p alive
  for i in $(seq 1 100); do
    alive=0
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.1
  done
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
}
# wait_for DESC TIMEOUT CMD...: polls CMD every 0.5 s.
wait_for() {
  local desc=$1 timeout=$2 s=$EPOCHREALTIME; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || die "timed out after ${timeout}s waiting for $desc (logs: $LOGS)"
    sleep 0.5
  done
  log "$desc ($(since "$s")s)"
}

# --- host networking --------------------------------------------------------------------------------
# Sysctls that up changes (us, the CNI bridge plugin, the kubelet's kernel tunables), saved once per
# up/down cycle so down puts back the machine's own values.
SYSCTLS=(net.ipv4.ip_forward net.bridge.bridge-nf-call-iptables
  vm.overcommit_memory vm.panic_on_oom kernel.panic kernel.panic_on_oops
  kernel.keys.root_maxkeys kernel.keys.root_maxbytes)
save_sysctls() {
  [ -f "$RUN/sysctl.saved" ] && return 0
  local key f
  for key in "${SYSCTLS[@]}"; do
    f=/proc/sys/${key//.//}
    [ -f "$f" ] && echo "$key=$(cat "$f")"
  done >"$RUN/sysctl.saved.tmp"
  mv "$RUN/sysctl.saved.tmp" "$RUN/sysctl.saved"
}
restore_sysctls() {
  [ -f "$RUN/sysctl.saved" ] || return 0
  local kv
  while read -r kv; do sysctl -qw "$kv" >/dev/null 2>&1 || true; done <"$RUN/sysctl.saved"
  log "restored sysctls: $(tr '\n' ' ' <"$RUN/sysctl.saved")"
  rm -f "$RUN/sysctl.saved"
}
setup_network() {
  save_sysctls
  # Service traffic between pods on the same bridge must pass iptables (kube-proxy's DNAT).
  [ -f /proc/sys/net/bridge/bridge-nf-call-iptables ] || modprobe br_netfilter 2>/dev/null || true
  [ -f /proc/sys/net/bridge/bridge-nf-call-iptables ] || die "br_netfilter is not available (net.bridge.bridge-nf-call-iptables)"
  sysctl -qw net.bridge.bridge-nf-call-iptables=1
  sysctl -qw net.ipv4.ip_forward=1
  # The bridge exists before the kubelet and API server start: its address is the node IP, the API
  # server's address and the kubelet's. The CNI bridge plugin adopts it for the pods.
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
  fi
  ip addr show dev "$BRIDGE" | grep -q "inet $POD_GW/" || ip addr add "$POD_GW/${POD_CIDR#*/}" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  # TRIP-GUARD: pods talk to this machine and each other only. Drop anything forwarded between the
  # bridge and another interface, and anything for the pod range that arrives from outside (so the
  # API server / kubelet on the bridge address are not reachable from eth0 either).
  # (Rebuilt on every up: creating or flushing is cheap and keeps the rules exactly these.)
  iptables -w -N TRIP-GUARD 2>/dev/null || iptables -w -F TRIP-GUARD
  iptables -w -A TRIP-GUARD -i "$BRIDGE" ! -o "$BRIDGE" -j DROP
  iptables -w -A TRIP-GUARD -o "$BRIDGE" ! -i "$BRIDGE" -j DROP
  iptables -w -N TRIP-GUARD-IN 2>/dev/null || iptables -w -F TRIP-GUARD-IN
  iptables -w -A TRIP-GUARD-IN -i lo -j RETURN
  iptables -w -A TRIP-GUARD-IN -i "$BRIDGE" -j RETURN
  iptables -w -A TRIP-GUARD-IN -d "$POD_CIDR" -j DROP
  iptables -w -C FORWARD -j TRIP-GUARD 2>/dev/null || iptables -w -I FORWARD 1 -j TRIP-GUARD
  iptables -w -C INPUT -j TRIP-GUARD-IN 2>/dev/null || iptables -w -I INPUT 1 -j TRIP-GUARD-IN
}
# Removes every KUBE-*, CNI-* and TRIP-* chain (and the jumps to them) from every table, for
# iptables and ip6tables. Those prefixes are kube-proxy's, kubelet's, the CNI plugins' and ours.
clean_iptables() {
  local cmd t rule chain chains
  for cmd in iptables ip6tables; do
    command -v "$cmd-save" >/dev/null || continue
    for t in filter nat mangle raw; do
      "$cmd-save" -t "$t" >/dev/null 2>&1 || continue
      # (The *-save warnings about iptables-legacy tables are not ours: stderr is dropped.)
      # Jumps from any chain into ours (built-in or otherwise), deleted one by one.
      "$cmd-save" -t "$t" 2>/dev/null | { grep -E '^-A .* -j (KUBE|CNI|TRIP)-' || true; } | sed 's/^-A /-D /' |
        while read -r rule; do eval "$cmd -w -t $t $rule" 2>/dev/null || true; done
      chains=$("$cmd-save" -t "$t" 2>/dev/null | sed -n 's/^:\(\(KUBE\|CNI\|TRIP\)-[^ ]*\) .*/\1/p')
      for chain in $chains; do "$cmd" -w -t "$t" -F "$chain" 2>/dev/null || true; done
      for chain in $chains; do "$cmd" -w -t "$t" -X "$chain" 2>/dev/null || true; done
    done
  done
}

# --- components -------------------------------------------------------------------------------------
curl_api() { curl -sf --cacert "$RUN/pki/ca.crt" --cert "$RUN/pki/admin.crt" --key "$RUN/pki/admin.key" "https://$POD_GW:$APISERVER_PORT$1"; }

start_etcd() {
  mkdir -p "$RUN/etcd"; chmod 700 "$RUN/etcd"
  start etcd "$ETCD_BIN/etcd" --name trip-etcd --data-dir "$RUN/etcd" \
    --listen-client-urls https://127.0.0.1:2379 --advertise-client-urls https://127.0.0.1:2379 \
    --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
    --initial-cluster trip-etcd=http://127.0.0.1:2380 --listen-metrics-urls http://127.0.0.1:2381 \
    --cert-file "$RUN/pki/etcd-server.crt" --key-file "$RUN/pki/etcd-server.key" \
    --client-cert-auth --trusted-ca-file "$RUN/pki/ca.crt" \
    --quota-backend-bytes 2147483648 --snapshot-count 10000 --log-level warn
}
start_apiserver() {
  # Serves on the bridge gateway, not 127.0.0.1: pods (CoreDNS, Dapr's operator/injector) reach the API
  # through the kubernetes Service, whose endpoint may not be a loopback address.
  start kube-apiserver "$K8S_BIN/kube-apiserver" \
    --bind-address "$POD_GW" --advertise-address "$POD_GW" --secure-port "$APISERVER_PORT" \
    --etcd-servers https://127.0.0.1:2379 --etcd-cafile "$RUN/pki/ca.crt" \
    --etcd-certfile "$RUN/pki/apiserver-etcd-client.crt" --etcd-keyfile "$RUN/pki/apiserver-etcd-client.key" \
    --tls-cert-file "$RUN/pki/apiserver.crt" --tls-private-key-file "$RUN/pki/apiserver.key" \
    --client-ca-file "$RUN/pki/ca.crt" \
    --kubelet-client-certificate "$RUN/pki/apiserver-kubelet-client.crt" \
    --kubelet-client-key "$RUN/pki/apiserver-kubelet-client.key" \
    --kubelet-certificate-authority "$RUN/pki/ca.crt" --kubelet-preferred-address-types InternalIP \
    --service-account-key-file "$RUN/pki/sa.pub" --service-account-signing-key-file "$RUN/pki/sa.key" \
    --service-account-issuer "https://kubernetes.default.svc.$CLUSTER_DOMAIN" \
    --service-cluster-ip-range "$SERVICE_CIDR" \
    --authorization-mode Node,RBAC \
    --enable-admission-plugins NodeRestriction,PodSecurity \
    --allow-privileged=true --profiling=false --event-ttl 1h \
    --endpoint-reconciler-type lease
}
start_controller_manager() {
  # Also the CSR signer (cluster CA) and the service-account token controller (sa.key).
  start kube-controller-manager "$K8S_BIN/kube-controller-manager" \
    --kubeconfig "$RUN/controller-manager.kubeconfig" \
    --authentication-kubeconfig "$RUN/controller-manager.kubeconfig" \
    --authorization-kubeconfig "$RUN/controller-manager.kubeconfig" \
    --bind-address 127.0.0.1 --leader-elect=false \
    --cluster-signing-cert-file "$RUN/pki/ca.crt" --cluster-signing-key-file "$RUN/pki/ca.key" \
    --root-ca-file "$RUN/pki/ca.crt" --service-account-private-key-file "$RUN/pki/sa.key" \
    --use-service-account-credentials \
    --service-cluster-ip-range "$SERVICE_CIDR" --cluster-cidr "$POD_CIDR" \
    --allocate-node-cidrs --node-cidr-mask-size "${POD_CIDR#*/}" \
    --profiling=false
}
start_scheduler() {
  start kube-scheduler "$K8S_BIN/kube-scheduler" \
    --kubeconfig "$RUN/scheduler.kubeconfig" \
    --authentication-kubeconfig "$RUN/scheduler.kubeconfig" \
    --authorization-kubeconfig "$RUN/scheduler.kubeconfig" \
    --bind-address 127.0.0.1 --leader-elect=false --profiling=false
}
start_containerd() {
  mkdir -p "$CTRD_ROOT" "$CTRD_STATE" "$CNI_STATE"
  # The runc shims always put their sockets in /run/containerd/s (hard-wired in containerd 1.6); the
  # names hash our socket path, so they cannot clash with a system containerd. Down removes the
  # directory again if it was us who made it.
  [ -d /run/containerd ] || { mkdir -p /run/containerd && touch "$RUN/made-run-containerd"; }
  start containerd "$(command -v containerd)" --config "$RUN/containerd.toml"
}
start_kubelet() {
  mkdir -p "$KUBELET_ROOT" "$STATE/pod-logs"
  # The kubelet always symlinks container logs into /var/log/containers; down removes the directory
  # again if it was us who brought it.
  [ -d /var/log/containers ] || { mkdir -p /var/log/containers && touch "$RUN/made-var-log-containers"; }
  # The kubelet's cgroupRoot must exist in every v1 hierarchy; cpuset children start with no CPUs or
  # memory nodes, so they get the parent's.
  local h
  for h in /sys/fs/cgroup/*/; do
    [ -f "$h/cgroup.procs" ] || continue
    mkdir -p "$h/trip-cluster"
    if [ -f "$h/cpuset.cpus" ]; then
      [ -n "$(cat "$h/trip-cluster/cpuset.cpus")" ] || cat "$h/cpuset.cpus" >"$h/trip-cluster/cpuset.cpus"
      [ -n "$(cat "$h/trip-cluster/cpuset.mems")" ] || cat "$h/cpuset.mems" >"$h/trip-cluster/cpuset.mems"
    fi
  done
  start kubelet "$K8S_BIN/kubelet" --config "$RUN/kubelet.yaml" --kubeconfig "$RUN/kubelet.kubeconfig" \
    --root-dir "$KUBELET_ROOT" --hostname-override "$NODE_NAME" --node-ip "$POD_GW" \
    --node-labels "node.kubernetes.io/instance-type=trip-local"
}
start_kube_proxy() {
  start kube-proxy "$K8S_BIN/kube-proxy" --config "$RUN/kube-proxy.yaml"
}

# Imports our own images (pause, coredns, testbox) unless containerd already has them.
import_own_images() {
  local have; have=$(ctr_ images ls -q)
  local ref tar
  for ref in "docker.io/trip/pause:$PAUSE_TAG=$IMAGES/pause-$PAUSE_TAG.tar" \
    "docker.io/trip/coredns:${COREDNS_VERSION#v}=$IMAGES/coredns-$COREDNS_VERSION.tar" \
    "docker.io/trip/testbox:$TESTBOX_TAG=$IMAGES/testbox-$TESTBOX_TAG.tar"; do
    tar=${ref#*=}; ref=${ref%%=*}
    grep -qxF "$ref" <<<"$have" || ctr_ images import "$tar" >/dev/null
  done
}

# --- commands ---------------------------------------------------------------------------------------
all_running() { local c; for c in "${COMPONENTS[@]}"; do running "$c" || return 1; done; }
# One cluster per machine (its state, node IP and ports are the machine's): `up` and `down` refuse to act
# while one started from another clone runs. Its pid files are in that clone's .run/cluster, not ours.
refuse_foreign_cluster() {
  local name pid ours
  for name in etcd kube-apiserver kubelet; do
    ours=""
    if running "$name"; then read -r ours _ <"$PIDS/$name"; fi
    for pid in $(pgrep -x "$name"); do
      [ "$pid" = "$ours" ] && continue
      die "$name (pid $pid) of another cluster runs (working directory $(readlink "/proc/$pid/cwd" 2>/dev/null || echo unknown)); stop it with that clone's scripts/cluster/cluster.sh down"
    done
  done
}

node_ready() { [ "$(k get node "$NODE_NAME" -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}')" = True ]; }
host_reaches_service() {
  local ip; ip=$(k -n trip-cluster-check get svc web -o jsonpath='{.spec.clusterIP}')
  curl -sf --max-time 2 "http://$ip/" | grep -q 'hello from testbox'
}
client_exec() { k -n trip-cluster-check exec deploy/client -- "$@"; }
pod_resolves_kubernetes() { client_exec testbox resolve "kubernetes.default.svc.$CLUSTER_DOMAIN" | grep -qxF "$KUBERNETES_SVC_IP"; }
# By short name: exercises the pod's DNS search path like an application would.
pod_reaches_service() { client_exec testbox get http://web/ | grep -q 'hello from testbox'; }

apply_addons() { coredns_manifest | k apply -f - >/dev/null && check_manifest | k apply -f - >/dev/null; }

cmd_up() {
  need_root
  local t0=$EPOCHREALTIME
  if all_running && node_ready 2>/dev/null; then
    # Still bring our images and add-ons up to date (cheap; kubectl apply leaves unchanged ones alone).
    build_all >/dev/null
    import_own_images
    apply_addons
    log "cluster already up (node $NODE_NAME Ready); export KUBECONFIG=$KUBECONFIG_ADMIN"
    return 0
  fi
  refuse_foreign_cluster
  ensure_packages
  build_all
  mkdir -p "$RUN" "$STATE"
  step "pki + configs" eval 'make_pki; write_configs'
  setup_network
  # containerd first: its image import runs while the control plane comes up.
  start_containerd
  start_etcd
  wait_for "etcd healthy" 60 curl -sf --cacert "$RUN/pki/ca.crt" --cert "$RUN/pki/apiserver-etcd-client.crt" \
    --key "$RUN/pki/apiserver-etcd-client.key" https://127.0.0.1:2379/health
  start_apiserver
  wait_for "containerd ready" 60 ctr_ version
  step "images imported" import_own_images
  wait_for "kube-apiserver ready" 120 curl_api /readyz
  start_controller_manager
  start_scheduler
  start_kubelet
  start_kube_proxy
  step "add-ons applied" apply_addons
  wait_for "node $NODE_NAME Ready" 120 node_ready
  wait_for "CoreDNS available" 120 k -n kube-system rollout status deploy/coredns --timeout=1s
  wait_for "check pods available" 120 eval 'k -n trip-cluster-check rollout status deploy/web --timeout=1s && k -n trip-cluster-check rollout status deploy/client --timeout=1s'
  wait_for "ClusterIP Service reachable from the host" 60 host_reaches_service
  wait_for "DNS resolves kubernetes.default.svc.$CLUSTER_DOMAIN in a pod" 60 pod_resolves_kubernetes
  wait_for "Service reachable by name from another pod" 60 pod_reaches_service
  log "cluster up in $(since "$t0")s — export KUBECONFIG=$KUBECONFIG_ADMIN PATH=$K8S_BIN:\$PATH"
}

cmd_down() {
  need_root
  # Its cleanup (cgroups, mounts, iptables chains, CNI state) is the machine's: never under another's cluster.
  refuse_foreign_cluster
  # Best effort from here on: one failing cleanup step must not skip the others.
  set +e
  local t0=$EPOCHREALTIME c
  # kubelet first, so it does not restart the pods we are about to remove.
  stop kubelet
  # Pods: kill and delete every task and container in our containerd's k8s.io namespace (with ctr;
  # no crictl here), then kill any shim of OUR containerd that survives and anything left in our
  # pods' cgroups.
  if running containerd; then
    local id
    for id in $(ctr_ tasks ls -q 2>/dev/null); do ctr_ tasks kill -s KILL "$id" >/dev/null 2>&1 || true; done
    sleep 0.5
    for id in $(ctr_ tasks ls -q 2>/dev/null); do ctr_ tasks delete -f "$id" >/dev/null 2>&1 || true; done
    for id in $(ctr_ containers ls -q 2>/dev/null); do ctr_ containers delete "$id" >/dev/null 2>&1 || true; done
  fi
  kill_our_shims
  kill_our_cgroups
  stop kube-proxy kube-scheduler kube-controller-manager kube-apiserver containerd
  stop etcd
  kill_our_shims
  # kube-proxy's own cleanup, then any KUBE-/CNI-/TRIP- chain left (kubelet's canaries, portmap, ours).
  [ -x "$K8S_BIN/kube-proxy" ] && "$K8S_BIN/kube-proxy" --cleanup >/dev/null 2>&1 || true
  clean_iptables
  unmount_under "$KUBELET_ROOT"
  unmount_under "$CTRD_STATE"
  unmount_under "$CTRD_ROOT"
  rm -rf "$CTRD_STATE" "$CNI_STATE" "$CNI_CONF_DIR"
  rmdir /run/trip-cluster 2>/dev/null
  if [ -f "$RUN/made-run-containerd" ]; then
    rmdir /run/containerd/runc/k8s.io /run/containerd/runc /run/containerd/s /run/containerd 2>/dev/null
    [ -d /run/containerd ] || rm -f "$RUN/made-run-containerd"
  fi
  # Pod log symlinks the kubelet made in the machine's /var/log/containers that point into our dir.
  local l
  for l in /var/log/containers/*.log; do
    [ -L "$l" ] && [[ $(readlink "$l") == "$STATE/pod-logs/"* ]] && rm -f "$l"
  done
  rm -rf "$STATE/pod-logs"
  [ -f "$RUN/made-var-log-containers" ] && rmdir /var/log/containers 2>/dev/null && rm -f "$RUN/made-var-log-containers"
  remove_cgroups
  # The pods' veths went with their network namespaces (unmounted above); now the bridge.
  ip link show "$BRIDGE" >/dev/null 2>&1 && ip link del "$BRIDGE"
  restore_sysctls
  log "down in $(since "$t0")s"
}
# Shims of our containerd carry "-address $CTRD_SOCK" on their command line (other containerd
# instances' shims do not, and are left alone).
our_shims() {
  local p
  for p in $(pgrep -f containerd-shim 2>/dev/null); do
    tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -qF -- "-address $CTRD_SOCK" && echo "$p"
  done
  return 0
}
kill_our_shims() {
  local p
  for p in $(our_shims); do kill -KILL "$p" 2>/dev/null || true; done
}
# unmount_under PREFIX: unmounts every mount point at or below PREFIX (deepest first).
unmount_under() {
  local prefix=$1 m
  for m in $(awk -v p="$prefix" 'index($5, p) == 1 { print $5 }' /proc/self/mountinfo | sort -r); do
    umount -l "$m" 2>/dev/null || true
  done
}
# Any process still in our pods' cgroups (e.g. if containerd had died): killed by pid, one by one.
kill_our_cgroups() {
  local f p
  for f in $(find /sys/fs/cgroup/pids/trip-cluster /sys/fs/cgroup/memory/trip-cluster -name cgroup.procs 2>/dev/null); do
    for p in $(cat "$f" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
  done
}
# Our pods' cgroups live under /trip-cluster in each v1 hierarchy (kubelet cgroupRoot); remove them
# deepest first (rmdir only works on empty cgroups, i.e. once every process in them is gone).
remove_cgroups() {
  local d
  for d in /sys/fs/cgroup/*/trip-cluster; do
    [ -d "$d" ] || continue
    find "$d" -depth -type d -exec rmdir {} \; 2>/dev/null || true
  done
}

# Every process of the running cluster: the components, the containerd shims of our instance and
# everything in our pods' cgroups.
cluster_pids() {
  local c pid exe p f
  for c in "${COMPONENTS[@]}"; do running "$c" && { read -r pid exe <"$PIDS/$c"; echo "$pid"; }; done
  our_shims
  find /sys/fs/cgroup/pids/trip-cluster -name cgroup.procs -exec cat {} + 2>/dev/null
}

cmd_status() {
  local c pid exe
  for c in "${COMPONENTS[@]}"; do
    if running "$c"; then
      read -r pid exe <"$PIDS/$c"
      printf '%-24s running  pid %-7s rss %6d MiB\n' "$c" "$pid" "$(($(awk '/VmRSS/ {print $2}' "/proc/$pid/status") / 1024))"
    else
      printf '%-24s stopped\n' "$c"
    fi
  done
  local pids; pids=$(cluster_pids | sort -u | paste -sd, -)
  [ -n "$pids" ] && printf '%-24s %d processes, rss %d MiB (components + shims + pods)\n' total \
    "$(tr ',' '\n' <<<"$pids" | wc -l)" "$(ps -o rss= -p "$pids" | awk '{ s += $1 } END { print int(s / 1024) }')"
  if running kube-apiserver && curl_api /readyz >/dev/null 2>&1; then
    k get nodes -o wide
    k get pods -A -o wide
  else
    echo "API server not reachable"
    return 3
  fi
}

cmd_import() {
  need_root
  [ $# -gt 0 ] || die "usage: cluster.sh import ARCHIVE.tar..."
  running containerd || die "the cluster is not up (cluster.sh up)"
  local f name full out
  for f in "$@"; do
    [ -f "$f" ] || die "no such file: $f"
    # ctr names an image after io.containerd.image.name or org.opencontainers.image.ref.name (OCI
    # archives) or the RepoTags of a docker archive (`docker save`, `podman save`), the latter
    # normalised (trip/x:1 -> docker.io/trip/x:1). An OCI ref.name like "trip/x:1" is kept as is,
    # but the CRI looks images up by their normalised name, so such images get that name as well.
    out=$(ctr_ images import --all-platforms "$f")
    for name in $(sed -n 's/^unpacking \([^ ]*\) (sha256:.*/\1/p' <<<"$out"); do
      full=$name
      if [[ ${name%%/*} != *[.:]* && ${name%%/*} != localhost ]]; then
        [[ $name == */* ]] && full="docker.io/$name" || full="docker.io/library/$name"
        ctr_ images tag --force "$name" "$full" >/dev/null
        ctr_ images rm "$name" >/dev/null
      fi
      echo "  imported $full"
    done
    grep -q '^unpacking' <<<"$out" || die "$f: no named image in the archive (give it a name/tag when saving it)"
  done
}

cmd_reset() {
  cmd_down
  rm -rf "$RUN" "$KUBELET_ROOT"
  log "cluster state removed ($RUN, $KUBELET_ROOT); images stay in $CTRD_ROOT"
}

cmd_purge() {
  cmd_reset
  # Only after down has unmounted everything below it.
  mount | grep -q " on $STATE/" && die "something is still mounted under $STATE; not deleting it"
  rm -rf "$STATE"
  log "removed $STATE (containerd images and snapshots)"
}

case "${1:-}" in
  build) build_all ;;
  up) cmd_up ;;
  down) cmd_down ;;
  reset) cmd_reset ;;
  purge) cmd_purge ;;
  status) cmd_status ;;
  verify) cmd_verify ;;
  import) shift; cmd_import "$@" ;;
  kubectl) shift; exec "$K8S_BIN/kubectl" --kubeconfig "$KUBECONFIG_ADMIN" "$@" ;;
  env) echo "export KUBECONFIG=$KUBECONFIG_ADMIN PATH=$K8S_BIN:\$PATH" ;;
  *) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 2 ;;
esac
