{{/* Data of the shared config map; its hash rolls the apps when it changes. */}}
{{- define "trip-service.configData" -}}
LOG_LEVEL: {{ .Values.config.logLevel | quote }}
CORS_ORIGINS: {{ .Values.config.corsOrigins | quote }}
LEGACY_CLIENT_COMPAT: {{ .Values.config.legacyClientCompat | quote }}
SHUTDOWN_DRAIN_SECONDS: {{ .Values.config.shutdownDrainSeconds | quote }}
{{- end }}
