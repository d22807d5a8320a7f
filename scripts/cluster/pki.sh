# Certificates and kubeconfigs for the local cluster, made with openssl. Sourced by cluster.sh.
# Everything lands in $RUN/pki and $RUN/*.kubeconfig; existing files are kept, so a cluster keeps
# its identity across down/up (`cluster.sh reset` removes them).

pki_dir="$RUN/pki"

# cert NAME CN O SANS [usage]: key + certificate signed by the cluster CA.
#   SANS: comma-separated openssl subjectAltName entries ("IP:1.2.3.4,DNS:x"), or "" for none.
#   usage: client (default), server or both.
cert() {
  local name=$1 cn=$2 org=$3 sans=$4 usage=${5:-client}
  [ -f "$pki_dir/$name.crt" ] && return 0
  local subj="/CN=$cn"; [ -n "$org" ] && subj="/O=$org$subj"
  local eku
  case $usage in
    client) eku=clientAuth ;;
    server) eku=serverAuth ;;
    both) eku=serverAuth,clientAuth ;;
  esac
  local ext="$pki_dir/$name.ext"
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=$eku"
    [ -n "$sans" ] && echo "subjectAltName=$sans"
  } >"$ext"
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$pki_dir/$name.key" 2>/dev/null
  openssl req -new -key "$pki_dir/$name.key" -subj "$subj" -out "$pki_dir/$name.csr" 2>/dev/null
  openssl x509 -req -in "$pki_dir/$name.csr" -CA "$pki_dir/ca.crt" -CAkey "$pki_dir/ca.key" -CAcreateserial \
    -days 3650 -sha256 -extfile "$ext" -out "$pki_dir/$name.crt" 2>/dev/null
  rm -f "$pki_dir/$name.csr" "$ext"
}

# kubeconfig FILE USER CERTNAME: a kubeconfig that talks to our API server with a client cert.
kubeconfig() {
  local file=$1 user=$2 certname=$3
  [ -f "$file" ] && return 0
  cat >"$file" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: trip-cluster
  cluster:
    server: https://$POD_GW:$APISERVER_PORT
    certificate-authority-data: $(base64 -w0 "$pki_dir/ca.crt")
users:
- name: $user
  user:
    client-certificate-data: $(base64 -w0 "$pki_dir/$certname.crt")
    client-key-data: $(base64 -w0 "$pki_dir/$certname.key")
contexts:
- name: trip-cluster
  context: {cluster: trip-cluster, user: $user}
current-context: trip-cluster
EOF
  chmod 600 "$file"
}

make_pki() {
  mkdir -p "$pki_dir"
  chmod 700 "$pki_dir"
  if [ ! -f "$pki_dir/ca.crt" ]; then
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$pki_dir/ca.key" 2>/dev/null
    openssl req -x509 -new -key "$pki_dir/ca.key" -subj "/CN=trip-cluster-ca" -days 3650 -sha256 \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
      -out "$pki_dir/ca.crt" 2>/dev/null
  fi
  # Service-account token signing key pair (RSA: what every client library expects to verify).
  if [ ! -f "$pki_dir/sa.key" ]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$pki_dir/sa.key" 2>/dev/null
    openssl pkey -in "$pki_dir/sa.key" -pubout -out "$pki_dir/sa.pub" 2>/dev/null
  fi
  local api_sans="IP:$POD_GW,IP:127.0.0.1,IP:$KUBERNETES_SVC_IP,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default"
  api_sans+=",DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.$CLUSTER_DOMAIN"
  cert apiserver kube-apiserver "" "$api_sans" server
  # The API server's identity towards kubelets (logs/exec/port-forward) and etcd.
  cert apiserver-kubelet-client kube-apiserver-kubelet-client system:masters ""
  cert apiserver-etcd-client kube-apiserver-etcd-client "" ""
  cert etcd-server etcd "" "IP:127.0.0.1,DNS:localhost" both
  cert admin admin system:masters ""
  cert controller-manager system:kube-controller-manager "" ""
  cert scheduler system:kube-scheduler "" ""
  cert kube-proxy system:kube-proxy "" ""
  # Node identity (Node authorizer + NodeRestriction need exactly system:node:<name> in system:nodes)
  # and the kubelet's serving cert, signed by the cluster CA so the API server can verify it.
  cert kubelet "system:node:$NODE_NAME" system:nodes ""
  cert kubelet-serving "system:node:$NODE_NAME" system:nodes "IP:$POD_GW,DNS:$NODE_NAME,DNS:localhost" server

  kubeconfig "$KUBECONFIG_ADMIN" admin admin
  kubeconfig "$RUN/controller-manager.kubeconfig" system:kube-controller-manager controller-manager
  kubeconfig "$RUN/scheduler.kubeconfig" system:kube-scheduler scheduler
  kubeconfig "$RUN/kube-proxy.kubeconfig" system:kube-proxy kube-proxy
  kubeconfig "$RUN/kubelet.kubeconfig" "system:node:$NODE_NAME" kubelet
}
