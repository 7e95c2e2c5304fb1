{{/* The chart name, overridable. */}}
{{- define "zk.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The resource name prefix: <release>-<chart>, or the release alone when it already names the chart. */}}
{{- define "zk.fullname" -}}
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

{{/* Labels every object carries. */}}
{{- define "zk.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "zk.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: zk-stateless
{{- end }}

{{/* Selector labels of one component; call with (dict "root" $ "component" "prover"). */}}
{{- define "zk.selectorLabels" -}}
app.kubernetes.io/name: {{ include "zk.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "zk.componentLabels" -}}
{{ include "zk.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* The image of a service: <registry>/<repository>:<tag>. */}}
{{- define "zk.image" -}}
{{- $svc := index .root.Values .component -}}
{{- $tag := $svc.image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- printf "%s/%s:%s" .root.Values.image.registry $svc.image.repository $tag }}
{{- end }}

{{- define "zk.postgresqlSecret" -}}
{{- .Values.postgresql.auth.existingSecret | default (printf "%s-postgresql" (include "zk.fullname" .)) }}
{{- end }}

{{- define "zk.adminSecret" -}}
{{- .Values.adminToken.existingSecret | default (printf "%s-admin" (include "zk.fullname" .)) }}
{{- end }}

{{/* True (non-empty) when the release has an admin token to hand to the services. */}}
{{- define "zk.adminTokenSet" -}}
{{- if or .Values.adminToken.existingSecret .Values.adminToken.value }}true{{ end }}
{{- end }}

{{/* The JDBC URL of one database. */}}
{{- define "zk.jdbcUrl" -}}
{{- $pg := .root.Values.postgresql -}}
{{- printf "jdbc:postgresql://%s:%v/%s" $pg.host $pg.port .database }}
{{- with $pg.jdbcParameters }}?{{ . }}{{ end }}
{{- end }}

{{/* Environment every service gets: Kafka, the admin token, the port, the config location. */}}
{{- define "zk.commonEnv" -}}
{{- $svc := index .root.Values .component -}}
- name: SERVER_PORT
  value: {{ $svc.port | quote }}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ .root.Values.kafka.bootstrapServers | quote }}
- name: SPRING_CONFIG_ADDITIONAL_LOCATION
  value: optional:file:/config/
{{- if include "zk.adminTokenSet" .root }}
- name: ADMIN_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "zk.adminSecret" .root }}
      key: {{ .root.Values.adminToken.key }}
{{- end }}
{{- with $svc.javaOptions }}
- name: JDK_JAVA_OPTIONS
  value: {{ . | quote }}
{{- end }}
{{- end }}

{{/* Database environment (DB_URL, DB_USER, DB_PASSWORD); the credentials come from the Secret. */}}
{{- define "zk.databaseEnv" -}}
{{- $svc := index .root.Values .component -}}
- name: DB_URL
  value: {{ include "zk.jdbcUrl" (dict "root" .root "database" $svc.database) | quote }}
- name: DB_USER
  valueFrom:
    secretKeyRef:
      name: {{ include "zk.postgresqlSecret" .root }}
      key: {{ .root.Values.postgresql.auth.usernameKey }}
- name: DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "zk.postgresqlSecret" .root }}
      key: {{ .root.Values.postgresql.auth.passwordKey }}
{{- end }}

{{/* Liveness, readiness and startup probes on the actuator health groups. */}}
{{- define "zk.probes" -}}
{{- $p := .root.Values.probes -}}
startupProbe:
  httpGet:
    path: {{ $p.liveness.path }}
    port: http
  periodSeconds: {{ $p.startup.periodSeconds }}
  failureThreshold: {{ $p.startup.failureThreshold }}
livenessProbe:
  httpGet:
    path: {{ $p.liveness.path }}
    port: http
  periodSeconds: {{ $p.liveness.periodSeconds }}
  timeoutSeconds: {{ $p.liveness.timeoutSeconds }}
  failureThreshold: {{ $p.liveness.failureThreshold }}
readinessProbe:
  httpGet:
    path: {{ $p.readiness.path }}
    port: http
  periodSeconds: {{ $p.readiness.periodSeconds }}
  timeoutSeconds: {{ $p.readiness.timeoutSeconds }}
  failureThreshold: {{ $p.readiness.failureThreshold }}
{{- end }}

{{/* Pod-level settings shared by the three services: scheduling, security, grace period. */}}
{{- define "zk.podSpecCommon" -}}
{{- $svc := index .root.Values .component -}}
securityContext:
  {{- toYaml .root.Values.podSecurityContext | nindent 2 }}
terminationGracePeriodSeconds: {{ .root.Values.terminationGracePeriodSeconds }}
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $svc.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $svc.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $svc.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Container-level settings shared by the three services. */}}
{{- define "zk.containerCommon" -}}
{{- $svc := index .root.Values .component -}}
image: {{ include "zk.image" . }}
imagePullPolicy: {{ .root.Values.image.pullPolicy }}
securityContext:
  {{- toYaml .root.Values.securityContext | nindent 2 }}
