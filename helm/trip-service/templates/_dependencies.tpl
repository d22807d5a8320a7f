{{/*
Which app may use which Dapr component, and what each component talks to. The component templates take
their `scopes:` from here and the NetworkPolicies their egress, so the two can never disagree. The ranking
stores' backend is `dapr.rankingStores` (mongodb in production, redis where no MongoDB can run).
*/}}
{{- define "trip-service.components" -}}
{{- $rankingBackend := .Values.dapr.rankingStores }}
cache: { backend: redis, scopes: [currency-service, data-ingestor] }
rankings: { backend: {{ $rankingBackend }}, scopes: [ranking-service] }
country-stats: { backend: {{ $rankingBackend }}, scopes: [ranking-service] }
daily-selections: { backend: {{ $rankingBackend }}, scopes: [ranking-service] }
trip-db: { backend: mariadb, scopes: [currency-service, history-service, data-ingestor] }
pubsub: { backend: kafka, scopes: [currency-service, ranking-service, history-service, data-ingestor] }
fx-provider: { backend: internet, scopes: [data-ingestor] }
cron-ingest: { backend: none, scopes: [data-ingestor] }
cron-ranking: { backend: none, scopes: [ranking-service] }
cron-analysis: { backend: none, scopes: [history-service] }
cron-midnight-kst: { backend: none, scopes: [ranking-service, history-service] }
lockstore: { backend: redis, scopes: [data-ingestor, ranking-service, history-service] }
secretstore: { backend: kube-apiserver, scopes: [currency-service, ranking-service, history-service, data-ingestor, web] }
{{- end }}

{{/* `scopes:` block of a component. Call with (list $ "<component>"). */}}
{{- define "trip-service.scopes" -}}
{{- $components := include "trip-service.components" (index . 0) | fromYaml }}
{{- $component := index $components (index . 1) | required (printf "unknown component %s" (index . 1)) }}
scopes:
{{- range $component.scopes }}
  - {{ . }}
{{- end }}
{{- end }}

{{/* Backends an app's sidecar reaches, sorted and unique. Call with (list $ "<app id>"); returns YAML list. */}}
{{- define "trip-service.backendsOf" -}}
{{- $id := index . 1 }}
{{- $backends := list }}
{{- range $name, $component := include "trip-service.components" (index . 0) | fromYaml }}
{{- if and (has $id $component.scopes) (ne $component.backend "none") }}
{{- $backends = append $backends $component.backend }}
{{- end }}
{{- end }}
{{- $backends | uniq | sortAlpha | toYaml }}
{{- end }}

{{/* "true" when some component talks to the backend, else empty. Call with (list $ "<backend>"). */}}
{{- define "trip-service.backendUsed" -}}
{{- $used := false }}
{{- range $name, $component := include "trip-service.components" (index . 0) | fromYaml }}
{{- if eq $component.backend (index $ 1) }}
{{- $used = true }}
{{- end }}
{{- end }}
{{- if $used }}true{{ end }}
{{- end }}

{{/* The in-chart store runs: it is enabled and some component uses it. Call with (list $ "<store>"). */}}
{{- define "trip-service.storeRendered" -}}
{{- $root := index . 0 }}
{{- $store := index . 1 }}
{{- if and (index $root.Values $store).enabled (include "trip-service.backendUsed" (list $root $store)) }}true{{ end }}
{{- end }}

{{/* host:port of Redis. */}}
{{- define "trip-service.redisAddress" -}}
{{- if .Values.redis.enabled }}
{{- printf "redis.%s.svc.cluster.local:%d" (include "trip-service.namespace" .) (int .Values.redis.port) }}
{{- else }}
{{- printf "%s:%d" (required "redis.externalHost is required when redis.enabled=false" .Values.redis.externalHost) (int .Values.redis.port) }}
{{- end }}
{{- end }}

{{/* Comma-separated members of the MongoDB replica set. */}}
{{- define "trip-service.mongodbHosts" -}}
{{- if .Values.mongodb.enabled }}
{{- $hosts := list }}
{{- range $i := until (int .Values.mongodb.replicas) }}
{{- $hosts = append $hosts (printf "mongodb-%d.mongodb-headless.%s.svc.cluster.local:%d" $i (include "trip-service.namespace" $) (int $.Values.mongodb.port)) }}
{{- end }}
{{- join "," $hosts }}
{{- else }}
{{- join "," (required "mongodb.externalHosts is required when mongodb.enabled=false" .Values.mongodb.externalHosts) }}
{{- end }}
{{- end }}

{{/* Comma-separated Kafka bootstrap brokers. */}}
{{- define "trip-service.kafkaBrokers" -}}
{{- if .Values.kafka.enabled }}
{{- $brokers := list }}
{{- range $i := until (int .Values.kafka.replicas) }}
{{- $brokers = append $brokers (printf "kafka-%d.kafka-headless.%s.svc.cluster.local:%d" $i (include "trip-service.namespace" $) (int $.Values.kafka.port)) }}
{{- end }}
{{- join "," $brokers }}
{{- else }}
{{- required "kafka.externalBrokers is required when kafka.enabled=false" .Values.kafka.externalBrokers }}
{{- end }}
{{- end }}
