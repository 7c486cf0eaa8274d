import { chartProfile, SUPPORTED_CHART_VERSIONS } from './index.js';
import { nameChartVersions } from './name-versions.js';

/*
 * The README's lines about the supported charts, from the profiles: scripts/gen-readme.mjs
 * writes them between their markers (through dist/charts.js) and test/readme.test.ts checks
 * them, so a new profile updates the README by regenerating it.
 */

/** "0.65.0, 0.74.0, 1.0.0, 1.6.0": every supported chart version, oldest first. */
export function supportedChartsText(): string {
  return SUPPORTED_CHART_VERSIONS.join(', ');
}

/** "0.65.0: 2.39.0; 0.74.0 and 1.0.0: 2.48.1; 1.6.0: 2.52.0": the Web UI each chart runs. */
export function chartWebUiText(): string {
  const byUi = new Map<string, string[]>();
  for (const chart of SUPPORTED_CHART_VERSIONS) {
    const ui = chartProfile(chart)!.webUiVersion;
    byUi.set(ui, [...(byUi.get(ui) ?? []), chart]);
  }
  return [...byUi].map(([ui, charts]) => `${nameChartVersions(charts, 'and')}: ${ui}`).join('; ');
}
