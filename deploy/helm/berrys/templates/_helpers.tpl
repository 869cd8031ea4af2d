{{/* Names ---------------------------------------------------------------------------------------- */}}

{{- define "berrys.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "berrys.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "berrys.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* name of a component's resources: (list $ "api-gateway") */}}
{{- define "berrys.componentName" -}}
{{- $root := index . 0 }}
{{- printf "%s-%s" (include "berrys.fullname" $root) (index . 1) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "berrys.credentialsSecret" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-credentials" (include "berrys.fullname" .)) }}
{{- end }}

{{- define "berrys.providerKeysSecret" -}}
{{- .Values.secrets.providerApiKeysExistingSecret | default (printf "%s-provider-keys" (include "berrys.fullname" .)) }}
{{- end }}

{{/* Labels: (list $ "component") ---------------------------------------------------------------- */}}

{{- define "berrys.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ include "berrys.name" $root }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{- define "berrys.labels" -}}
{{- $root := index . 0 -}}
{{ include "berrys.selectorLabels" . }}
app.kubernetes.io/part-of: berrys
app.kubernetes.io/version: {{ $root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
helm.sh/chart: {{ include "berrys.chart" $root }}
{{- end }}

{{/* the pods of the eight services (NetworkPolicy peers) */}}
{{- define "berrys.servicePodSelector" -}}
matchLabels:
  app.kubernetes.io/instance: {{ .Release.Name }}
  berrys.dev/tier: service
{{- end }}

{{/* Merging --------------------------------------------------------------------------------------
Deep merge of two maps where the second wins, false and 0 included (mergeOverwrite skips them).
(list $defaults $overrides) -> YAML */}}
{{- define "berrys.merge" -}}
{{- $out := deepCopy (index . 0) }}
{{- range $k, $v := (index . 1) }}
{{- if and (kindIs "map" $v) (kindIs "map" (index $out $k)) }}
{{- $_ := set $out $k (include "berrys.merge" (list (index $out $k) $v) | fromYaml) }}
{{- else }}
{{- $_ := set $out $k $v }}
{{- end }}
{{- end }}
{{- toYaml $out }}
{{- end }}

{{/* A service's settings: serviceDefaults + services.<name> + built-in defaults.
(list $ "api-gateway") -> YAML */}}
{{- define "berrys.service" -}}
{{- $root := index . 0 }}
{{- $name := index . 1 }}
{{- $base := dict "enabled" true "database" true "redis" true "secretEnv" (list) "image" (dict) }}
{{- $base = include "berrys.merge" (list $base $root.Values.serviceDefaults) | fromYaml }}
{{- include "berrys.merge" (list $base (index $root.Values.services $name)) }}
{{- end }}

{{- define "berrys.image" -}}
{{- $root := index . 0 }}
{{- $name := index . 1 }}
{{- $svc := index . 2 }}
{{- $repo := $svc.image.repository | default (printf "%s/%s" $root.Values.image.repository $name) }}
{{- if $root.Values.image.registry }}{{ $repo = printf "%s/%s" $root.Values.image.registry $repo }}{{ end }}
{{- printf "%s:%s" $repo ($svc.image.tag | default $root.Values.image.tag | default $root.Chart.AppVersion) }}
{{- end }}

{{/* Addresses ---------------------------------------------------------------------------------- */}}

{{- define "berrys.serviceUrl" -}}
{{- $root := index . 0 }}
{{- $name := index . 1 }}
{{- printf "http://%s:%v" (include "berrys.componentName" (list $root $name)) (index $root.Values.services $name).port }}
{{- end }}

{{- define "berrys.dbHost" -}}
{{- if .Values.postgresql.bundled.enabled }}{{ include "berrys.componentName" (list . "postgresql") }}{{ else }}{{ .Values.postgresql.external.host }}{{ end }}
{{- end }}

{{- define "berrys.dbPort" -}}
{{- if .Values.postgresql.bundled.enabled }}5432{{ else }}{{ .Values.postgresql.external.port }}{{ end }}
{{- end }}

{{- define "berrys.redisHost" -}}
{{- if .Values.redis.bundled.enabled }}{{ include "berrys.componentName" (list . "redis") }}{{ else }}{{ .Values.redis.external.host }}{{ end }}
{{- end }}

{{- define "berrys.redisPort" -}}
{{- if .Values.redis.bundled.enabled }}6379{{ else }}{{ .Values.redis.external.port }}{{ end }}
{{- end }}

{{/* Secret env: name -> key in the credentials Secret */}}
{{- define "berrys.secretKey" -}}
{{- $keys := dict "BERRYS_DB_PASSWORD" "db-password" "BERRYS_REDIS_PASSWORD" "redis-password" "BERRYS_ADMIN_PASSWORD" "admin-password" "BERRYS_SERVICE_CLIENT_SECRET" "service-client-secret" "BERRYS_ENCRYPTION_KEY" "encryption-key" }}
{{- required (printf "unknown secretEnv %s (one of %s)" . (keys $keys | sortAlpha | join ", ")) (get $keys .) }}
{{- end }}

{{/* Pod security: restrictive context shared by every pod of the chart */}}
{{- define "berrys.podSecurityContext" -}}
{{- toYaml .Values.podSecurityContext }}
{{- end }}

{{- define "berrys.containerSecurityContext" -}}
{{- toYaml .Values.containerSecurityContext }}
{{- end }}
