// The derivation of a chart profile from a chart's files (src/charts/derive/), on small made-up
// charts written here (no chart sources needed). That it reproduces every committed profile from
// the official chart at its tag is scripts/gen-chart-profile.mjs --check (test/chart-traps.test.ts,
// with a helm-charts clone).
import { describe, expect, it } from 'vitest';
import { deriveProfile } from '../src/charts/derive/derive-profile.js';
import { ChartDeriveError } from '../src/charts/derive/errors.js';
import { deriveGates } from '../src/charts/derive/gates.js';
import { scanActions, tokenize } from '../src/charts/derive/go-template.js';
import { derivePodLabels } from '../src/charts/derive/pod-labels.js';
import { templateReads } from '../src/charts/derive/template-reads.js';
import { findTraps } from '../src/charts/derive/traps.js';
import { webUiVersionOf } from '../src/charts/derive/web-ui-version.js';
import { SYNTHETIC_CHART } from './support/synthetic-chart.js';

describe('src/charts/derive/ reads fail/required and the guarding ifs', () => {
  const deployment = (gate: string) =>
    [
      '{{- if $.Values.server.enabled }}',
      '{{- range $service := (list "frontend" "internal-frontend") }}',
      '{{- $serviceValues := index $.Values.server $service }}',
      `{{- if ${gate} }}`,
      'kind: Deployment',
      '{{- end }}',
      '{{- end }}',
      '{{- end }}',
      '',
    ].join('\n');
  const chart = (extra: Record<string, string>) =>
    new Map([
      ['templates/server-deployment.yaml', deployment('$serviceValues.enabled')],
      [
        'templates/server-configmap.yaml',
        '{{- if .Values.server.enabled -}}\n{{- $server := .Values.server -}}\n{{- with $server.config.authorization }}\nauthorization: {{ toYaml . }}\n{{- end }}\n{{- end }}\n',
      ],
      ['templates/web-deployment.yaml', '{{- if .Values.web.enabled -}}\nkind: Deployment\n{{- end }}\n'],
      ...Object.entries(extra),
    ]);

  it('records every call, models the recognised guards, and keeps the rest as unmodelled', () => {
    const traps = findTraps(
      chart({
        'templates/_checks.tpl': [
          '{{- define "x.checks" -}}',
          '{{/* fail "in a comment" */}}',
          '{{- if .Values.legacy -}}',
          '  {{- fail "legacy is gone" -}}',
          '{{- end -}}',
          '{{- if kindIs "map" .Values.pullSecrets -}}{{- fail "a list" -}}{{- end -}}',
          '{{- $old := .Values.server.old -}}',
          '{{- if and $old (kindIs "map" $old) -}}',
          '{{- fail "old" -}}',
          '{{- end -}}',
          '{{- if eq .Values.mode "x" -}}',
          '{{- fail "mode x" -}}',
          '{{- else -}}',
          '{{- fail (printf "not %s" "x") -}}',
          '{{- end -}}',
          '{{- end -}}',
        ].join('\n'),
        'templates/validations.yaml': '{{- include "x.checks" . -}}\n',
        'templates/job.yaml': 'command: curl --fail http://x # required\nvalue: {{ required "need a host"\n  .Values.host }}\n',
      }),
      { server: {} },
    );
    expect(traps.map((t) => [t.template, t.line, t.call, t.message, t.condition.when, 'path' in t.condition ? t.condition.path : undefined])).toEqual([
      ['templates/_checks.tpl', 4, 'fail', 'legacy is gone', 'truthy', 'legacy'],
      ['templates/_checks.tpl', 6, 'fail', 'a list', 'isMap', 'pullSecrets'],
      ['templates/_checks.tpl', 9, 'fail', 'old', 'nonEmptyMap', 'server.old'],
      ['templates/_checks.tpl', 12, 'fail', 'mode x', 'unmodelled', undefined],
      ['templates/_checks.tpl', 14, 'fail', 'not %s', 'unmodelled', undefined],
      ['templates/job.yaml', 2, 'required', 'need a host', 'unmodelled', undefined],
    ]);
  });

  it('a helper nobody includes unconditionally is unmodelled, whatever its guard', () => {
    const traps = findTraps(
      chart({ 'templates/_h.tpl': '{{- define "h" -}}{{- if .Values.a -}}{{- fail "a" -}}{{- end -}}{{- end -}}\n', 'templates/x.yaml': '{{- if .Values.b }}{{ include "h" . }}{{- end }}\n' }),
      {},
    );
    expect(traps.map((t) => t.condition.when)).toEqual(['unmodelled']);
  });

  it("derives the gates, each version's frontend test included", () => {
    expect(deriveGates(chart({}), 'internal-frontend').map((g) => `${g.id} ${g.condition.when} ${g.condition.path}`)).toEqual([
      'server-enabled falsy server.enabled',
      'frontend-enabled falsy server.frontend.enabled',
      'web-enabled falsy web.enabled',
      'internal-frontend-key truthy server.internalFrontend',
    ]);
    const old = chart({ 'templates/server-deployment.yaml': deployment('or (not (hasKey $serviceValues "enabled")) $serviceValues.enabled').replace('"internal-frontend"', '"internalFrontend"') });
    expect(deriveGates(old, 'internalFrontend').find((g) => g.id === 'frontend-enabled')!.condition).toEqual({ when: 'hasKeyFalsy', path: 'server.frontend.enabled' });
  });

  it('records which of the keys lint rules ask about the templates read (TEMPLATE_READ_KEYS)', () => {
    const templates = new Map([
      ['templates/web.yaml', '{{- if .Values.web.temporalAddress }}\nvalue: {{ .Values.web.temporalAddress }}\n{{- end }}\n'],
      ['templates/cm.yaml', '{{/* .Values.server.publicClientHostPort */}}\n{{ $.Values.admintools.temporalAddressOld }}\n# .Values.admintools.temporalAddress outside an action\n'],
    ]);
    expect(templateReads(templates)).toEqual(['web.temporalAddress']);
    expect(templateReads(new Map([['templates/x.yaml', '{{ with $.Values.server.publicClientHostPort }}{{ . }}{{ end }}']]))).toEqual(['server.publicClientHostPort']);
  });

  it('reads the pod labels from temporal.resourceLabels, and refuses a chart that labels its pods otherwise', () => {
    const helpers = [
      '{{- define "temporal.resourceLabels" -}}',
      '{{- $global := index . 0 -}}',
      '{{- $scope := index . 1 -}}',
      '{{- with $scope -}}',
      'acme.io/part: {{ . }}',
      '{{ end -}}',
      'acme.io/chart: {{ include "temporal.name" $global }}',
      'acme.io/release: {{ index $global "Release" "Name" }}',
      '{{- end -}}',
      '{{- define "serviceName" -}}',
      '{{- $service := index . 0 -}}',
      '{{- if eq $service "internalFrontend" }}',
      '{{- print "internal-frontend" }}',
      '{{- else }}{{- print $service }}{{- end }}',
      '{{- end -}}',
    ].join('\n');
    const labelled = (deployment: string) =>
      new Map([
        ['templates/_helpers.tpl', helpers],
        ['templates/server-deployment.yaml', deployment],
        ['templates/admintools-deployment.yaml', '{{- include "temporal.resourceLabels" (list $ "admintools" "pod") | nindent 8 }}\n'],
        ['templates/server-job.yaml', '{{- include "temporal.resourceLabels" (list $ "database" "") | nindent 8 }}\n'],
      ]);
    const pods = '{{- include "temporal.resourceLabels" (list $ $service "pod") | nindent 8 }}\n';
    expect(derivePodLabels(labelled(`{{- range $service := (list "frontend" "internal-frontend") }}\n${pods}{{- end }}\n`))).toEqual({
      name: 'acme.io/chart',
      instance: 'acme.io/release',
      component: 'acme.io/part',
      serverComponents: ['frontend', 'internal-frontend'],
      admintoolsComponent: 'admintools',
      jobComponent: 'database',
    });
    const old = `{{- range $rawService := (list "frontend" "internalFrontend") }}\n{{- $service := include "serviceName" (list $rawService) }}\n${pods}{{- end }}\n`;
    expect(derivePodLabels(labelled(old)).serverComponents).toEqual(['frontend', 'internal-frontend']);
    expect(() => derivePodLabels(labelled(`{{- range $service := (list "frontend") }}\n{{- end }}\n`))).toThrow(/server-deployment\.yaml: expected pods labelled by/);
    const unlabelled = labelled(`{{- range $service := (list "frontend") }}\n${pods}{{- end }}\n`);
    unlabelled.set('templates/_helpers.tpl', helpers.replace('acme.io/release: {{ index $global "Release" "Name" }}\n', ''));
    expect(() => derivePodLabels(unlabelled)).toThrow(/_helpers\.tpl: expected temporal\.resourceLabels to label the release name/);
  });

  it('reads the Web UI version from web.image.tag, once the Deployment is seen to run that image', () => {
    const image = '          image: "{{ .Values.web.image.repository }}:{{ .Values.web.image.tag }}"\n';
    const templates = new Map([['templates/web-deployment.yaml', `{{- if .Values.web.enabled -}}\n${image}{{- end }}\n`]]);
    const values = (tag: unknown, repository = 'temporalio/ui') => ({ web: { image: { repository, tag } } });
    expect(webUiVersionOf(templates, values('2.52.0'))).toBe('2.52.0');
    // A YAML number (2.40 reads as 2.4), a v prefix, another image: refused, not guessed.
    for (const tag of [2.4, 'v2.52.0', 'latest', undefined]) expect(() => webUiVersionOf(templates, values(tag)), String(tag)).toThrow(/web\.image\.tag to be a Web UI version X\.Y\.Z/);
    expect(() => webUiVersionOf(templates, values('2.52.0', 'acme/ui'))).toThrow(/web\.image\.repository temporalio\/ui, found "acme\/ui"/);
    const other = new Map([['templates/web-deployment.yaml', '          image: "{{ .Values.web.image.repository }}:{{ .Values.web.image.tag | default .Chart.AppVersion }}"\n']]);
    expect(() => webUiVersionOf(other, values('2.52.0'))).toThrow(/web-deployment\.yaml: expected the container image/);
  });

  it('fails loudly when a template no longer has the shape a gate is read from', () => {
    const moved = chart({ 'templates/server-deployment.yaml': deployment('$serviceValues.enabled').replace('{{- if $.Values.server.enabled }}', '{{- if $.Values.server.on }}') });
    expect(() => deriveGates(moved, 'internal-frontend')).toThrow(/templates\/server-deployment\.yaml:1: expected \{\{ if \$\.Values\.server\.enabled \}\}.*found: if \$\.Values\.server\.on/);
    const gateChanged = chart({ 'templates/server-deployment.yaml': deployment('and $serviceValues.enabled $.Values.x') });
    expect(() => deriveGates(gateChanged, 'internal-frontend')).toThrow(/server-deployment\.yaml:4: expected .*found: and \$serviceValues\.enabled/);
    const noWeb = chart({});
    noWeb.delete('templates/web-deployment.yaml');
    expect(() => deriveGates(noWeb, 'internal-frontend')).toThrow(/web-deployment\.yaml: expected the template to exist/);
  });
});

