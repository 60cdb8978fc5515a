{{/*
The non-secret settings, as ConfigMap manifests. Deployments hash these (checksum/config) so a
change rolls their pods. Names and defaults: docs/configuration.md and docs/indexer.md.
*/}}

{{/*
Data lines from (dict "generated" $g "env" $e): the chart's own settings, where null or "" means
"leave the service's default", overlaid with an operator's env map, taken as it is ("" included).
*/}}
{{- define "dispatcher.envData" -}}
{{- $data := dict }}
{{- range $name, $value := .generated }}
{{- if not (or (kindIs "invalid" $value) (and (kindIs "string" $value) (eq $value ""))) }}
{{- $_ := set $data $name (include "dispatcher.scalar" $value) }}
{{- end }}
{{- end }}
{{- range $name, $value := .env }}
{{- if not (kindIs "invalid" $value) }}
{{- $_ := set $data $name (include "dispatcher.scalar" $value) }}
{{- end }}
{{- end }}
{{- range $name, $value := $data }}
{{ $name }}: {{ $value | quote }}
{{- end }}
{{- end }}

{{/* An environment name from a property name: ssl.endpoint.identification.algorithm → SSL_ENDPOINT_IDENTIFICATION_ALGORITHM. */}}
{{- define "dispatcher.envName" -}}
{{- regexReplaceAll "[^A-Za-z0-9]" . "_" | upper }}
{{- end }}

