{{- /*
Helpers of the 1.x stand-in (../../README.md). Citations: <file>:<line> at
temporal-1.0.0 (53b27829) / temporal-1.6.0 (9f4d328c), under charts/temporal/templates/.
*/ -}}

{{- /* Resource names: the release name alone when it already holds the chart
name (release "temporal" -> "temporal-frontend"), as _helpers.tpl:14-25. */ -}}
{{- define "standin.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name -}}
{{- end -}}
{{- end -}}

{{- /* Whether the internal frontend is on: 1.x reads only the hyphenated key
(server-deployment.yaml:76 / :80, server-configmap.yaml:66-67 both). */ -}}
{{- define "standin.internalFrontendEnabled" -}}
{{- if (index .Values.server "internal-frontend").enabled -}}true{{- end -}}
{{- end -}}

{{- /* Pod annotations of one scope (a server service, or "web"):
temporal.resourceAnnotations, _helpers.tpl:77-100 / :107-130. The scope's own
<component>.<scope>.podAnnotations are merged over <component>.podAnnotations
with sprig merge, whose destination wins (:92 / :122), so a per-service key
beats the global one; then top-level additionalAnnotations (:97-99 / :127-129).
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

{{- /* The body of the server config file. Only what the tests need from
server-configmap.yaml: the persistence map, global.authorization when
non-empty (`with`, :53-56 both), the internal-frontend service when enabled
(:66-75 both), and publicClient (1.0.0 :131-134: unless the internal frontend
is on; 1.6.0 :131-137: server.publicClientHostPort first). */ -}}
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
  {{- with (index $server "internal-frontend") }}
  internal-frontend:
    rpc:
      grpcPort: {{ .service.port }}
      httpPort: {{ .service.httpPort }}
      membershipPort: {{ .service.membershipPort }}
  {{- end }}
  {{- end }}
  {{- range $svc := list "history" "matching" "worker" }}
  {{ $svc }}:
    rpc:
      {{- with (index $server $svc).service }}
      grpcPort: {{ .port }}
      membershipPort: {{ .membershipPort }}
      {{- end }}
  {{- end }}
{{- if and (semverCompare ">=1.6.0" .Chart.Version) $server.publicClientHostPort }}
publicClient:
  hostPort: {{ $server.publicClientHostPort | quote }}
{{- else if not (include "standin.internalFrontendEnabled" .) }}
publicClient:
  hostPort: "{{ include "standin.fullname" . }}-frontend:{{ $server.frontend.service.port }}"
{{- end }}
{{- end -}}
