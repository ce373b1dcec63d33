{{- define "computepool.labels" -}}
app.kubernetes.io/name: computepool
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}

{{- define "computepool.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag }}
{{- end }}

{{/* Environment every component shares: Temporal, chain, logs, state. */}}
{{- define "computepool.env" -}}
- name: COMPUTEPOOL_TEMPORAL_ADDRESS
  value: {{ .Values.temporal.address | quote }}
- name: COMPUTEPOOL_TEMPORAL_NAMESPACE
  value: {{ .Values.temporal.namespace | quote }}
- name: COMPUTEPOOL_CHAIN_RPC
  value: {{ .Values.chain.rpc | quote }}
- name: COMPUTEPOOL_NETWORK
  value: {{ .Values.chain.network | quote }}
- name: COMPUTEPOOL_LOG_LEVEL
  value: {{ .Values.logLevel | quote }}
- name: COMPUTEPOOL_LOG_FORMAT
  value: json
- name: COMPUTEPOOL_STATE_DIR
  value: /var/lib/computepool
{{- end }}

{{/* The stages' peer ids, first stage first. */}}
{{- define "computepool.pipelineIDs" -}}
{{- $ids := list -}}
{{- range .Values.shards -}}
{{- $ids = append $ids (required (printf "shards[%s].peerID is required (computepool shard --print-id)" .name) .peerID) -}}
{{- end -}}
{{- join "," $ids -}}
{{- end }}

{{/* Yggdrasil URIs of every stage's Service. */}}
{{- define "computepool.axlPeers" -}}
{{- $root := . -}}
{{- $uris := list -}}
{{- range .Values.shards -}}
{{- $uris = append $uris (printf "tls://%s-%s:%d" $root.Release.Name .name (int $root.Values.axl.port)) -}}
{{- end -}}
{{- join "," $uris -}}
{{- end }}

{{/* Volumes for the model directory and the deployments file. */}}
{{- define "computepool.volumes" -}}
- name: models
  persistentVolumeClaim:
    claimName: {{ .Values.models.claimName }}
    readOnly: true
- name: state
  emptyDir: {}
{{- if .Values.chain.deployments }}
- name: deployments
  configMap:
    name: {{ .Release.Name }}-deployments
{{- end }}
{{- end }}

{{- define "computepool.volumeMounts" -}}
- name: models
  mountPath: /models
  readOnly: true
- name: state
  mountPath: /var/lib/computepool
{{- if .Values.chain.deployments }}
- name: deployments
  mountPath: /var/lib/computepool/deployments
  readOnly: true
{{- end }}
{{- end }}
