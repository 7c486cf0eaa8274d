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

/** "A: 1.28.1; B and C: 1.30.3": the Temporal server version (appVersion) each chart ships, charts grouped by it. */
export function chartServerVersionText(): string {
  const byServer = new Map<string, string[]>();
  for (const chart of SUPPORTED_CHART_VERSIONS) {
    const server = chartProfile(chart)!.appVersion;
    byServer.set(server, [...(byServer.get(server) ?? []), chart]);
  }
  return [...byServer].map(([server, charts]) => `${nameChartVersions(charts, 'and')}: ${server}`).join('; ');
}

/**
 * The chart checks validate --values does not run (every `fail`/`required` whose guard the
 * generator cannot model: the persistence helpers), a row per template line, the charts that
 * have it grouped; and the counts per chart.
 */
export function unmodelledTrapsTable(): string {
  const rows = new Map<string, { charts: string[]; call: string; message: string }>();
  for (const chart of SUPPORTED_CHART_VERSIONS) {
    for (const t of chartProfile(chart)!.traps) {
      if (t.condition.when !== 'unmodelled') continue;
      const key = `${t.template}:${t.line}\u0000${t.message}`;
      const row = rows.get(key) ?? { charts: [], call: t.call, message: t.message };
      row.charts.push(chart);
      rows.set(key, row);
    }
  }
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  return [
    '| charts | template:line | call | message |',
    '| --- | --- | --- | --- |',
    ...[...rows].map(([key, r]) => `| ${nameChartVersions(r.charts, 'and')} | \`${key.split('\u0000')[0]}\` | \`${r.call}\` | ${cell(r.message)} |`),
  ].join('\n');
}

/** "A: 13 calls, 0 checked, 4 gates; B: ...": per chart. */
export function trapCountsText(): string {
  return SUPPORTED_CHART_VERSIONS.map((chart) => {
    const p = chartProfile(chart)!;
    const checked = p.traps.filter((t) => t.condition.when !== 'unmodelled').length;
    return `${chart}: ${p.traps.length} calls, ${checked} checked, ${p.gates.length} gates`;
  }).join('; ');
}
