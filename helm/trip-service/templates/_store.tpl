{{/* Metadata of a store's object. Call with (dict "root" $ "component" "<store>" "name" "<object name>"). */}}
{{- define "trip-service.storeMetadata" -}}
metadata:
  name: {{ .name | default .component }}
  namespace: {{ include "trip-service.namespace" .root }}
  labels:
    {{- include "trip-service.labels" . | nindent 4 }}
  annotations:
    {{- include "trip-service.syncWave" . | nindent 4 }}
{{- end }}

{{/* Pod template metadata and scheduling shared by the stores. Call like storeMetadata. */}}
{{- define "trip-service.storePodMetadata" -}}
metadata:
  labels:
    {{- include "trip-service.podLabels" . | nindent 4 }}
    trip-service/tier: store
{{- end }}

{{/* Spread a store's replicas over nodes when the cluster has them. */}}
{{- define "trip-service.storeSpread" -}}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: kubernetes.io/hostname
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "trip-service.selectorLabels" . | nindent 8 }}
{{- end }}

{{/* A secret value as an env var. Call with (list $ "<ENV_NAME>" "<key in the infra Secret>"). */}}
{{- define "trip-service.secretEnv" -}}
- name: {{ index . 1 }}
  valueFrom:
    secretKeyRef: { name: {{ (index . 0).Values.secrets.names.infra }}, key: {{ index . 2 }} }
{{- end }}

{{/* PodDisruptionBudget of a replicated store: one member down at a time. */}}
{{- define "trip-service.storePdb" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
{{ include "trip-service.storeMetadata" . }}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      {{- include "trip-service.selectorLabels" . | nindent 6 }}
{{- end }}
