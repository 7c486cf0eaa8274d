import { chartTemplateHits } from '../../charts/profile.js';
import type { LintRule } from './rule.js';

/**
 * A value in the user's Helm values that makes the target chart silently ignore the auth
 * settings temporal-auth writes: server.enabled or server.frontend.enabled off (with the chart
 * version's exact test), web.enabled off (a warning: a cluster may run without the Web UI), or
 * the internal frontend under the key the other chart generation reads. The gates are read
 * from the chart's templates when the profile is generated (scripts/gen-chart-profile.mjs).
 */
export const chartIgnoresAuth: LintRule = {
  id: 'chart-ignores-auth',
  severity: 'error',
  summary:
    'Your values make the target chart silently ignore the auth settings: server.enabled or server.frontend.enabled off, or the internal frontend under the key this chart version does not read (error); web.enabled off (warning).',
  check: ({ chart, userValues }) => {
    if (!chart || !userValues) return [];
    return chartTemplateHits(userValues.data, chart)
      .filter((h) => h.kind === 'gate')
      .map((h) => ({ in: 'values' as const, path: h.path, at: h.at, severity: h.severity, message: h.message }));
  },
};
