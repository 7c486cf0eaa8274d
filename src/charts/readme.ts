import { chartProfile, SUPPORTED_CHART_VERSIONS } from './index.js';
import { nameChartVersions } from './name-versions.js';

/*
 * The README's lines about the supported charts, from the profiles: scripts/gen-readme.mjs
 * writes them between their markers (through dist/charts.js) and test/readme.test.ts checks
 * them, so a new profile updates the README by regenerating it.
 */

/** "A, B, C": every supported chart version, oldest first. */
export function supportedChartsText(): string {
  return SUPPORTED_CHART_VERSIONS.join(', ');
}

/** "A: 2.39.0; B and C: 2.48.1": the Web UI version each chart runs, charts grouped by it. */
export function chartWebUiText(): string {
  const byUi = new Map<string, string[]>();
  for (const chart of SUPPORTED_CHART_VERSIONS) {
    const ui = chartProfile(chart)!.webUiVersion;
    byUi.set(ui, [...(byUi.get(ui) ?? []), chart]);
  }
  return [...byUi].map(([ui, charts]) => `${nameChartVersions(charts, 'and')}: ${ui}`).join('; ');
}
