{{/*
Job initiating the replica set once all members run (a no-op when it is already initiated). A Helm
post-install/post-upgrade hook; under Argo CD a Sync hook of the stores' wave instead (its own annotation
wins over Helm's), so the apps of the later waves start against an initiated replica set.
*/}}
{{- define "trip-service.mongodbInitJob" -}}
{{- $ctx := dict "root" . "component" "mongodb-init" }}
{{- $mongo := .Values.mongodb }}
{{- $members := splitList "," (include "trip-service.mongodbHosts" .) }}
apiVersion: batch/v1
kind: Job
metadata:
  name: mongodb-init
  namespace: {{ include "trip-service.namespace" . }}
  labels:
    {{- include "trip-service.labels" $ctx | nindent 4 }}
  annotations:
    helm.sh/hook: post-install,post-upgrade
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
    argocd.argoproj.io/hook: Sync
    argocd.argoproj.io/hook-delete-policy: BeforeHookCreation,HookSucceeded
    {{- include "trip-service.syncWave" $ctx | nindent 4 }}
spec:
  backoffLimit: 20
  ttlSecondsAfterFinished: 3600
  template:
    metadata:
      labels:
        {{- include "trip-service.podLabels" $ctx | nindent 8 }}
    spec:
      restartPolicy: OnFailure
      automountServiceAccountToken: false
      securityContext:
        {{- include "trip-service.podSecurityContext" (dict "uid" 999) | nindent 8 }}
      containers:
        - name: rs-initiate
          image: {{ $mongo.image }}
          env:
            - { name: HOME, value: /tmp }
            {{- include "trip-service.secretEnv" (list . "MONGODB_PASSWORD" "mongodb-password") | nindent 12 }}
          command: [sh, -c]
          args:
            - >-
              mongosh --quiet --host {{ first $members }} --username {{ $mongo.user }}
              --password "$MONGODB_PASSWORD" --authenticationDatabase admin --eval '
              let initiated = true;
              try { rs.status(); } catch (e) { if (e.codeName !== "NotYetInitialized") throw e; initiated = false; }
              if (!initiated) {
                rs.initiate({ _id: "{{ $mongo.replicaSetName }}", members: [
                  {{- range $i, $host := $members }}{{ if $i }},{{ end }} { _id: {{ $i }}, host: "{{ $host }}" }{{ end }} ] });
              }
              print(initiated ? "replica set already initiated" : "replica set initiated");'
          securityContext:
            {{- include "trip-service.containerSecurityContext" (dict "readOnlyRoot" true) | nindent 12 }}
          volumeMounts:
            - { name: tmp, mountPath: /tmp }
      volumes:
        - name: tmp
          emptyDir: {}
{{- if .Values.networkPolicy.enabled }}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: mongodb-init
  namespace: {{ include "trip-service.namespace" . }}
  labels:
    {{- include "trip-service.labels" $ctx | nindent 4 }}
  annotations:
    {{- include "trip-service.syncWave" $ctx | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "trip-service.selectorLabels" $ctx | nindent 6 }}
  policyTypes: [Ingress, Egress]
  egress:
    - to:
        - podSelector:
            matchLabels:
              {{- include "trip-service.selectorLabels" (dict "root" . "component" "mongodb") | nindent 14 }}
      ports:
        - { protocol: TCP, port: {{ $mongo.port }} }
{{- end }}
{{- end }}
