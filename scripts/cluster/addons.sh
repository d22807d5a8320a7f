# In-cluster add-ons applied by `up` (kubectl apply: idempotent). Sourced by cluster.sh.
#  - CoreDNS in kube-system behind the kube-dns Service at $DNS_SVC_IP (the kubelet's clusterDNS).
#  - trip-cluster-check: a namespace labelled Pod Security "restricted" with a busybox httpd
#    Deployment + ClusterIP Service, which `up` uses to prove Services, DNS, exec and the PSS work.
# Images are ours (build.sh) and never pulled: imagePullPolicy Never.

# A securityContext that passes Pod Security "restricted".
restricted_ctx() {
  cat <<EOF
        securityContext:
          runAsNonRoot: true
          allowPrivilegeEscalation: false
          capabilities: {drop: [ALL]}
          seccompProfile: {type: RuntimeDefault}
EOF
}

coredns_manifest() {
  cat <<EOF
apiVersion: v1
kind: ServiceAccount
metadata: {name: coredns, namespace: kube-system}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: system:coredns}
rules:
- apiGroups: [""]
  resources: [endpoints, services, pods, namespaces]
  verbs: [list, watch]
- apiGroups: [discovery.k8s.io]
  resources: [endpointslices]
  verbs: [list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: system:coredns}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:coredns}
subjects:
- {kind: ServiceAccount, name: coredns, namespace: kube-system}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: coredns, namespace: kube-system}
data:
  # Port 1053: CoreDNS runs as non-root without capabilities; the Service maps 53 to it.
  # No forward/loop: pods cannot reach anything off this machine (TRIP-GUARD, docs/cluster.md), so
  # only cluster names resolve; other names fail at once (SERVFAIL) instead of timing out.
  Corefile: |
    .:1053 {
        errors
        health :8080
        ready :8181
        kubernetes $CLUSTER_DOMAIN in-addr.arpa ip6.arpa {
            pods insecure
            fallthrough in-addr.arpa ip6.arpa
            ttl 30
        }
        cache 30
        reload
        loadbalance
    }
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: coredns
  namespace: kube-system
  labels: {k8s-app: kube-dns}
spec:
  replicas: 1
  selector: {matchLabels: {k8s-app: kube-dns}}
  template:
    metadata: {labels: {k8s-app: kube-dns}}
    spec:
      serviceAccountName: coredns
      priorityClassName: system-cluster-critical
      dnsPolicy: Default
      containers:
      - name: coredns
        image: docker.io/trip/coredns:${COREDNS_VERSION#v}
        imagePullPolicy: Never
        args: [-conf, /etc/coredns/Corefile]
        ports:
        - {name: dns, containerPort: 1053, protocol: UDP}
        - {name: dns-tcp, containerPort: 1053, protocol: TCP}
        resources:
          requests: {cpu: 50m, memory: 40Mi}
          limits: {memory: 170Mi}
        livenessProbe:
          httpGet: {path: /health, port: 8080}
          periodSeconds: 10
        readinessProbe:
          httpGet: {path: /ready, port: 8181}
          periodSeconds: 2
        volumeMounts:
        - {name: config, mountPath: /etc/coredns, readOnly: true}
$(restricted_ctx)
          runAsUser: 65532
          readOnlyRootFilesystem: true
      volumes:
      - name: config
        configMap: {name: coredns}
---
apiVersion: v1
kind: Service
metadata:
  name: kube-dns
  namespace: kube-system
  labels: {k8s-app: kube-dns, kubernetes.io/name: CoreDNS}
spec:
  clusterIP: $DNS_SVC_IP
  selector: {k8s-app: kube-dns}
  ports:
  - {name: dns, port: 53, targetPort: 1053, protocol: UDP}
  - {name: dns-tcp, port: 53, targetPort: 1053, protocol: TCP}
EOF
}

check_manifest() {
  cat <<EOF
apiVersion: v1
kind: Namespace
metadata:
  name: trip-cluster-check
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/enforce-version: latest
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: trip-cluster-check}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      automountServiceAccountToken: false
      terminationGracePeriodSeconds: 1
      containers:
      - name: web
        image: docker.io/trip/testbox:$TESTBOX_TAG
        imagePullPolicy: Never
        # busybox httpd in the foreground, serving /www (the image's index.html) on 8080.
        command: [/bin/busybox, httpd, -f, -v, -p, "8080", -h, /www]
        ports: [{containerPort: 8080}]
        readinessProbe:
          tcpSocket: {port: 8080}
          periodSeconds: 1
        resources:
          requests: {cpu: 5m, memory: 8Mi}
          limits: {memory: 32Mi}
$(restricted_ctx)
          runAsUser: 65534
---
# A second pod to call the Service and resolve names from (kubectl exec runs busybox in it).
apiVersion: apps/v1
kind: Deployment
metadata: {name: client, namespace: trip-cluster-check}
spec:
  replicas: 1
  selector: {matchLabels: {app: client}}
  template:
    metadata: {labels: {app: client}}
    spec:
      automountServiceAccountToken: false
      terminationGracePeriodSeconds: 1
      containers:
      - name: client
        image: docker.io/trip/testbox:$TESTBOX_TAG
        imagePullPolicy: Never
        command: [/bin/busybox, sleep, "2147483647"]
        resources:
          requests: {cpu: 5m, memory: 4Mi}
          limits: {memory: 32Mi}
$(restricted_ctx)
          runAsUser: 65534
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: trip-cluster-check}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
EOF
}
