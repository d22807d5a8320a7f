{{/*
Progressive delivery of one app by Argo Rollouts (`delivery.strategy` canary or blueGreen; its CRDs and
controller must be in the cluster). The new version is judged by Prometheus on its own pods only (the
`rollouts_pod_template_hash` label of their series): its share of 5xx answers and its p95 latency. A
failed measurement beyond `failureLimit` aborts the rollout, and Argo Rollouts puts the stable version
back on its own.
*/}}

{{/* spec.strategy of the Rollout. Call with (list $ "<app id>" $app). */}}
{{- define "trip-service.rolloutStrategy" -}}
{{- $id := index . 1 }}
{{- $delivery := (index . 2).delivery }}
{{- $analysis := list (dict "templateName" (printf "%s-analysis" $id)) }}
{{- $args := list (dict "name" "pod-hash" "valueFrom" (dict "podTemplateHashValue" "Latest")) }}
{{- if eq $delivery.strategy "canary" }}
canary:
  # No traffic router here: the share of the new version is its share of the pods behind the Service
  # (and behind Dapr's name resolution), so `setWeight` is reached with replica counts.
  maxSurge: "25%"
  maxUnavailable: 0
  steps:
    {{- toYaml $delivery.canary.steps | nindent 4 }}
  # Runs from the first step until the rollout is promoted or aborted.
  analysis:
    templates:
      {{- toYaml $analysis | nindent 6 }}
    args:
      {{- toYaml $args | nindent 6 }}
{{- else if eq $delivery.strategy "blueGreen" }}
blueGreen:
  activeService: {{ $id }}
  previewService: {{ $id }}-preview
  # The new version takes the active Service once it is ready and its analysis on the preview passed;
  # the old one keeps running this long so that a failed post-promotion analysis can switch back at once.
  autoPromotionEnabled: true
  scaleDownDelaySeconds: {{ $delivery.blueGreen.scaleDownDelaySeconds }}
  prePromotionAnalysis:
    templates:
      {{- toYaml $analysis | nindent 6 }}
    args:
      {{- toYaml $args | nindent 6 }}
  postPromotionAnalysis:
    templates:
      {{- toYaml $analysis | nindent 6 }}
    args:
      {{- toYaml $args | nindent 6 }}
{{- else }}
{{- fail (printf "apps.%s.delivery.strategy: %s is not rollingUpdate, canary or blueGreen" $id $delivery.strategy) }}
{{- end }}
{{- end }}

{{/* The AnalysisTemplate (and, for blue-green, the preview Service) of one app. Call with (list $ "<app id>"). */}}
{{- define "trip-service.appDelivery" -}}
{{- $root := index . 0 }}
{{- $id := index . 1 }}
{{- $app := include "trip-service.appValues" . | fromYaml }}
{{- $labels := dict "root" $root "component" $id }}
{{- $namespace := include "trip-service.namespace" $root }}
{{- $analysis := $app.delivery.analysis }}
{{- if ne $app.delivery.strategy "rollingUpdate" }}
{{- $series := printf "namespace=%q, service=%q, rollouts_pod_template_hash=\"{{args.pod-hash}}\", route!~\"/health|/ready|/metrics\"" $namespace $id }}
---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: {{ $id }}-analysis
  namespace: {{ $namespace }}
  labels:
    {{- include "trip-service.labels" $labels | nindent 4 }}
  annotations:
    {{- include "trip-service.syncWave" $labels | nindent 4 }}
spec:
  args:
    - name: pod-hash
  metrics:
    # No request at all yet gives no result: that is not a failure (a version that cannot serve never
    # becomes ready, and the rollout stops on its progress deadline instead).
    - name: error-ratio
      interval: {{ $analysis.interval }}
      count: {{ $analysis.count }}
      failureLimit: {{ $analysis.failureLimit }}
      successCondition: len(result) == 0 || isNaN(result[0]) || result[0] <= {{ $analysis.maxErrorRatio }}
      provider:
        prometheus:
          address: {{ $analysis.prometheusAddress }}
          query: >-
            sum(rate(http_requests_total{ {{- $series }}, status=~"5.."}[{{ $analysis.window }}]))
            / sum(rate(http_requests_total{ {{- $series }}}[{{ $analysis.window }}]))
            or (0 * sum(rate(http_requests_total{ {{- $series }}}[{{ $analysis.window }}])))
    - name: p95-latency
      interval: {{ $analysis.interval }}
      count: {{ $analysis.count }}
      failureLimit: {{ $analysis.failureLimit }}
      successCondition: len(result) == 0 || isNaN(result[0]) || result[0] <= {{ $analysis.maxP95Seconds }}
      provider:
        prometheus:
          address: {{ $analysis.prometheusAddress }}
          query: >-
            histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{ {{- $series }}}[{{ $analysis.window }}])))
{{- if eq $app.delivery.strategy "blueGreen" }}
---
# The new version before promotion (Argo Rollouts points it at the preview ReplicaSet).
apiVersion: v1
kind: Service
metadata:
  name: {{ $id }}-preview
  namespace: {{ $namespace }}
  labels:
    {{- include "trip-service.labels" $labels | nindent 4 }}
  annotations:
    {{- include "trip-service.syncWave" $labels | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "trip-service.selectorLabels" $labels | nindent 4 }}
  ports:
    - name: http
      port: {{ $app.port }}
      targetPort: http
      protocol: TCP
{{- end }}
{{- end }}
{{- end }}
