{{/*
Container env entries that are not in the ConfigMaps: JAVA_TOOL_OPTIONS, and every credential, taken
from Secrets by reference (secretKeyRef), never copied into values or ConfigMaps.
(dict "root" $ "component" "api")
*/}}
{{- define "dispatcher.env" -}}
{{- $root := .root }}
{{- $c := index $root.Values .component }}
{{- $kafka := $root.Values.kafka }}
- name: JAVA_TOOL_OPTIONS
  value: {{ $c.javaToolOptions | default $root.Values.javaToolOptions | quote }}
{{- if include "dispatcher.kafka.clientCert" $root }}
{{- /* Kafka's PEM key store takes the certificate chain and key as text (Spring's key-store-certificate-chain / key-store-key). */}}
- name: SPRING_KAFKA_SSL_KEY_STORE_CERTIFICATE_CHAIN
  valueFrom:
    secretKeyRef:
      name: {{ $kafka.tls.existingSecret }}
      key: {{ $kafka.tls.certKey }}
- name: SPRING_KAFKA_SSL_KEY_STORE_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $kafka.tls.existingSecret }}
      key: {{ $kafka.tls.keyKey }}
{{- if $kafka.tls.keyPasswordKey }}
- name: SPRING_KAFKA_SSL_KEY_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $kafka.tls.existingSecret }}
      key: {{ $kafka.tls.keyPasswordKey }}
{{- end }}
{{- end }}
{{- if include "dispatcher.kafka.sasl" $root }}
{{- $sasl := $kafka.sasl }}
{{- if $sasl.jaasConfigKey }}
- name: SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ $sasl.existingSecret }}
      key: {{ $sasl.jaasConfigKey }}
{{- else }}
{{- /* Kubernetes expands $(VAR) from the entries above, so the Pod spec holds only references. */}}
{{- $module := ternary "org.apache.kafka.common.security.plain.PlainLoginModule" "org.apache.kafka.common.security.scram.ScramLoginModule" (eq $sasl.mechanism "PLAIN") }}
- name: KAFKA_SASL_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $sasl.existingSecret }}
      key: {{ $sasl.usernameKey }}
- name: KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $sasl.existingSecret }}
      key: {{ $sasl.passwordKey }}
- name: SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG
  value: {{ printf "%s required username=\"$(KAFKA_SASL_USERNAME)\" password=\"$(KAFKA_SASL_PASSWORD)\";" $module | quote }}
{{- end }}
{{- end }}
{{- if and (eq .component "store") (eq $c.backend "s3") (include "dispatcher.store.s3SecretName" $root) }}
{{- $secret := include "dispatcher.store.s3SecretName" $root }}
- name: DISPATCHER_STORE_S3_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $c.s3.accessKeyKey }}
- name: DISPATCHER_STORE_S3_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $c.s3.secretKeyKey }}
{{- end }}
{{- if eq .component "indexer" }}
{{- $auth := $c.search.auth }}
{{- if eq $auth.type "basic" }}
- name: ELASTIC_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $auth.existingSecret }}
      key: {{ $auth.usernameKey }}
- name: ELASTIC_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $auth.existingSecret }}
      key: {{ $auth.passwordKey }}
{{- else if eq $auth.type "apiKey" }}
- name: ELASTIC_API_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $auth.existingSecret }}
      key: {{ $auth.apiKeyKey }}
{{- end }}
{{- /*
Arkime's four variables, on only when all four are set; they force security.protocol=SSL, so only with
protocol SSL (with SASL_SSL they would turn SASL off). They repeat the spring.kafka.ssl settings above.
*/}}
{{- if and (eq $kafka.securityProtocol "SSL") (include "dispatcher.kafka.clientCert" $root) $kafka.tls.caKey $kafka.tls.keyPasswordKey }}
{{- $dir := include "dispatcher.kafka.tlsDir" $root }}
- name: KAFKA_SSL_CA_LOCATION
  value: {{ printf "%s/%s" $dir $kafka.tls.caKey | quote }}
- name: KAFKA_SSL_CERT_LOCATION
  value: {{ printf "%s/%s" $dir $kafka.tls.certKey | quote }}
- name: KAFKA_SSL_KEY_LOCATION
  value: {{ printf "%s/%s" $dir $kafka.tls.keyKey | quote }}
- name: KAFKA_SSL_KEY_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $kafka.tls.existingSecret }}
      key: {{ $kafka.tls.keyPasswordKey }}
{{- end }}
{{- end }}
{{- with $root.Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- with $c.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}
