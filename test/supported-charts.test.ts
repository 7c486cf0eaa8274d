// One list of supported chart versions: the generated profiles (src/charts/profiles/, listed by
// their index.generated.ts). Everything that names supported chart versions derives from it;
// these tests hold the derived wording to the profiles' facts, computed here independently.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartProfile, SUPPORTED_CHART_VERSIONS } from '../src/charts/index.js';
import { chartVersionsWhere, nameChartVersions } from '../src/charts/name-versions.js';
import { chartWebUiText, supportedChartsText } from '../src/charts/readme.js';
import { MAX_SESSION_DURATION_SINCE, REDIRECT_TO_PROVIDER_SINCE } from '../src/charts/web-ui.js';
import { chartTemplateTrap } from '../src/input/rules/chart-template-trap.js';
import { webUiVersionFeatures } from '../src/input/rules/web-ui-version-features.js';
import { validateSpecFile } from '../src/input/validate.js';
import { compareVersions } from '../src/temporal/versions.js';
import { quickstart, ROOT, writeSpec } from './helpers.js';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
  const groups = chartWebUiText()
    .split('; ')
    .map((g) => /^(.+): (\d+\.\d+\.\d+)$/.exec(g)!);
  const all = [...SUPPORTED_CHART_VERSIONS];
  const expand = (part: string) => {
    const range = /^(\S+) to (\S+)$/.exec(part);
    return range ? all.slice(all.indexOf(range[1]!), all.indexOf(range[2]!) + 1) : [part];
  };
  const named = groups.flatMap(([, charts, ui]) =>
    charts!
      .split(/, | and /)
      .flatMap(expand)
      .map((chart) => [chart, ui]),
  );
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
    expect(nameChartVersions(among, 'or', { among })).toBe('0.9.0 to 1.10.0');
    expect(nameChartVersions(['0.9.0', '1.0.0', '1.1.0'], 'or', { among })).toBe('0.9.0 to 1.1.0');
    expect(nameChartVersions(['0.9.0', '1.0.0', '1.10.0'], 'and', { among })).toBe('0.9.0, 1.0.0 and 1.10.0');
    expect(nameChartVersions(['0.9.0', '1.1.0', '1.10.0'], 'and', { among })).toBe('0.9.0, 1.1.0 and 1.10.0');
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
          expect(message).toMatch(new RegExp(`; ${escapeRegExp(charts.length ? `use chart ${phrase(charts, 'or')}` : 'no supported chart runs such a Web UI')}, or remove it$`));
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

// ---------------------------------------------------------------------------------------------
// No supported chart version written by hand outside the profiles

/** What ships or generates shipped text: code, templates, scripts, the JSON Schema. */
const SCANNED = ['src', 'templates', 'scripts', 'schemas'];
/** The profiles themselves (each names its own version and tag). */
const isProfile = (file: string) => /^src\/charts\/profiles\/[^/]+\.generated\.ts$/.test(file);

/** Occurrences allowed for now; each must still occur, so the entry goes when the text does. */
const PENDING: readonly { file: string; text: string }[] = [];

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Any of `versions`, not as part of a longer version (1.0.0-rc.3, 11.0.0, 1.0.0.1). */
const versionPattern = (versions: readonly string[]) => new RegExp(`(?<![\\w.])(${versions.map((v) => v.replace(/\./g, '\\.')).join('|')})(?![\\w]|\\.\\d|-[A-Za-z])`, 'g');

const isComment = (line: string, at: number) => /^\s*(\/\/|\*|\/\*|#|\{\{!--)/.test(line) || line.slice(0, at).includes('//');

/** JSON has no comments: a contract file's `sources` list (schemas/ui-calls.json) is where it cites. */
const jsonSources = (file: string, text: string): Set<string> => {
  if (!file.endsWith('.json')) return new Set();
  const sources = (JSON.parse(text) as { sources?: unknown }).sources;
  return new Set(Array.isArray(sources) ? sources.filter((s): s is string => typeof s === 'string') : []);
};
const isJsonCitation = (sources: Set<string>, line: string) => {
  const m = /^\s*("(?:[^"\\]|\\.)*"),?\s*$/.exec(line);
  return m !== null && sources.has(JSON.parse(m[1]!) as string);
};

/**
 * Every supported chart version written out in the scanned files: a version that is not part of
 * a longer one (1.0.0-rc.3 is another version). A helm-charts tag cited in a comment
 * (`... at temporal-1.6.0`) says where a fact was read, not which charts are supported: allowed.
 */
function versionLiterals(): { file: string; line: number; version: string; text: string }[] {
  const found: { file: string; line: number; version: string; text: string }[] = [];
  const re = versionPattern(SUPPORTED_CHART_VERSIONS);
  for (const file of SCANNED.flatMap(filesUnder).map((f) => relative(ROOT, join(ROOT, f)).split('\\').join('/'))) {
    if (isProfile(file)) continue;
    const text = readFileSync(join(ROOT, file), 'utf8');
    if (text.includes('\0')) continue;
    const sources = jsonSources(file, text);
    text.split('\n').forEach((line, i) => {
      for (const m of line.matchAll(re)) {
        if (line.slice(0, m.index).endsWith('temporal-') && (isComment(line, m.index!) || isJsonCitation(sources, line))) continue;
        found.push({ file, line: i + 1, version: m[1]!, text: line.trim().slice(0, 160) });
      }
    });
  }
  return found;
}

it('no supported chart version is written by hand outside the profiles (src/, templates/, scripts/, schemas/)', () => {
  const all = versionLiterals();
  const pending = (f: { file: string; text: string }) => PENDING.some((p) => p.file === f.file && f.text.includes(p.text));
  const unexpected = all.filter((f) => !pending(f)).map((f) => `${f.file}:${f.line}: ${f.version} in ${JSON.stringify(f.text)}`);
  expect(
    unexpected,
    'derive the versions from the profiles (src/charts/index.ts SUPPORTED_CHART_VERSIONS and chartProfile, src/charts/name-versions.ts for prose), or cite a tag in a comment as temporal-X.Y.Z',
  ).toEqual([]);
  for (const p of PENDING)
    expect(
      all.some((f) => f.file === p.file && f.text.includes(p.text)),
      `${p.file} no longer has ${JSON.stringify(p.text)}: drop it from PENDING`,
    ).toBe(true);
});

it('the scan finds what it is for', () => {
  // The scan itself: a version in code, in prose, at a line end, in a range; not a longer version.
  const v = SUPPORTED_CHART_VERSIONS[SUPPORTED_CHART_VERSIONS.length - 1]!;
  const re = versionPattern([v]);
  for (const text of [`['${v}']`, `charts ${v} and later`, `use chart ${v}.`, `0.1.0-${v}`]) expect(text.match(re), text).toHaveLength(1);
  for (const text of [`1${v}`, `${v}.1`, `${v}-rc.1`, `x.${v}`]) expect(text.match(re), text).toBeNull();
});
