# Config files of the node components, written into $RUN on every `up` (cheap, and keeps them in
# step with lib.sh). Sourced by cluster.sh.

# put FILE: writes stdin to FILE only when the content differs (kube-proxy exits when its config
# file is written to, and a rewrite with the same content must not restart anything).
put() {
  cat >"$1.tmp"
  if cmp -s "$1.tmp" "$1"; then rm -f "$1.tmp"; else mv "$1.tmp" "$1"; fi
}

write_configs() {
  mkdir -p "$RUN" "$CNI_CONF_DIR"

  # Our own containerd instance: own root, state, socket; nothing of a system containerd is used.
  put "$RUN/containerd.toml" <<EOF
version = 2
root = "$CTRD_ROOT"
state = "$CTRD_STATE"
# Not negative: root here lacks CAP_SYS_RESOURCE (see restrict_oom_score_adj below).
oom_score = 0
# Snapshotters we never use (their init only logs noise on this machine).
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.tracing.processor.v1.otlp", "io.containerd.internal.v1.tracing"]

[grpc]
  address = "$CTRD_SOCK"
[ttrpc]
  address = "$CTRD_SOCK.ttrpc"
[metrics]
  address = ""

[plugins]
  [plugins."io.containerd.internal.v1.opt"]
    path = "$CTRD_ROOT/opt"
  [plugins."io.containerd.grpc.v1.cri"]
    # Our static pause program, imported from \$TRIP_CACHE/k8s/images (no registry to pull from).
    sandbox_image = "docker.io/trip/pause:$PAUSE_TAG"
    # Root in this environment lacks CAP_SYS_RESOURCE: a negative oom_score_adj (which the kubelet
    # asks for Guaranteed pods and sandboxes) makes runc fail every sandbox with
    # "can't get final child's PID from pipe: EOF". This clamps it to what we may set.
    restrict_oom_score_adj = true
    enable_selinux = false
    disable_apparmor = true
    # Pod network namespaces under our state dir, not the machine's /run/netns.
    netns_mounts_under_state_dir = true
    [plugins."io.containerd.grpc.v1.cri".containerd]
      snapshotter = "overlayfs"
      default_runtime_name = "runc"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
        runtime_type = "io.containerd.runc.v2"
        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
          # cgroup v1 with cgroupfs, same as the kubelet's cgroupDriver.
          SystemdCgroup = false
          # runc's state under our state dir (default: /run/containerd/runc/<namespace>).
          Root = "$CTRD_STATE/runc"
    [plugins."io.containerd.grpc.v1.cri".cni]
      bin_dir = "$CNI_BIN_DIR"
      conf_dir = "$CNI_CONF_DIR"
      max_conf_num = 1
EOF

  # Pod network: one Linux bridge ($BRIDGE, created by cluster.sh with the gateway address), host-local
  # IPAM in $POD_CIDR with its state under $CNI_STATE, portmap for hostPort. No masquerade: pods talk
  # to this machine and to each other only (cluster.sh's TRIP-GUARD chain drops anything forwarded
  # off the bridge). The bridge plugin enables net.ipv4.ip_forward (restored by down).
  put "$CNI_CONF_DIR/10-trip.conflist" <<EOF
{
  "cniVersion": "0.4.0",
  "name": "trip-pods",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$BRIDGE",
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "dataDir": "$CNI_STATE",
        "ranges": [[{"subnet": "$POD_CIDR", "gateway": "$POD_GW"}]],
        "routes": [{"dst": "0.0.0.0/0"}]
      }
    },
    {"type": "portmap", "capabilities": {"portMappings": true}},
    {"type": "loopback"}
  ]
}
EOF

  put "$RUN/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
containerRuntimeEndpoint: unix://$CTRD_SOCK
# This kernel runs cgroup v1 (deprecated in 1.31+, still supported when told so).
cgroupDriver: cgroupfs
failCgroupV1: false
# Our pods' cgroups go under /trip-cluster/kubepods in every hierarchy, so down can remove exactly them.
cgroupRoot: /trip-cluster
# Serve on the bridge gateway only (reachable from this machine and its pods, not on eth0).
address: $POD_GW
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
tlsCertFile: $RUN/pki/kubelet-serving.crt
tlsPrivateKeyFile: $RUN/pki/kubelet-serving.key
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $RUN/pki/ca.crt}
authorization:
  mode: Webhook
clusterDNS: [$DNS_SVC_IP]
clusterDomain: $CLUSTER_DOMAIN
resolvConf: /etc/resolv.conf
podLogsDir: $STATE/pod-logs
failSwapOn: false
# A shared, busy build machine: do not taint the node for disk pressure while builds fill the disk.
evictionHard: {memory.available: "200Mi", nodefs.available: "2%", imagefs.available: "2%"}
imageGCHighThresholdPercent: 99
imageGCLowThresholdPercent: 98
# Images are imported, never pulled: keep serialized pulls from blocking on a missing registry.
serializeImagePulls: false
maxPods: 110
EOF

  put "$RUN/kube-proxy.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: {kubeconfig: $RUN/kube-proxy.kubeconfig}
hostnameOverride: $NODE_NAME
mode: iptables
clusterCIDR: $POD_CIDR
bindAddress: 127.0.0.1
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
# NodePorts only on the node IP (the bridge gateway), never on eth0; no localhost NodePorts
# (those need net.ipv4.conf.all.route_localnet=1, a machine-wide change).
nodePortAddresses: ["$POD_GW/32"]
iptables:
  localhostNodePorts: false
  masqueradeAll: false
# Zero = leave the machine's conntrack sysctls as they are.
conntrack:
  maxPerCore: 0
  min: 0
  tcpEstablishedTimeout: 0s
  tcpCloseWaitTimeout: 0s
EOF
}
