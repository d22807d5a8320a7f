{{/* Header of a Dapr Component. Call with (list $ "<component>" "<type>"). */}}
{{- define "trip-service.componentHeader" -}}
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: {{ index . 1 }}
  namespace: {{ include "trip-service.namespace" (index . 0) }}
  labels:
    {{- include "trip-service.labels" (dict "root" (index . 0) "component" "dapr") | nindent 4 }}
  annotations:
    {{- include "trip-service.syncWave" (dict "root" (index . 0) "component" "dapr") | nindent 4 }}
{{- end }}

{{/* A component metadata entry read from the infra Secret. Call with (list $ "<metadata name>" "<secret key>"). */}}
{{- define "trip-service.secretMetadata" -}}
- name: {{ index . 1 }}
  secretKeyRef:
    name: {{ (index . 0).Values.secrets.names.infra }}
    key: {{ index . 2 }}
{{- end }}

{{/* A cron input binding. Call with (list $ "<component>" "<schedule>"). */}}
{{- define "trip-service.cronBinding" -}}
{{ include "trip-service.componentHeader" (list (index . 0) (index . 1)) }}
spec:
  type: bindings.cron
  version: v1
  metadata:
    - name: schedule
      value: {{ index . 2 | quote }}
    - name: direction
      value: input
{{- include "trip-service.scopes" (list (index . 0) (index . 1)) }}
{{- end }}

{{/*
A ranking state store: one MongoDB collection of the replica set (production), or, with
dapr.rankingStores=redis, a Redis state store like components/local's. Call with (list $ "<component>" "<collection>").
*/}}
{{- define "trip-service.rankingStore" -}}
{{- $root := index . 0 }}
{{- if eq $root.Values.dapr.rankingStores "redis" }}
{{- include "trip-service.redisComponent" (list $root (index . 1) "state.redis" "name") }}
{{- else }}
{{- $mongo := $root.Values.mongodb }}
{{ include "trip-service.componentHeader" (list $root (index . 1)) }}
spec:
  type: state.mongodb
  version: v1
  metadata:
    - name: host
      value: {{ include "trip-service.mongodbHosts" $root | quote }}
    - name: params
      value: {{ printf "?replicaSet=%s&authSource=admin" $mongo.replicaSetName | quote }}
    - name: username
      value: {{ $mongo.user }}
    {{- include "trip-service.secretMetadata" (list $root "password" "mongodb-password") | nindent 4 }}
    - name: databaseName
      value: {{ $mongo.database }}
    - name: collectionName
      value: {{ index . 2 }}
    # Acknowledged by a majority and read at majority: a failover loses no counted selection.
    - name: writeconcern
      value: majority
    - name: readconcern
      value: majority
    - name: operationTimeout
      value: 5s
{{- include "trip-service.scopes" (list $root (index . 1)) }}
{{- end }}
{{- end }}

{{/*
A Redis-backed component (cache and ranking state stores, lock store). Call with
(list $ "<component>" "<type>") or, for a state store, (list $ "<component>" "state.redis" "<keyPrefix>").
*/}}
{{- define "trip-service.redisComponent" -}}
{{- $root := index . 0 }}
{{- $keyPrefix := "" }}
{{- if gt (len .) 3 }}
{{- $keyPrefix = index . 3 }}
{{- end }}
{{ include "trip-service.componentHeader" (list $root (index . 1)) }}
spec:
  type: {{ index . 2 }}
  version: v1
  metadata:
    - name: redisHost
      value: {{ include "trip-service.redisAddress" $root | quote }}
    {{- include "trip-service.secretMetadata" (list $root "redisPassword" "redis-password") | nindent 4 }}
    {{- if eq $keyPrefix "none" }}
    # Bare keys (`rate:USD`, `rates:latest`) shared by data-ingestor (writer) and currency-service (reader).
    - name: keyPrefix
      value: none
    {{- else if eq $keyPrefix "name" }}
    # Keys `<store name>||<key>` (as components/local): the three ranking stores share one Redis.
    - name: keyPrefix
      value: name
    {{- end }}
{{- include "trip-service.scopes" (list $root (index . 1)) }}
{{- end }}
