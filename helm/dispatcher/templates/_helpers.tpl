{{/*
Names, labels and small helpers shared by every template.
Component-scoped helpers take a dict: (dict "root" $ "component" "api").
*/}}

{{/* The three services, in the order they are rendered. */}}
{{- define "dispatcher.components" -}}
api store indexer
{{- end }}

{{/* HTTP port of a component (also serves actuator and /metrics); fixed by the image. */}}
{{- define "dispatcher.port" -}}
{{- get (dict "api" 8111 "store" 8112 "indexer" 8113) . -}}
{{- end }}

{{- define "dispatcher.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Release-wide prefix of every object name: the release name, with the chart name appended
unless the release name already contains it (dispatcher → dispatcher-api, prod → prod-dispatcher-api).
*/}}
{{- define "dispatcher.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Name of a component's objects (Deployment, Service, ...): <fullname>-<component>. */}}
{{- define "dispatcher.componentFullname" -}}
{{- printf "%s-%s" (include "dispatcher.fullname" .root | trunc 54 | trimSuffix "-") .component }}
{{- end }}

{{- define "dispatcher.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels every object carries. */}}
{{- define "dispatcher.labels" -}}
helm.sh/chart: {{ include "dispatcher.chart" . }}
{{ include "dispatcher.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: dispatcher-suite
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "dispatcher.selectorLabels" -}}
app.kubernetes.io/name: {{ include "dispatcher.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "dispatcher.componentLabels" -}}
{{ include "dispatcher.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "dispatcher.componentSelectorLabels" -}}
{{ include "dispatcher.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
Image of a component: <registry>/<repository>/dispatcher-<component>:<tag>.
<component>.image.repository replaces "<repository>/dispatcher-<component>", <component>.image.tag the tag.
*/}}
{{- define "dispatcher.image" -}}
{{- $image := .root.Values.image }}
{{- $own := (index .root.Values .component).image | default dict }}
{{- $repository := $own.repository | default (printf "%s/dispatcher-%s" $image.repository .component) }}
{{- $tag := $own.tag | default $image.tag | default .root.Chart.AppVersion }}
{{- if $image.registry }}
{{- printf "%s/%s:%s" $image.registry $repository $tag }}
{{- else }}
{{- printf "%s:%s" $repository $tag }}
{{- end }}
{{- end }}

{{- define "dispatcher.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "dispatcher.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
A value as an environment string: strings as they are, numbers without exponent notation
(Helm reads 1073741824 from a values file as a float), booleans as true/false.
*/}}
{{- define "dispatcher.scalar" -}}
{{- if kindIs "string" . }}{{ . }}{{ else }}{{ toJson . }}{{ end }}
{{- end }}

{{/* Whether Kafka is spoken to over TLS. */}}
{{- define "dispatcher.kafka.tls" -}}
{{- if has .Values.kafka.securityProtocol (list "SSL" "SASL_SSL") }}true{{ end }}
{{- end }}

{{/* Whether Kafka clients authenticate with SASL. */}}
{{- define "dispatcher.kafka.sasl" -}}
{{- if has .Values.kafka.securityProtocol (list "SASL_PLAINTEXT" "SASL_SSL") }}true{{ end }}
{{- end }}

{{/* Whether the Kafka client certificate (mutual TLS) is configured. */}}
{{- define "dispatcher.kafka.clientCert" -}}
{{- $tls := .Values.kafka.tls }}
{{- if and (include "dispatcher.kafka.tls" .) $tls.existingSecret $tls.certKey $tls.keyKey }}true{{ end }}
{{- end }}

{{/* Where the Kafka TLS secret is mounted in every container. */}}
{{- define "dispatcher.kafka.tlsDir" -}}
/etc/dispatcher/kafka-tls
{{- end }}

{{/* Whether the store keeps blobs on a local disk (PVC or emptyDir). */}}
{{- define "dispatcher.store.local" -}}
{{- if eq .Values.store.backend "local" }}true{{ end }}
{{- end }}

{{/* The Secret holding the S3 keys: the operator's, or the one the chart creates from values. */}}
{{- define "dispatcher.store.s3SecretName" -}}
{{- if .Values.store.s3.existingSecret }}
{{- .Values.store.s3.existingSecret }}
{{- else if and .Values.store.s3.accessKey .Values.store.s3.secretKey }}
{{- printf "%s-s3" (include "dispatcher.componentFullname" (dict "root" . "component" "store")) }}
{{- end }}
{{- end }}

{{/* Name of the store's PVC. */}}
{{- define "dispatcher.store.claimName" -}}
{{- .Values.store.persistence.existingClaim | default (include "dispatcher.componentFullname" (dict "root" . "component" "store")) }}
{{- end }}

{{/* Configuration errors the schema cannot express, reported with the value to change. */}}
{{- define "dispatcher.validate" -}}
{{- $kafka := .Values.kafka }}
{{- if and (include "dispatcher.kafka.sasl" .) (not $kafka.sasl.existingSecret) }}
{{- fail (printf "kafka.securityProtocol=%s needs kafka.sasl.existingSecret (a Secret with the SASL username and password)" $kafka.securityProtocol) }}
{{- end }}
{{- if and (include "dispatcher.kafka.sasl" .) (not (has $kafka.sasl.mechanism (list "PLAIN" "SCRAM-SHA-256" "SCRAM-SHA-512"))) (not $kafka.sasl.jaasConfigKey) }}
{{- fail (printf "kafka.sasl.mechanism=%s needs kafka.sasl.jaasConfigKey (the chart builds a JAAS config only for PLAIN and SCRAM)" $kafka.sasl.mechanism) }}
{{- end }}
{{- if and (include "dispatcher.kafka.tls" .) $kafka.tls.existingSecret (ne (empty $kafka.tls.certKey) (empty $kafka.tls.keyKey)) }}
{{- fail "kafka.tls.certKey and kafka.tls.keyKey go together: set both for a client certificate, or neither" }}
{{- end }}
{{- $auth := .Values.indexer.search.auth }}
{{- if and .Values.indexer.enabled (ne $auth.type "none") (not $auth.existingSecret) }}
{{- fail (printf "indexer.search.auth.type=%s needs indexer.search.auth.existingSecret" $auth.type) }}
{{- end }}
{{- $passthrough := .Values.indexer.passthrough }}
{{- if and .Values.indexer.enabled $passthrough.topic (not $passthrough.group) }}
{{- fail "indexer.passthrough.topic needs indexer.passthrough.group (its consumer group)" }}
{{- end }}
{{- $s3 := .Values.store.s3 }}
{{- if and .Values.store.enabled (eq .Values.store.backend "s3") (not $s3.existingSecret) (ne (empty $s3.accessKey) (empty $s3.secretKey)) }}
{{- fail "store.s3.accessKey and store.s3.secretKey go together (or use store.s3.existingSecret)" }}
{{- end }}
{{- end }}
