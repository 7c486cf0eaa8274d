import { printable } from '../../util/printable.js';
import type { LintRule } from './rule.js';

// render --chart PATH: the chart's own Chart.yaml says which version it is, and that is the
// version the output is for, whatever the spec says. Not an error: the spec may name the release
// the chart was forked from, and the chart is what Helm installs. Said once, so it is not a surprise.
export const chartVersionDiffers: LintRule = {
  id: 'chart-version-differs',
  severity: 'warning',
  summary: "The chart given with `--chart` is another version than the spec's `chart.version`: its own version (Chart.yaml) is used.",
  check: ({ spec, chart, chartPath }) =>
    chartPath !== undefined && chart && spec.chart.version !== chart.chartVersion
      ? [
          {
            path: ['chart', 'version'],
            message: `the chart at ${printable(chartPath)} is version ${chart.chartVersion} (its Chart.yaml), so the output is for ${chart.chartVersion}, not ${spec.chart.version}; set chart.version: "${chart.chartVersion}"`,
          },
        ]
      : [],
};
