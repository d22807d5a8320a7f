# Shared by the scripts in scripts/cluster/: paths, versions, logging with timings.
# Sourced, not run. Expects $here (this directory) to be set by the caller.
repo=$(cd "$here/../.." && pwd)
source "$here/versions.env"
source "$repo/scripts/setup/cache-dir.sh"

# Built things, keyed by version, outside the clone (never in git).
K8S_BIN="$TRIP_CACHE/k8s/$K8S_VERSION"
ETCD_BIN="$TRIP_CACHE/k8s/etcd-$ETCD_VERSION"
COREDNS_BIN="$TRIP_CACHE/k8s/coredns-$COREDNS_VERSION"
IMAGES="$TRIP_CACHE/k8s/images"           # OCI archives we pack ourselves (pause, coredns, testbox)

# Runtime state of one cluster: certs, kubeconfigs, logs, pids, etcd data (.run/ is gitignored).
RUN="$repo/.run/cluster"
# containerd and kubelet roots live outside the clone: the clone may sit in a 0700 directory or on a
# filesystem where overlayfs mounts misbehave, and kubelet/containerd mount things below these dirs.
# Everything under it belongs to this cluster only; `down` unmounts and keeps the images.
STATE=/var/lib/trip-cluster
CTRD_ROOT="$STATE/containerd"              # images + snapshots (kept across down/up: cached start)
CTRD_STATE=/run/trip-cluster/containerd    # sockets, shim bundles (tmpfs, removed on down)
CTRD_SOCK=/run/trip-cluster/containerd/containerd.sock
KUBELET_ROOT="$STATE/kubelet"
CNI_CONF_DIR="$STATE/cni/net.d"           # our own conflist dir; the machine's /etc/cni is untouched
CNI_BIN_DIR=/usr/lib/cni                   # Debian's containernetworking-plugins
CNI_STATE="$STATE/cni/networks"            # host-local IPAM allocations

# Network choices (the machine itself is on 192.0.2.0/24; nothing below may overlap it).
POD_CIDR=10.244.0.0/24
POD_GW=10.244.0.1          # the bridge's address: the node IP, so pods (and the API server) reach the host
SERVICE_CIDR=10.96.0.0/16
KUBERNETES_SVC_IP=10.96.0.1
DNS_SVC_IP=10.96.0.10
CLUSTER_DOMAIN=cluster.local
BRIDGE=trip-cni0
NODE_NAME=trip-node
APISERVER_PORT=6443

KUBECONFIG_ADMIN="$RUN/kubeconfig"

t0_script=$EPOCHREALTIME
PROGRESS_TAG=cluster
source "$repo/scripts/lib/progress.sh" # since, log, die, step
