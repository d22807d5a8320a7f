{{/* Port and pod selector of each backend a sidecar may reach. Call with (list $ "<backend>"); returns an egress rule. */}}
{{- define "trip-service.backendEgress" -}}
{{- $root := index . 0 }}
{{- $backend := index . 1 }}
{{- $values := $root.Values }}
{{- if eq $backend "kube-apiserver" }}
- to:
    {{- range $values.networkPolicy.apiServerCidrs }}
    - ipBlock: { cidr: {{ . }} }
    {{- end }}
  ports:
    - { protocol: TCP, port: 443 }
    - { protocol: TCP, port: 6443 }
{{- else if eq $backend "internet" }}
- to:
    - ipBlock:
        cidr: 0.0.0.0/0
        except:
          {{- toYaml $values.networkPolicy.privateCidrs | nindent 10 }}
  ports:
    - { protocol: TCP, port: 443 }
{{- else }}
{{- $store := index $values $backend }}
- to:
    {{- if $store.enabled }}
    - podSelector:
        matchLabels:
          {{- include "trip-service.selectorLabels" (dict "root" $root "component" $backend) | nindent 10 }}
    {{- else }}
    - ipBlock: { cidr: 0.0.0.0/0 }
    {{- end }}
  ports:
    - { protocol: TCP, port: {{ $store.port }} }
{{- end }}
{{- end }}

{{/* App ids whose sidecars use a backend. Call with (list $ "<backend>"); returns a YAML list. */}}
{{- define "trip-service.clientsOf" -}}
{{- $root := index . 0 }}
{{- $clients := list }}
{{- range $id := keys $root.Values.apps | sortAlpha }}
{{- if has (index $ 1) (include "trip-service.backendsOf" (list $root $id) | fromYamlArray) }}
{{- $clients = append $clients $id }}
{{- end }}
{{- end }}
{{- toYaml $clients }}
{{- end }}

{{/* NetworkPolicy letting the apps that use a backend in, plus the backend's own peers. Call with (list $ "<backend>" ports). */}}
{{- define "trip-service.backendIngressPolicy" -}}
{{- $root := index . 0 }}
{{- $backend := index . 1 }}
{{- $ports := index . 2 }}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ $backend }}
  namespace: {{ include "trip-service.namespace" $root }}
  labels:
    {{- include "trip-service.labels" (dict "root" $root "component" $backend) | nindent 4 }}
  annotations:
    {{- include "trip-service.syncWave" (dict "root" $root "component" $backend) | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "trip-service.selectorLabels" (dict "root" $root "component" $backend) | nindent 6 }}
  policyTypes: [Ingress, Egress]
  ingress:
    - from:
        {{- range include "trip-service.clientsOf" (list $root $backend) | fromYamlArray }}
        - podSelector:
            matchLabels:
              {{- include "trip-service.selectorLabels" (dict "root" $root "component" .) | nindent 14 }}
        {{- end }}
        # Replicas of the store itself (replication, quorum) and its init job.
        - podSelector:
            matchLabels:
              {{- include "trip-service.selectorLabels" (dict "root" $root "component" $backend) | nindent 14 }}
        - podSelector:
            matchLabels:
              {{- include "trip-service.selectorLabels" (dict "root" $root "component" (printf "%s-init" $backend)) | nindent 14 }}
      ports:
        {{- range $ports }}
        - { protocol: TCP, port: {{ . }} }
        {{- end }}
  egress:
    - to:
        - podSelector:
            matchLabels:
              {{- include "trip-service.selectorLabels" (dict "root" $root "component" $backend) | nindent 14 }}
      ports:
        {{- range $ports }}
        - { protocol: TCP, port: {{ . }} }
        {{- end }}
{{- end }}
