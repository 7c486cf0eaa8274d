// One list of supported chart versions: the generated profiles (src/charts/profiles/, listed by
// their index.generated.ts). Everything that names supported chart versions derives from it;
// these tests hold the derived wording to the profiles' facts, computed here independently.
import { describe, expect, it } from 'vitest';
import { chartProfile, SUPPORTED_CHART_VERSIONS } from '../src/charts/index.js';
import { chartVersionsWhere, nameChartVersions } from '../src/charts/name-versions.js';
import { chartWebUiText, supportedChartsText } from '../src/charts/readme.js';
import { MAX_SESSION_DURATION_SINCE, REDIRECT_TO_PROVIDER_SINCE } from '../src/charts/web-ui.js';
import { chartTemplateTrap } from '../src/spec/rules/chart-template-trap.js';
import { webUiVersionFeatures } from '../src/spec/rules/web-ui-version-features.js';
import { validateSpecFile } from '../src/spec/validate.js';
import { compareVersions } from '../src/temporal/versions.js';
import { quickstart, writeSpec } from './helpers.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the supported chart versions', () => {
  it('are the profiles, oldest first, each named once', () => {
    expect(SUPPORTED_CHART_VERSIONS.length).toBeGreaterThan(0);
    expect([...SUPPORTED_CHART_VERSIONS].sort(compareVersions)).toEqual([...SUPPORTED_CHART_VERSIONS]);
    expect(new Set(SUPPORTED_CHART_VERSIONS).size).toBe(SUPPORTED_CHART_VERSIONS.length);
    for (const v of SUPPORTED_CHART_VERSIONS) expect(chartProfile(v)!.chartVersion).toBe(v);
  });
});

it("the README's lines (scripts/gen-readme.mjs) name every profile, and the Web UI each runs", () => {
  expect(supportedChartsText().split(', ')).toEqual([...SUPPORTED_CHART_VERSIONS]);
  const groups = chartWebUiText().split('; ').map((g) => /^(.+): (\d+\.\d+\.\d+)$/.exec(g)!);
  const named = groups.flatMap(([, charts, ui]) => charts!.split(/, | and /).map((chart) => [chart, ui]));
  expect(named.sort()).toEqual(SUPPORTED_CHART_VERSIONS.map((v) => [v, chartProfile(v)!.webUiVersion]).sort());
});

describe('nameChartVersions', () => {
  const among = ['0.9.0', '1.0.0', '1.1.0', '1.10.0'];
  it('names the newest ones as "X or later", any other set as a list', () => {
    expect(nameChartVersions(['1.1.0', '1.10.0'], 'or', { later: true, among })).toBe('1.1.0 or later');
    expect(nameChartVersions(['1.10.0'], 'and', { later: true, among })).toBe('1.10.0 and later');
    expect(nameChartVersions(among, 'and', { later: true, among })).toBe('0.9.0 and later');
    expect(nameChartVersions(['1.0.0', '1.10.0'], 'or', { later: true, among })).toBe('1.0.0 or 1.10.0');
    expect(nameChartVersions(['1.0.0', '1.1.0'], 'and', { later: true, among })).toBe('1.0.0 and 1.1.0');
    expect(nameChartVersions(among, 'or', { among })).toBe('0.9.0, 1.0.0, 1.1.0 or 1.10.0');
    expect(nameChartVersions(['1.0.0'], 'or', { among })).toBe('1.0.0');
    expect(nameChartVersions([], 'or', { later: true, among })).toBeUndefined();
  });
});

describe('web-ui-version-features names the charts whose profile runs a Web UI with the feature', () => {
  const withUi = (since: string) => SUPPORTED_CHART_VERSIONS.filter((v) => compareVersions(chartProfile(v)!.webUiVersion, since) >= 0);
  const phrase = (charts: string[], word: 'and' | 'or') => nameChartVersions(charts, word, { later: true });

  it('in its summary (the README rule table)', () => {
    for (const since of [REDIRECT_TO_PROVIDER_SINCE, MAX_SESSION_DURATION_SINCE]) {
      const charts = withUi(since);
      expect(chartVersionsWhere((p) => compareVersions(p.webUiVersion, since) >= 0)).toEqual(charts);
      expect(webUiVersionFeatures.summary).toContain(charts.length ? `Web UI ${since}, charts ${phrase(charts, 'and')})` : `Web UI ${since}, no supported chart`);
    }
  });

  it('in each finding, on every chart whose UI lacks the feature', async () => {
    const cases = [
      { since: REDIRECT_TO_PROVIDER_SINCE, set: (s: any) => (s.clients.web.redirectToProvider = true), key: 'redirectToProvider' },
      { since: MAX_SESSION_DURATION_SINCE, set: (s: any) => (s.clients.web.session = { maxDuration: '8h' }), key: 'maxDuration' },
    ];
    for (const { since, set, key } of cases) {
      const charts = withUi(since);
      const s = quickstart();
      set(s);
      const file = writeSpec(s);
      for (const chart of SUPPORTED_CHART_VERSIONS) {
        const hits = (await validateSpecFile(file, { chartVersion: chart })).findings.filter((f) => f.rule === 'web-ui-version-features');
        if (charts.includes(chart)) expect(hits, `${key} on ${chart}`).toEqual([]);
        else {
          const [message] = hits.map((h) => h.message);
          expect(hits, `${key} on ${chart}`).toHaveLength(1);
          expect(message).toContain(`: Web UI ${chartProfile(chart)!.webUiVersion} (chart ${chart}) predates ${since} `);
          expect(message).toMatch(new RegExp(`; ${escape(charts.length ? `use chart ${phrase(charts, 'or')}` : 'no supported chart runs such a Web UI')}, or remove it$`));
        }
      }
    }
  });
});

it('chart-template-trap gives as its example the charts whose profile has a trap on server.internalFrontend', () => {
  const charts = SUPPORTED_CHART_VERSIONS.filter((v) => chartProfile(v)!.traps.some((t) => t.condition.when === 'truthy' && t.condition.path === 'server.internalFrontend'));
  if (charts.length === 0) expect(chartTemplateTrap.summary).not.toContain('e.g.');
  else expect(chartTemplateTrap.summary).toContain(`e.g. server.internalFrontend on ${nameChartVersions(charts, 'and', { later: true })})`);
});
