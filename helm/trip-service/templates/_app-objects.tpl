{{/* ServiceAccount, Service, HPA and PDB of one app. Call with (list $ "<app id>"). */}}
{{- define "trip-service.appObjects" -}}
{{- $root := index . 0 }}
{{- $id := index . 1 }}
{{- $app := include "trip-service.appValues" . | fromYaml }}
{{- $labels := dict "root" $root "component" $id }}
{{- $namespace := include "trip-service.namespace" $root }}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ $id }}
  namespace: {{ $namespace }}
  labels:
    {{- include "trip-service.labels" $labels | nindent 4 }}
  annotations:
    {{- include "trip-service.syncWave" $labels | nindent 4 }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $id }}
  namespace: {{ $namespace }}
  labels:
    {{- include "trip-service.labels" $labels | nindent 4 }}
  annotations:
    {{- include "trip-service.syncWave" $labels | nindent 4 }}
spec:
  type: {{ $app.service.type }}
  selector:
    {{- include "trip-service.selectorLabels" $labels | nindent 4 }}
  ports:
    - name: http
      port: {{ $app.port }}
      targetPort: http
      protocol: TCP
      {{- if and (eq $app.service.type "NodePort") $app.service.nodePort }}
      nodePort: {{ $app.service.nodePort }}
      {{- end }}
{{- if $app.autoscaling.enabled }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ $id }}
  namespace: {{ $namespace }}
  labels:
    {{- include "trip-service.labels" $labels | nindent 4 }}
  annotations:
    {{- include "trip-service.syncWave" $labels | nindent 4 }}
spec:
  scaleTargetRef:
    {{- if eq $app.delivery.strategy "rollingUpdate" }}
    apiVersion: apps/v1
    kind: Deployment
    {{- else }}
    apiVersion: argoproj.io/v1alpha1
    kind: Rollout
    {{- end }}
    name: {{ $id }}
  minReplicas: {{ $app.autoscaling.minReplicas }}
  maxReplicas: {{ $app.autoscaling.maxReplicas }}
  metrics:
    # The app container only: the sidecar's CPU would otherwise dilute the signal.
    - type: ContainerResource
      containerResource:
        name: cpu
        container: {{ $id }}
        target:
          type: Utilization
          averageUtilization: {{ $app.autoscaling.targetCPUUtilizationPercentage }}
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 300
{{- end }}
{{- if $app.podDisruptionBudget.enabled }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ $id }}
  namespace: {{ $namespace }}
  labels:
    {{- include "trip-service.labels" $labels | nindent 4 }}
  annotations:
    {{- include "trip-service.syncWave" $labels | nindent 4 }}
spec:
  minAvailable: {{ $app.podDisruptionBudget.minAvailable }}
  unhealthyPodEvictionPolicy: AlwaysAllow
  selector:
    matchLabels:
      {{- include "trip-service.selectorLabels" $labels | nindent 6 }}
{{- end }}
{{ include "trip-service.appDelivery" . }}
{{- end }}
