{{/* Names and labels, in the shape of `helm create`. */}}

{{/* Chart name, overridable. */}}
{{- define "trip-service.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Prefix of shared objects (config map, Dapr Configuration, ingress). */}}
{{- define "trip-service.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- include "trip-service.name" . }}
{{- end }}
{{- end }}

{{/* name-version of the chart, for the helm.sh/chart label. */}}
{{- define "trip-service.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every object. Call with (dict "root" $ "component" "<name>"). */}}
{{- define "trip-service.labels" -}}
helm.sh/chart: {{ include "trip-service.chart" .root }}
{{ include "trip-service.selectorLabels" . }}
app.kubernetes.io/part-of: {{ include "trip-service.name" .root }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{/* Labels of pods: stable across chart versions, so a chart bump alone restarts nothing. */}}
{{- define "trip-service.podLabels" -}}
{{ include "trip-service.selectorLabels" . }}
app.kubernetes.io/part-of: {{ include "trip-service.name" .root }}
{{- end }}

{{/* Labels a selector matches: the component (app id or database) within the release. */}}
{{- define "trip-service.selectorLabels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{/* Namespace of every object. */}}
{{- define "trip-service.namespace" -}}
{{- .Values.namespace.name }}
{{- end }}

{{/* One app's values: appDefaults deep-merged under apps.<id>. Call with (list $ "<app id>"); returns YAML. */}}
{{- define "trip-service.appValues" -}}
{{- $root := index . 0 }}
{{- $id := index . 1 }}
{{- $app := index $root.Values.apps $id | required (printf "apps.%s is missing" $id) }}
{{- mergeOverwrite (deepCopy $root.Values.appDefaults) (deepCopy $app) | toYaml }}
{{- end }}

{{/* Image tag of an app: its own tag, else image.tag, else the chart appVersion. */}}
{{- define "trip-service.appTag" -}}
{{- $root := index . 0 }}
{{- $app := index . 1 }}
{{- $app.image.tag | default $root.Values.image.tag | default $root.Chart.AppVersion }}
{{- end }}

{{/*
Pod-level security context: non-root, RuntimeDefault seccomp (Pod Security `restricted`). Call with
(dict "uid" N), or (dict "uid" N "perContainer" true) for pods that get an injected sidecar: the user is
then set on the chart's own containers only, because Dapr's daprd must run as its image's user
(65532:65532; it refuses any other in Kubernetes).
*/}}
{{- define "trip-service.podSecurityContext" -}}
runAsNonRoot: true
{{- if not .perContainer }}
runAsUser: {{ .uid }}
runAsGroup: {{ .uid }}
{{- end }}
fsGroup: {{ .uid }}
fsGroupChangePolicy: OnRootMismatch
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Container security context. Call with (dict "readOnlyRoot" true|false), plus "uid" N to set its user. */}}
{{- define "trip-service.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: {{ .readOnlyRoot }}
runAsNonRoot: true
{{- with .uid }}
runAsUser: {{ . }}
runAsGroup: {{ . }}
{{- end }}
capabilities:
  drop: [ALL]
{{- end }}

{{/* PersistentVolumeClaim template of a StatefulSet. Call with the storage values. */}}
{{- define "trip-service.volumeClaim" -}}
- metadata:
    name: data
  spec:
    accessModes: [ReadWriteOnce]
    {{- with .storageClassName }}
    storageClassName: {{ . }}
    {{- end }}
    resources:
      requests:
        storage: {{ .size }}
{{- end }}

{{/*
Argo CD sync wave of an object, from its component (the same dict as trip-service.labels): the staged
order of the design document — configuration, then the databases, Kafka, the services, the web UI and the
ingress. Argo CD applies a wave only once every object of the waves before it is healthy, so no app
starts before its stores answer. Plain Helm ignores the annotation.
*/}}
{{- define "trip-service.syncWave" -}}
{{- $waves := .root.Values.argocd.syncWaves }}
{{- $wave := $waves.config }}
{{- if has .component (list "redis" "mariadb" "mongodb" "mongodb-init") }}
{{- $wave = $waves.stores }}
{{- else if eq .component "kafka" }}
{{- $wave = $waves.broker }}
{{- else if eq .component "web" }}
{{- $wave = $waves.frontend }}
{{- else if eq .component "ingress" }}
{{- $wave = $waves.ingress }}
{{- else if hasKey .root.Values.apps .component }}
{{- $wave = $waves.apps }}
{{- end -}}
argocd.argoproj.io/sync-wave: {{ $wave | quote }}
{{- end }}