resources:
  {{- toYaml $svc.resources | nindent 2 }}
lifecycle:
  preStop:
    sleep:
      seconds: {{ .root.Values.preStopSleepSeconds }}
{{ include "zk.probes" . }}
{{- end }}

{{/* The volumes every service mounts: its ConfigMap at /config and a writable /tmp. */}}
{{- define "zk.volumeMounts" -}}
- name: config
  mountPath: /config
  readOnly: true
- name: tmp
  mountPath: /tmp
{{- end }}

{{- define "zk.volumes" -}}
- name: config
  configMap:
    name: {{ include "zk.fullname" .root }}-{{ .component }}
- name: tmp
  emptyDir:
    sizeLimit: 256Mi
{{- end }}

{{/* Pod annotations: restart on config change. */}}
{{- define "zk.podAnnotations" -}}
{{- $svc := index .root.Values .component -}}
checksum/config: {{ include (print .root.Template.BasePath "/configmap.yaml") .root | sha256sum }}
{{- with $svc.podAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
The prover's worker pools on the zkVM workers, as YAML (empty when there are none): one pool of
kind `ere` per proof type, one endpoint (the worker's Service URL) per worker entry, count = the
number of endpoints (ere-server proves one input at a time, so the prover runs one worker per
server). An entry has one replica: a second replica behind the same Service would be reached per
connection, not per job, so two jobs could queue on one GPU while the other idles; more servers
of a type are more entries with the same proofType. Entries with replicas 0 are left out.
*/}}
{{- define "zk.ereWorkerPools" -}}
{{- $pools := dict }}
{{- if and .Values.zkvmWorkers.enabled .Values.zkvmWorkers.prover.enabled }}
{{- range $entry := .Values.zkvmWorkers.workers }}
{{- $w := mustMergeOverwrite (deepCopy $.Values.zkvmWorkers.defaults) (deepCopy $entry) }}
{{- if gt (int $w.replicas) 1 }}
{{- fail (printf "zkvmWorkers.workers %s: replicas %d; with zkvmWorkers.prover.enabled each entry is one ere-server (replicas 0 or 1); add entries with the same proofType for more" $w.name (int $w.replicas)) }}
{{- end }}
{{- if eq (int $w.replicas) 1 }}
{{- $type := $w.proofType | default $w.name }}
{{- $name := printf "%s-zkvm-%s" (include "zk.fullname" $) $w.name | trunc 63 | trimSuffix "-" }}
{{- $pool := get $pools $type | default (dict "kind" "ere" "ere" (dict "endpoints" list)) }}
{{- $endpoints := append $pool.ere.endpoints (printf "http://%s:%d" $name (int $w.port)) }}
{{- $p := $.Values.zkvmWorkers.prover }}
{{- $ere := dict "endpoints" $endpoints "connect-timeout" $p.connectTimeout "prove-timeout" $p.proveTimeout "call-timeout" $p.callTimeout }}
{{- $_ := set $pools $type (dict "kind" "ere" "count" (len $endpoints) "ere" $ere) }}
{{- end }}
{{- end }}
{{- end }}
{{- if $pools }}
{{- toYaml $pools }}
{{- end }}
{{- end }}