describe('deriveProfile refuses what is not the temporal chart, with the kind callers switch on', () => {
  const files = (chartYaml: string, valuesYaml: string) => ({ chartYaml, valuesYaml, templates: new Map<string, string>(), source: null });
  const kindOf = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      return err instanceof ChartDeriveError ? `${err.kind}: ${err.message}` : `not a ChartDeriveError: ${String(err)}`;
    }
    return 'no error';
  };
  const values = 'server:\n  internal-frontend:\n    enabled: false\n    service: {port: 7236, membershipPort: 6936, httpPort: 7246}\n';

  it('another chart, no internal frontend key, not YAML, no version: each its kind', () => {
    expect(kindOf(() => deriveProfile(files('name: mychart\nversion: 1.0.0\nappVersion: 1.0.0\n', values)))).toBe(
      'not-temporal: Chart.yaml names the chart "mychart", not temporal (temporalio/helm-charts charts/temporal)',
    );
    expect(kindOf(() => deriveProfile(files('name: temporal\nversion: 1.7.0\nappVersion: 1.31.2\n', 'server:\n  enabled: true\n')))).toMatch(
      /^not-temporal: values\.yaml has no server\.internal-frontend/,
    );
    expect(kindOf(() => deriveProfile(files('name: temporal\nversion: 1.7.0\n', 'a: [\n')))).toMatch(/^files: values\.yaml is not YAML \(/);
    expect(kindOf(() => deriveProfile(files('name: temporal\nversion: latest\nappVersion: 1.31.2\n', values)))).toMatch(/^files: Chart\.yaml: version "latest" is not a SemVer/);
    // Past the values: the templates are read, and their absence is a shape the derivation does not recognise.
    expect(kindOf(() => deriveProfile(files('name: temporal\nversion: 1.7.0\nappVersion: 1.31.2\n', values)))).toMatch(/^shape: templates\/server-deployment\.yaml: expected the template to exist/);
  });

  it('an unterminated action, raw string or character is a syntax error, never a loop', () => {
    expect(kindOf(() => scanActions('a {{ .Values.x '))).toMatch(/^syntax: unterminated action/);
    expect(kindOf(() => tokenize('printf `abc'))).toMatch(/^syntax: unterminated raw string/);
    expect(kindOf(() => tokenize("eq 'a"))).toMatch(/^syntax: unterminated character/);
    expect(kindOf(() => findTraps(new Map([['templates/x.yaml', '{{ end }}']]), {}))).toMatch(/^syntax: templates\/x\.yaml:1: \{\{ end \}\} without a block/);
  });

  it('scans a template of many actions in linear time', () => {
    const text = '{{ .Values.a }}\n'.repeat(200_000);
    const started = performance.now();
    expect(scanActions(text)).toHaveLength(200_000);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('deriveProfile on a whole (made-up) chart', () => {
  it('reads every fact, a trap in a templates/ subfolder included', () => {
    const templates = new Map(Object.entries(SYNTHETIC_CHART).filter(([p]) => p.startsWith('templates/')));
    const profile = deriveProfile({ chartYaml: SYNTHETIC_CHART['Chart.yaml']!, valuesYaml: SYNTHETIC_CHART['values.yaml']!, templates, source: null });
    expect([profile.chartVersion, profile.appVersion, profile.webUiVersion, profile.internalFrontendPorts]).toEqual(['1.7.0', '1.31.2', '2.52.0', { grpc: 7236, membership: 6936, http: 7246 }]);
    expect(profile.podLabels.serverComponents).toEqual(['frontend', 'internal-frontend', 'history']);
    expect(profile.traps).toEqual([
      { template: 'templates/checks/legacy.yaml', line: 2, guardLine: 1, call: 'fail', message: 'server.legacyAuth is no longer supported', condition: { when: 'truthy', path: 'server.legacyAuth' } },
    ]);
    expect(profile.gates.map((g) => `${g.id} ${g.condition.when} ${g.condition.path}`)).toEqual([
      'server-enabled falsy server.enabled',
      'frontend-enabled falsy server.frontend.enabled',
      'web-enabled falsy web.enabled',
      'internal-frontend-key truthy server.internalFrontend',
    ]);
    expect(profile.source).toBeNull();
  });
});

describe('the derivation is linear on hostile templates (a user chart is bounded to 8 MiB)', () => {
  const timed = (f: () => unknown) => {
    const started = performance.now();
    try {
      f();
    } catch (err) {
      if (!(err instanceof ChartDeriveError)) throw err;
    }
    return performance.now() - started;
  };
  const labels = (helpers: string, deployment: string) =>
    new Map([
      ['templates/_helpers.tpl', helpers],
      ['templates/server-deployment.yaml', deployment],
    ]);
  const head = '{{- define "temporal.resourceLabels" -}}\n{{- with $scope }}\n  a/c: {{ . }}\n';

  it('pod labels: many blank lines, many serviceName defines', () => {
    // Each took minutes with a \s* next to a line boundary or a lazy [\s\S]*? from each define.
    expect(timed(() => derivePodLabels(labels(`${head}${'\n'.repeat(2_000_000)}x`, '')))).toBeLessThan(2000);
    expect(timed(() => derivePodLabels(labels(`{{- define "temporal.resourceLabels" -}}\n{{- with $scope }}}}${' \n'.repeat(1_000_000)}`, '')))).toBeLessThan(2000);
    const withLabels = `${head}{{- end }}\n  a/n: {{ include "temporal.name" $global }}\n  a/i: {{ index $global "Release" "Name" }}\n`;
    const old = '{{- range $raw := (list "frontend") }}\n"temporal.resourceLabels" (list $ $service "pod")\n$service := include "serviceName" (list $raw)\n';
    expect(timed(() => derivePodLabels(labels(withLabels + 'define "serviceName" '.repeat(100_000), old)))).toBeLessThan(2000);
  });
});

describe('bounds on what a chart may make the derivation do', () => {
  const traps = (text: string) => () => findTraps(new Map([['templates/x.yaml', text]]), {});
  it('blocks nested more than 64 deep, more than 1000 fail calls: refused; a huge guard: unmodelled, its label cut short', () => {
    expect(traps('{{ if .Values.a }}'.repeat(65))).toThrow(/templates\/x\.yaml:1: blocks nested more than 64 deep/);
    expect(traps('{{ fail "x" }}\n'.repeat(1001))).toThrow(/templates\/x\.yaml:1001: more than 1000 fail and required calls/);
    const [trap] = traps(`{{ if and .Values.a ${'.Values.b '.repeat(2000)} }}{{ fail "x" }}{{ end }}`)();
    expect(trap!.condition).toEqual({ when: 'unmodelled', note: expect.stringMatching(/^guard not parsed \(over 10000 characters\): if and \.Values\.a (\.Values\.b ){28}\.Value\.\.\. \(L1\)$/) });
  });
});
