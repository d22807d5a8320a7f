# `cluster.sh verify`: proves, against the running cluster, what the project needs from it beyond
# what `up` already checks (node Ready, ClusterIP Service from host and pod, DNS in pods).
# Sourced by cluster.sh; uses its k/log/die helpers. Leaves nothing behind but the check namespace.

NS=trip-cluster-check

verify_ok() { log "ok  $*"; }
verify_fail() { log "FAIL $*"; verify_failed=1; }

cmd_verify() {
  verify_failed=0
  running kube-apiserver || die "the cluster is not up"
  node_ready && verify_ok "node $NODE_NAME Ready" || verify_fail "node $NODE_NAME not Ready"

  # kubectl logs / exec / port-forward go API server -> kubelet (its serving cert, our client cert).
  k -n $NS logs deploy/web --tail=1 | grep -q 'response:200' && verify_ok "kubectl logs" || verify_fail "kubectl logs"
  [ "$(k -n $NS exec deploy/client -- id -u)" = 65534 ] && verify_ok "kubectl exec" || verify_fail "kubectl exec"
  local port=18080 pf
  k -n $NS port-forward deploy/web "$port:8080" >/dev/null 2>&1 &
  pf=$!
  wait_quiet 10 curl -sf "http://127.0.0.1:$port/" && verify_ok "kubectl port-forward" || verify_fail "kubectl port-forward"
  kill "$pf" 2>/dev/null; wait "$pf" 2>/dev/null || true

  # The API server (a host process) reaching a pod: its service proxy dials the pod IP over the bridge.
  k get --raw "/api/v1/namespaces/$NS/services/web:80/proxy/" | grep -q 'hello from testbox' &&
    verify_ok "API server -> pod (service proxy)" || verify_fail "API server -> pod (service proxy)"

  # Pod Security "restricted" on the check namespace: compliant pods run (web, client); a privileged one is refused.
  if k -n $NS run pss-probe --image="docker.io/trip/testbox:$TESTBOX_TAG" --restart=Never --dry-run=server \
    --overrides='{"spec":{"containers":[{"name":"p","image":"docker.io/trip/testbox:'"$TESTBOX_TAG"'","securityContext":{"privileged":true}}]}}' \
    >/dev/null 2>"$RUN/pss.err"; then
    verify_fail "PodSecurity restricted let a privileged pod in"
  else
    grep -q 'violates PodSecurity "restricted' "$RUN/pss.err" && verify_ok "PodSecurity restricted refuses a privileged pod" ||
      verify_fail "privileged pod refused for another reason: $(cat "$RUN/pss.err")"
  fi

  # HPA objects are accepted (no metrics server: they are not acted upon).
  k -n $NS apply --dry-run=server -f - >/dev/null <<EOF && verify_ok "HorizontalPodAutoscaler (autoscaling/v2) accepted" || verify_fail "HPA refused"
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1
  maxReplicas: 2
  metrics:
  - type: ContainerResource
    containerResource: {name: cpu, container: web, target: {type: Utilization, averageUtilization: 80}}
EOF

  verify_webhook

  [ $verify_failed = 0 ] && log "verify: all checks passed" || die "verify: some checks failed"
}

# wait_quiet TIMEOUT CMD...: like wait_for, without logging or dying.
wait_quiet() {
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do [ $SECONDS -lt $deadline ] || return 1; sleep 0.3; done
}

# An HTTPS admission webhook in a pod behind a ClusterIP Service, called by the API server for
# ConfigMaps in the check namespace: the path Dapr's sidecar injector (a MutatingWebhook) takes.
verify_webhook() {
  local dns="webhook.$NS.svc"
  cert webhook-check "$dns" "" "DNS:$dns" server
  k -n $NS create secret tls webhook-cert --cert "$pki_dir/webhook-check.crt" --key "$pki_dir/webhook-check.key" \
    --dry-run=client -o yaml | k apply -f - >/dev/null
  k apply -f - >/dev/null <<EOF
apiVersion: apps/v1
kind: Deployment
metadata: {name: webhook, namespace: $NS}
spec:
  replicas: 1
  selector: {matchLabels: {app: webhook}}
  template:
    metadata: {labels: {app: webhook}}
    spec:
      automountServiceAccountToken: false
      terminationGracePeriodSeconds: 1
      containers:
      - name: webhook
        image: docker.io/trip/testbox:$TESTBOX_TAG
        imagePullPolicy: Never
        command: [/bin/testbox, webhook, ":8443", /tls/tls.crt, /tls/tls.key]
        ports: [{containerPort: 8443}]
        readinessProbe: {tcpSocket: {port: 8443}, periodSeconds: 1}
        volumeMounts: [{name: tls, mountPath: /tls, readOnly: true}]
$(restricted_ctx)
          runAsUser: 65534
      volumes: [{name: tls, secret: {secretName: webhook-cert}}]
---
apiVersion: v1
kind: Service
metadata: {name: webhook, namespace: $NS}
spec:
  selector: {app: webhook}
  ports: [{port: 443, targetPort: 8443}]
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: trip-cluster-check}
webhooks:
- name: check.trip-cluster.local
  admissionReviewVersions: [v1]
  sideEffects: None
  failurePolicy: Fail
  timeoutSeconds: 5
  namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: $NS}}
  objectSelector: {matchLabels: {trip-cluster-check: webhook}}
  rules:
  - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}
  clientConfig:
    service: {name: webhook, namespace: $NS, port: 443}
    caBundle: $(base64 -w0 "$pki_dir/ca.crt")
EOF
  if ! k -n $NS rollout status deploy/webhook --timeout=60s >/dev/null; then
    verify_fail "webhook pod did not become ready"
  else
    local name="probe-$RANDOM"
    # failurePolicy Fail: the create succeeds only once the API server got an answer from the pod
    # (retried: the Service's endpoints reach kube-proxy a moment after the pod is ready).
    if wait_quiet 30 labelled_configmap "$name" && k -n $NS logs deploy/webhook | grep -q "admission CREATE $NS/$name"; then
      verify_ok "API server -> admission webhook in a pod via its ClusterIP Service"
    else
      verify_fail "admission webhook not called: $(labelled_configmap "$name" 2>&1)"
    fi
    k -n $NS delete configmap "$name" --ignore-not-found >/dev/null
  fi
  k delete validatingwebhookconfiguration trip-cluster-check --ignore-not-found >/dev/null
  k -n $NS delete deploy/webhook svc/webhook secret/webhook-cert --ignore-not-found >/dev/null
}

labelled_configmap() {
  k create -f - >/dev/null <<EOF
apiVersion: v1
kind: ConfigMap
metadata: {name: $1, namespace: $NS, labels: {trip-cluster-check: webhook}}
data: {a: b}
EOF
}
