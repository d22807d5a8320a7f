{{/*
The workload of one app with its Dapr sidecar. Call with (list $ "<app id>"). A Deployment (rolling
update) unless `delivery.strategy` hands the app to Argo Rollouts: then a Rollout with the same pod
template, released as a canary or blue-green and gated by the app's AnalysisTemplate (_app-delivery.tpl).
*/}}
{{- define "trip-service.appDeployment" -}}
{{- $root := index . 0 }}
{{- $id := index . 1 }}
{{- $app := include "trip-service.appValues" . | fromYaml }}
{{- $labels := dict "root" $root "component" $id }}
{{- $dapr := $root.Values.dapr }}
{{- $rollout := ne $app.delivery.strategy "rollingUpdate" }}
{{- if $rollout }}
apiVersion: argoproj.io/v1alpha1
kind: Rollout
{{- else }}
apiVersion: apps/v1
kind: Deployment
{{- end }}
metadata:
  name: {{ $id }}
  namespace: {{ include "trip-service.namespace" $root }}
  labels:
    {{- include "trip-service.labels" $labels | nindent 4 }}
  annotations:
    {{- include "trip-service.syncWave" $labels | nindent 4 }}
spec:
  {{- if not $app.autoscaling.enabled }}
  replicas: {{ $app.replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    {{- if $rollout }}
    {{- include "trip-service.rolloutStrategy" (list $root $id $app) | trim | nindent 4 }}
    {{- else }}
    type: RollingUpdate
    rollingUpdate: { maxSurge: 1, maxUnavailable: 0 }
    {{- end }}
  selector:
    matchLabels:
      {{- include "trip-service.selectorLabels" $labels | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "trip-service.podLabels" $labels | nindent 8 }}
        trip-service/tier: app
      annotations:
        checksum/config: {{ include "trip-service.configData" $root | sha256sum }}
        dapr.io/enabled: "true"
        dapr.io/app-id: {{ $id }}
        dapr.io/app-port: {{ $app.port | quote }}
        dapr.io/app-protocol: http
        dapr.io/config: {{ $dapr.configName }}
        dapr.io/log-as-json: "true"
        dapr.io/log-level: {{ $dapr.logLevel }}
        dapr.io/enable-metrics: "true"
        dapr.io/metrics-port: {{ $dapr.metricsPort | quote }}
        dapr.io/api-token-secret: {{ $root.Values.secrets.names.daprApiToken }}
        dapr.io/app-token-secret: {{ $root.Values.secrets.names.appApiToken }}
        # Secrets come only from the scoped `secretstore` component. Dapr's built-in `kubernetes` store would
        # sit outside the Configuration's secret scopes (which name `secretstore`); components' secretKeyRefs
        # are resolved by the operator and do not need it.
        dapr.io/disable-builtin-k8s-secret-store: "true"
        dapr.io/sidecar-cpu-request: {{ $dapr.sidecar.cpuRequest }}
        dapr.io/sidecar-memory-request: {{ $dapr.sidecar.memoryRequest }}
        dapr.io/sidecar-cpu-limit: {{ $dapr.sidecar.cpuLimit }}
        dapr.io/sidecar-memory-limit: {{ $dapr.sidecar.memoryLimit }}
        dapr.io/sidecar-seccomp-profile-type: RuntimeDefault
        {{- if $dapr.blockShutdownSeconds }}
        dapr.io/block-shutdown-duration: {{ printf "%ds" (int $dapr.blockShutdownSeconds) | quote }}
        {{- end }}
        dapr.io/graceful-shutdown-seconds: {{ $dapr.gracefulShutdownSeconds | quote }}
        dapr.io/enable-app-health-check: "true"
        dapr.io/app-health-check-path: /health
        dapr.io/app-health-probe-interval: "5"
        # Dapr's default timeout (500 ms) turns a busy node's slow answers into "unhealthy", and that also
        # ends the sidecar's shutdown block early (see dapr.blockShutdownSeconds).
        dapr.io/app-health-probe-timeout: "3000"
        dapr.io/app-health-threshold: "3"
        prometheus.io/scrape: "true"
        prometheus.io/port: {{ $app.port | quote }}
        prometheus.io/path: /metrics
    spec:
      serviceAccountName: {{ $id }}
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- range . }}
        - name: {{ . }}
        {{- end }}
      {{- end }}
      securityContext:
        {{- include "trip-service.podSecurityContext" (dict "uid" 1000 "perContainer" true) | nindent 8 }}
      terminationGracePeriodSeconds: {{ $app.terminationGracePeriodSeconds }}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "trip-service.selectorLabels" $labels | nindent 14 }}
      containers:
        - name: {{ $id }}
          image: {{ printf "%s/%s:%s" $root.Values.image.registry $id (include "trip-service.appTag" (list $root $app)) }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $app.port }}
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ include "trip-service.fullname" $root }}-config
          env:
            - name: PORT
              value: {{ $app.port | quote }}
            - name: DAPR_HTTP_PORT
              value: "3500"
            - name: SERVICE_VERSION
              value: {{ include "trip-service.appTag" (list $root $app) | quote }}
            - name: DAPR_API_TOKEN
              valueFrom:
                secretKeyRef: { name: {{ $root.Values.secrets.names.daprApiToken }}, key: token }
            - name: APP_API_TOKEN
              valueFrom:
                secretKeyRef: { name: {{ $root.Values.secrets.names.appApiToken }}, key: token }
            {{- with $root.Values.dapr.tracing.otlpEndpoint }}
            # The app's own spans go where its sidecar's go, sampled at the same rate (docs/tracing.md).
            - name: OTEL_EXPORTER_OTLP_ENDPOINT
              value: {{ printf "http://%s" . | quote }}
            - name: OTEL_TRACES_SAMPLER_ARG
              value: {{ $root.Values.dapr.tracing.samplingRate | quote }}
            {{- end }}
            {{- range $name, $value := $app.env }}
            - name: {{ $name }}
              value: {{ $value | quote }}
            {{- end }}
          startupProbe:
            httpGet: { path: /health, port: http }
            periodSeconds: 2
            failureThreshold: 30
          livenessProbe:
            httpGet: { path: /health, port: http }
            periodSeconds: 10
            timeoutSeconds: 2
            failureThreshold: 3
          readinessProbe:
            httpGet: { path: /ready, port: http }
            periodSeconds: 5
            timeoutSeconds: 2
            failureThreshold: 3
          resources:
            {{- toYaml $app.resources | nindent 12 }}
          securityContext:
            {{- include "trip-service.containerSecurityContext" (dict "readOnlyRoot" true "uid" 1000) | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir: { sizeLimit: 64Mi }
      {{- with $app.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $app.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $app.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end }}
