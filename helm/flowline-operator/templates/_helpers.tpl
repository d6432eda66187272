{{/* Chart name, cut to the 63 characters a label value allows. */}}
{{- define "flowline-operator.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Name of the namespaced objects; the release name alone when it already says flowline-operator. */}}
{{- define "flowline-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "flowline-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "flowline-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "flowline-operator.labels" -}}
{{ include "flowline-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "flowline-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "flowline-operator.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "flowline-operator.leaseName" -}}
{{- default (include "flowline-operator.fullname" .) .Values.leaderElection.leaseName -}}
{{- end -}}
