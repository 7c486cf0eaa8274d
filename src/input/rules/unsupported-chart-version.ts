import { SUPPORTED_CHART_VERSIONS } from '../../charts/index.js';
import type { LintRule } from './rule.js';

export const unsupportedChartVersion: LintRule = {
  id: 'unsupported-chart-version',
  severity: 'error',
  summary: 'The target chart version has no profile in this tool.',
  check: ({ chart, chartVersion }) =>
    chart
      ? []
      : [
          {
            path: ['chart', 'version'],
            message: `no profile for chart ${chartVersion}; supported versions: ${SUPPORTED_CHART_VERSIONS.join(', ')}`,
          },
        ],
};
