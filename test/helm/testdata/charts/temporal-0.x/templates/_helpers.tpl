{{- /*
Helpers of the 0.x stand-in (../../README.md). Citations: <file>:<line> at
temporal-0.65.0 (a7b5ab16) / temporal-0.74.0 (f45aaf03), under charts/temporal/templates/.
*/ -}}

{{- /* Resource names: _helpers.tpl:14-25 (both): the release name alone when it
holds the chart name. */ -}}
{{- define "standin.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name -}}
{{- end -}}
{{- end -}}

{{- /* The service's name in resource names and annotation scopes:
"serviceName", _helpers.tpl:446-453 / :448-455, maps the values key
internalFrontend to internal-frontend. */ -}}
{{- define "standin.serviceName" -}}
{{- if eq . "internalFrontend" -}}internal-frontend{{- else -}}{{ . }}{{- end -}}
{{- end -}}

{{- /* Whether the internal frontend is on: 0.x reads only the camelCase key,
`and (hasKey .Values.server "internalFrontend") .Values.server.internalFrontend.enabled`
(server-deployment.yaml:98 / :132, server-configmap.yaml:129 and :192 at
0.65.0, both 0.74.0 ConfigMaps). */ -}}
{{- define "standin.internalFrontendEnabled" -}}
{{- if hasKey .Values.server "internalFrontend" -}}
{{- if .Values.server.internalFrontend.enabled -}}true{{- end -}}
{{- end -}}
{{- end -}}

{{- /* Pod annotations of one scope: temporal.resourceAnnotations,
_helpers.tpl:77-100 (both). The scope is the hyphenated service name, so the
internal frontend's come from server.internal-frontend.podAnnotations, never
from server.internalFrontend.podAnnotations. Per-service keys win over
server.podAnnotations (sprig merge, :92); then additionalAnnotations (:97-99).
Upstream merges into the values map itself; this copies it first. */ -}}
{{- define "standin.podAnnotations" -}}
{{- $root := index . 0 -}}
{{- $component := index . 1 -}}
{{- $scope := index . 2 -}}
{{- $componentValues := index $root.Values $component -}}
{{- $scoped := dict -}}
{{- if hasKey $componentValues $scope -}}
{{- $scoped = deepCopy (default (dict) (index $componentValues $scope "podAnnotations")) -}}
{{- end -}}
{{- range $k, $v := merge $scoped (default (dict) $componentValues.podAnnotations) }}
{{ $k }}: {{ $v | quote }}
{{- end -}}
{{- range $k, $v := $root.Values.additionalAnnotations }}
{{ $k }}: {{ $v | quote }}
{{- end -}}
{{- end -}}

{{- /* The body of the server config file: the persistence map,
global.authorization when non-empty (`with`: 0.65.0 server-configmap.yaml:116-119;
0.74.0 dockerize :118-121, sprig :113-116), the internal-frontend service from
server.internalFrontend when on (0.65.0 :129-136; 0.74.0 :131-138 / :124-131),
and publicClient unless it is on (0.65.0 :192-195; 0.74.0 :194-197 / :179-182). */ -}}
{{- define "standin.serverConfig" -}}
{{- $server := .Values.server -}}
persistence:
  {{- toYaml $server.config.persistence | nindent 2 }}
global:
  membership:
    name: temporal
  {{- with $server.config.authorization }}
  authorization:
    {{- toYaml . | nindent 4 }}
  {{- end }}
services:
  frontend:
    rpc:
      grpcPort: {{ $server.frontend.service.port }}
      httpPort: {{ $server.frontend.service.httpPort }}
      membershipPort: {{ $server.frontend.service.membershipPort }}
  {{- if include "standin.internalFrontendEnabled" . }}
  internal-frontend:
    rpc:
      grpcPort: {{ $server.internalFrontend.service.port }}
      httpPort: {{ $server.internalFrontend.service.httpPort }}
      membershipPort: {{ $server.internalFrontend.service.membershipPort }}
  {{- end }}
  {{- range $svc := list "history" "matching" "worker" }}
  {{ $svc }}:
    rpc:
      {{- with (index $server $svc).service }}
      grpcPort: {{ .port }}
      membershipPort: {{ .membershipPort }}
      {{- end }}
  {{- end }}
{{- if not (include "standin.internalFrontendEnabled" .) }}
publicClient:
  hostPort: "{{ include "standin.fullname" . }}-frontend:{{ $server.frontend.service.port }}"
{{- end }}
{{- end -}}

{{- /* One config ConfigMap: name suffix and flavour ("" at 0.65.0, dockerize or
sprig at 0.74.0). Its labels carry the chart version, as upstream's do. */ -}}
{{- define "standin.configMap" -}}
{{- $root := index . 0 -}}
{{- $suffix := index . 1 -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "standin.fullname" $root }}-{{ $suffix }}
  labels:
    app.kubernetes.io/instance: {{ $root.Release.Name }}
    helm.sh/chart: {{ $root.Chart.Name }}-{{ $root.Chart.Version }}
    app.kubernetes.io/version: {{ $root.Chart.AppVersion | quote }}
data:
  config_template.yaml: |-
    {{- if eq $suffix "sprig-config" }}
    # enable-template
    {{- end }}
    {{- include "standin.serverConfig" $root | nindent 4 }}
{{- end -}}