{{/* Settings every service reads: Kafka, topic layout, sources, topics, logging. */}}
{{- define "dispatcher.configmap.common" -}}
{{- $kafka := .Values.kafka }}
{{- $layout := .Values.topicLayout }}
{{- $servers := $kafka.bootstrapServers }}
{{- if kindIs "slice" $servers }}{{ $servers = join "," $servers }}{{ end }}
{{- $generated := dict
  "DISPATCHER_KAFKA_ENDPOINT" $servers
  "SPRING_KAFKA_SECURITY_PROTOCOL" $kafka.securityProtocol
  "DISPATCHER_TOPICS_NAMESPACE" $layout.namespace
  "DISPATCHER_TOPICS_PREFIX" $layout.prefix
  "DISPATCHER_GLOBAL_PARTITION_COUNT" $layout.partitions
  "DISPATCHER_GLOBAL_REPLICA_COUNT" $layout.replicas
  "DISPATCHER_TOPICS_PROVISION" $layout.provision
  "DISPATCHER_TOPICS_TOLERATEMISMATCH" $layout.tolerateMismatch
  "DISPATCHER_TOPICS_RETRYINITIAL" $layout.retryInitial
  "DISPATCHER_TOPICS_RETRYMAX" $layout.retryMax
  "DISPATCHER_TOPICS_OPERATIONTIMEOUT" $layout.operationTimeout
  "DISPATCHER_SOURCES_HELM" (toYaml .Values.sources)
  "DISPATCHER_TOPICS_YAML" (toYaml .Values.topics)
}}
{{- if and (include "dispatcher.kafka.tls" .) $kafka.tls.existingSecret $kafka.tls.caKey }}
{{- $_ := set $generated "SPRING_KAFKA_SSL_TRUST_STORE_TYPE" "PEM" }}
{{- $_ := set $generated "SPRING_KAFKA_SSL_TRUST_STORE_LOCATION" (printf "file:%s/%s" (include "dispatcher.kafka.tlsDir" .) $kafka.tls.caKey) }}
{{- end }}
{{- if include "dispatcher.kafka.clientCert" . }}
{{- $_ := set $generated "SPRING_KAFKA_SSL_KEY_STORE_TYPE" "PEM" }}
{{- end }}
{{- if include "dispatcher.kafka.sasl" . }}
{{- $_ := set $generated "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM" $kafka.sasl.mechanism }}
{{- end }}
{{- /* Values that may legitimately be "": Kafka client properties and the log format. */}}
{{- $env := dict "LOGGING_STRUCTURED_FORMAT_CONSOLE" .Values.logging.format }}
{{- range $property, $value := $kafka.properties }}
{{- $_ := set $env (printf "SPRING_KAFKA_PROPERTIES_%s" (include "dispatcher.envName" $property)) $value }}
{{- end }}
{{- range $logger, $level := .Values.logging.level }}
{{- $_ := set $env (printf "LOGGING_LEVEL_%s" (include "dispatcher.envName" $logger)) $level }}
{{- end }}
{{- $env = mergeOverwrite $env .Values.env }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "dispatcher.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "dispatcher.labels" . | nindent 4 }}
data:
  {{- include "dispatcher.envData" (dict "generated" $generated "env" $env) | trim | nindent 2 }}
{{- end }}

{{/* Settings of one component: (dict "root" $ "component" "api"). */}}
{{- define "dispatcher.configmap.component" -}}
{{- $root := .root }}
{{- $c := index $root.Values .component }}
{{- $generated := dict }}
{{- if eq .component "api" }}
{{- $generated = dict
  "DISPATCHER_API_PUBLISH_MAXEVENTSIZE" $c.publish.maxEventSize
  "DISPATCHER_API_PUBLISH_MAXREQUESTSIZE" $c.publish.maxRequestSize
  "DISPATCHER_API_PUBLISH_SENDTIMEOUT" $c.publish.sendTimeout
  "DISPATCHER_API_PUBLISH_MAXBLOCK" $c.publish.maxBlock
  "DISPATCHER_API_CONSUME_MAXCOUNT" $c.consume.maxCount
  "DISPATCHER_API_CONSUME_DEFAULTTIMEOUT" $c.consume.defaultTimeout
  "DISPATCHER_API_CONSUME_MAXTIMEOUT" $c.consume.maxTimeout
  "DISPATCHER_API_CONSUME_IDLETIME" $c.consume.idleTime
  "DISPATCHER_API_CONSUME_BUFFERRECORDS" $c.consume.bufferRecords
  "DISPATCHER_API_CONSUME_MAXPOLLRECORDS" $c.consume.maxPollRecords
  "DISPATCHER_API_CONSUME_GROUPPROTOCOL" $c.consume.groupProtocol
  "DISPATCHER_API_CONSUME_GROUPPREFIX" $c.consume.groupPrefix
  "DISPATCHER_API_CONSUME_LAGINTERVAL" $c.consume.lagInterval
  "DISPATCHER_TASKS_DEADLINE" $c.tasks.deadline
  "DISPATCHER_TASKS_MAXATTEMPTS" $c.tasks.maxAttempts
  "DISPATCHER_PAUSE_DURATION" $c.pause.duration
  "DISPATCHER_API_PLUGINS_MAXSIMULATESIZE" $c.plugins.maxSimulateSize
}}
{{- else if eq .component "store" }}
{{- $generated = dict
  "DISPATCHER_STORE_BACKEND" $c.backend
  "DISPATCHER_STORE_MAXSIZE" $c.maxSize
  "DISPATCHER_STORE_ALLOWDELETE" $c.allowDelete
  "DISPATCHER_STORE_EVENTTIMEOUT" $c.eventTimeout
  "DISPATCHER_STORE_IDENTIFYCONCURRENCY" $c.identifyConcurrency
  "DISPATCHER_STORE_MAGICBYTESMAX" $c.magicBytesMax
  "DISPATCHER_STORE_SPOOLDIR" "/var/lib/dispatcher/spool"
}}
{{- if include "dispatcher.store.local" $root }}
{{- $_ := set $generated "DISPATCHER_STORE_LOCAL_ROOT" "/var/lib/dispatcher/store" }}
{{- else }}
{{- $s3 := $c.s3 }}
{{- $generated = merge $generated (dict
  "DISPATCHER_STORE_S3_ENDPOINT" $s3.endpoint
  "DISPATCHER_STORE_S3_BUCKET" $s3.bucket
  "DISPATCHER_STORE_S3_REGION" $s3.region
  "DISPATCHER_STORE_S3_SECURE" $s3.secure
  "DISPATCHER_STORE_S3_PATHSTYLE" $s3.pathStyle
  "DISPATCHER_STORE_S3_MULTIPARTTHRESHOLD" $s3.multipartThreshold
  "DISPATCHER_STORE_S3_PARTSIZE" $s3.partSize
  "DISPATCHER_STORE_S3_CALLTIMEOUT" $s3.callTimeout
) }}
{{- end }}
{{- else if eq .component "indexer" }}
{{- $search := $c.search }}
{{- $generated = dict
  "ELASTIC_INDEXER_INSTANCES" $c.instances
  "BULKER_FLUSH_INTERVAL" $c.bulk.flushInterval
  "BULKER_MAX_BYTES" $c.bulk.maxBytes
  "BULKER_MAX_MESSAGES" $c.bulk.maxMessages
  "ELASTIC_SERVICE" (join "," $search.hosts)
  "ELASTIC_SERVICE_PORT" $search.port
  "ELASTIC_USE_HTTPS" $search.https
  "ELASTIC_CLIENT_BULK_TIMEOUT" $search.requestTimeout
  "DISPATCHER_INDEXER_SEARCH_CONNECTTIMEOUT" $search.connectTimeout
  "DISPATCHER_INDEXER_SEARCH_INSECURE" $search.insecure
  "DISPATCHER_INDEXER_EVENTS_ENABLED" $c.events.enabled
  "DISPATCHER_INDEXER_EVENTS_GROUP" $c.events.group
  "DISPATCHER_INDEXER_EVENTS_INDEXPREFIX" $c.events.indexPrefix
  "KAFKA_CONSUMER_TOPIC" $c.passthrough.topic
  "KAFKA_CONSUMER_GROUP_NAME" $c.passthrough.group
  "KAFKA_PRODUCER_TOPIC" $c.passthrough.deadLetterTopic
  "DISPATCHER_INDEXER_RETRY_INITIALBACKOFF" $c.retry.initialBackoff
  "DISPATCHER_INDEXER_RETRY_MAXBACKOFF" $c.retry.maxBackoff
  "DISPATCHER_INDEXER_MAXMESSAGESIZE" $c.maxMessageSize
  "DISPATCHER_INDEXER_SHUTDOWNFLUSHTIMEOUT" $c.shutdownFlushTimeout
}}
{{- end }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "dispatcher.componentFullname" . }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "dispatcher.componentLabels" . | nindent 4 }}
data:
  {{- include "dispatcher.envData" (dict "generated" $generated "env" $c.env) | trim | nindent 2 }}
{{- end }}
