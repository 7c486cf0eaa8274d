// Pod labels: how temporal-auth's NetworkPolicy selects the release's own pods.
import type { ChartPodLabels } from '../profile.js';
import { ChartDeriveError } from './errors.js';

const HELPERS = 'templates/_helpers.tpl';
/**
 * Whitespace within a line: what `\s*` matches but the line terminators `^` and `$` see in
 * multiline mode. The patterns below avoid a `\s*` next to a line boundary, which backtracks
 * quadratically on a chart of many blank lines.
 */
const INLINE_SPACE = '[^\\S\\n\\r\\u2028\\u2029]*';

function labelShape(ok: unknown, where: string, expected: string): asserts ok {
  if (!ok) throw new ChartDeriveError('shape', `${where}: expected ${expected} (the chart's pod labels changed shape)`);
}

/**
 * The label keys and component values the chart puts on its pods (_helpers.tpl's
 * temporal.resourceLabels, included by each Deployment and Job), read from the templates: the
 * NetworkPolicy admits the release's server pods, admin tools and schema jobs to the internal
 * frontend by them, so a chart that labels its pods otherwise must not pass unnoticed.
 */
export function derivePodLabels(templates: ReadonlyMap<string, string>): ChartPodLabels {
  const get = (file: string): string => {
    const text = templates.get(file);
    labelShape(text !== undefined, file, 'the template to exist');
    return text;
  };
  const helpers = get(HELPERS);
  const start = helpers.search(/\{\{-?\s*define "temporal\.resourceLabels"/);
  labelShape(start >= 0, HELPERS, '{{ define "temporal.resourceLabels" }}');
  const next = helpers.slice(start + 1).search(/\{\{-?\s*define /);
  const body = helpers.slice(start, next < 0 ? undefined : start + 1 + next);
  const labelKey = (value: string, what: string): string => {
    // Spaces within the line only (not \s*, which spans lines): linear on any text.
    const m = new RegExp(`^${INLINE_SPACE}([a-z0-9./-]+): ${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${INLINE_SPACE}$`, 'm').exec(body);
    labelShape(m, HELPERS, `temporal.resourceLabels to label ${what} (KEY: ${value})`);
    return m[1]!;
  };
  const name = labelKey('{{ include "temporal.name" $global }}', 'the chart name');
  const instance = labelKey('{{ index $global "Release" "Name" }}', 'the release name');
  const cm = /with \$scope\s*-?\}\}[^\S\n]*\n\s*([a-z0-9./-]+): \{\{ \. \}\}/.exec(body);
  labelShape(cm, HELPERS, 'temporal.resourceLabels to label the component: {{ with $scope }} KEY: {{ . }}');

  // Server pods: one Deployment per service, labelled with the service's name.
  const deployment = 'templates/server-deployment.yaml';
  const text = get(deployment);
  const rm = /\{\{-?\s*range\s+(\$\w+)\s*:=\s*\(list((?:\s+"[^"]+")+)\s*\)/.exec(text);
  labelShape(rm, deployment, '{{ range $service := (list "frontend" ...) }}');
  labelShape(text.includes('"temporal.resourceLabels" (list $ $service "pod")'), deployment, 'pods labelled by {{ include "temporal.resourceLabels" (list $ $service "pod") }}');
  let serverComponents = [...rm[2]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
  if (rm[1] !== '$service') {
    // 0.x: `$service := include "serviceName" (list $rawService)` spells internalFrontend's pods internal-frontend.
    labelShape(text.includes(`$service := include "serviceName" (list ${rm[1]})`), deployment, `{{ $service := include "serviceName" (list ${rm[1]}) }}`);
    labelShape(
      // After the first define "serviceName" (a search from there, not a lazy [\s\S]*? from each one: linear).
      helpers.includes('define "serviceName"') && /if eq \$service "internalFrontend"\s*\}\}\s*\{\{-?\s*print "internal-frontend"/.test(helpers.slice(helpers.indexOf('define "serviceName"'))),
      HELPERS,
      'serviceName to map internalFrontend to internal-frontend',
    );
    serverComponents = serverComponents.map((s) => (s === 'internalFrontend' ? 'internal-frontend' : s));
  }
  const scoped = (file: string, scope: string, kind: string) => {
    labelShape(get(file).includes(`"temporal.resourceLabels" (list $ "${scope}" "${kind}")`), file, `pods labelled by {{ include "temporal.resourceLabels" (list $ "${scope}" "${kind}") }}`);
    return scope;
  };
  return {
    name,
    instance,
    component: cm[1]!,
    serverComponents,
    admintoolsComponent: scoped('templates/admintools-deployment.yaml', 'admintools', 'pod'),
    jobComponent: scoped('templates/server-job.yaml', 'database', ''),
  };
}
