import { chartProfile, SUPPORTED_CHART_VERSIONS } from '../../charts/index.js';
import { nameChartVersions } from '../../charts/name-versions.js';
import { chartTemplateHits } from '../../charts/profile.js';
import type { LintRule } from './rule.js';

// The summary's example: the charts whose profile has a modelled trap on the old internal
// frontend key, from the profiles (none: no example). Asked for by the README and the rule
// list, not by a run: it builds every release's profile, so only when read.
const oldKeyTrapCharts = () =>
  nameChartVersions(
    SUPPORTED_CHART_VERSIONS.filter((v) => chartProfile(v)!.traps.some((t) => t.condition.when !== 'unmodelled' && 'path' in t.condition && t.condition.path === 'server.internalFrontend')),
    'and',
    { later: true },
  );

/**
 * A value in the user's Helm values on which the target chart's own templates `fail` (or
 * `required` stops): every such call is in the chart profile, read from the chart's templates
 * when the profile was generated (scripts/gen-chart-profile.mjs), with the `if` guarding it as a
 * condition evaluated here. Calls whose guard the generator does not model (the persistence
 * helpers' driver logic) are in the profile but not checked.
 */
export const chartTemplateTrap: LintRule = {
  id: 'chart-template-trap',
  severity: 'error',
  get summary() {
    const charts = oldKeyTrapCharts();
    return `Your values hold a value on which the target chart's own templates fail the render (a \`fail\` or \`required\` read from the chart's templates${charts ? `, e.g. server.internalFrontend on ${charts}` : ''}).`;
  },
  check: ({ chart, userValues }) => {
    if (!chart || !userValues) return [];
    return chartTemplateHits(userValues.data, chart)
      .filter((h) => h.kind === 'trap')
      .map((h) => ({ in: 'values' as const, path: h.path, at: h.at, severity: h.severity, message: h.message }));
  },
};
