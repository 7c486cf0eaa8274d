// render --chart with the official chart itself (src/api/chart.ts): the profile derived at run
// time from a release's chart is its built-in profile, and the shipped bin renders the same bytes
// from the chart's folder, from its packaged .tgz and from the built-in profile. The chart's
// files are not in the project: these run where a helm-charts clone is at hand
// (TEMPORAL_AUTH_HELM_CHARTS_GIT=<its git dir>, as for test/chart-traps.test.ts), and the chart
// is extracted at each tag with git archive. The refusals are test/chart-files.test.ts (no clone).
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadChart } from '../src/api/chart.js';
import { render } from '../src/api/render.js';
import { chartProfile, SUPPORTED_CHART_VERSIONS } from '../src/charts/index.js';
import { EXAMPLES, examplePath, ROOT } from './helpers.js';

const helmChartsGit = process.env.TEMPORAL_AUTH_HELM_CHARTS_GIT;
const BIN = join(ROOT, 'bin', 'temporal-auth.js');
/** Through the shipped bin, every example on the oldest and newest of each chart generation; the quickstart on every release. */
const EVERY_EXAMPLE = ['0.53.0', '0.74.0', '1.0.0', '1.6.0'];

/** The chart at temporal-<version> as a folder (git archive) and as a packaged .tgz with top folder temporal/. */
function extract(root: string, version: string): { folder: string; tgz: string } {
  const dir = join(root, version);
  mkdirSync(dir);
  const archive = execFileSync('git', [`--git-dir=${helmChartsGit}`, 'archive', `temporal-${version}`, 'charts/temporal'], { maxBuffer: 64 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  const tgz = join(dir, `temporal-${version}.tgz`);
  execFileSync('tar', ['czf', tgz, '-C', join(dir, 'charts'), 'temporal']);
  return { folder: join(dir, 'charts', 'temporal'), tgz };
}

/** The bin's render in a fresh folder: exit code, stderr, and every file written (name -> bytes). */
async function binRender(root: string, example: string, chartArgs: string[]) {
  // Its own fresh folder under the file's root (tempDir's go after each test, and these run concurrently).
  const cwd = mkdtempSync(join(root, 'run-'));
  const r = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
    const args = [BIN, 'render', examplePath(example), '--out', 'out', '--no-secrets', ...chartArgs];
    execFile(process.execPath, args, { cwd, encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 30_000 }, (err, _stdout, stderr) =>
      resolve({ status: err ? (typeof err.code === 'number' ? err.code : null) : 0, stderr }),
    );
  });
  const out = join(cwd, 'out');
  const files = existsSync(out) ? Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')])) : {};
  return { code: r.status, stderr: r.stderr, files };
}

describe.skipIf(!helmChartsGit || !existsSync(helmChartsGit))('render --chart with the official chart at each tag (TEMPORAL_AUTH_HELM_CHARTS_GIT)', () => {
  const charts = new Map<string, { folder: string; tgz: string }>();
  // Kept for the whole file (tempDir's folders go after each test).
  const root = mkdtempSync(join(tmpdir(), 'temporal-auth-charts-'));
  beforeAll(() => {
    for (const v of SUPPORTED_CHART_VERSIONS) charts.set(v, extract(root, v));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  for (const v of SUPPORTED_CHART_VERSIONS) {
    it(`${v}: the profile derived from the folder and from the .tgz is the built-in one (but for its source)`, async () => {
      const { folder, tgz } = charts.get(v)!;
      const builtin = { ...chartProfile(v)!, source: null };
      expect((await loadChart({ path: folder })).profile).toEqual(builtin);
      expect((await loadChart({ path: tgz })).profile).toEqual(builtin);
      // And the library renders the same values from it.
      const spec = { file: examplePath('quickstart') };
      const derived = await render(spec, { secrets: false, chart: await loadChart({ path: tgz }) });
      const named = await render(spec, { secrets: false, chartVersion: v });
      expect(derived.files.map((f) => [f.name, f.content])).toEqual(named.files.map((f) => [f.name, f.content]));
    });
  }

  for (const v of SUPPORTED_CHART_VERSIONS) {
    for (const example of EVERY_EXAMPLE.includes(v) ? EXAMPLES : (['quickstart'] as const)) {
      // Concurrent: each run is its own process, in its own folder.
      it.concurrent(`${v}, ${example}: the bin writes the same bytes from --chart <folder>, --chart <.tgz> and the built-in profile`, async () => {
        const { folder, tgz } = charts.get(v)!;
        const [builtin, ...runs] = await Promise.all([binRender(root, example, ['--chart-version', v]), binRender(root, example, ['--chart', folder]), binRender(root, example, ['--chart', tgz])]);
        const specVersion = (parse(readFileSync(examplePath(example), 'utf8')) as { chart: { version: string } }).chart.version;
        for (const run of runs) {
          expect(run.code, run.stderr).toBe(builtin.code);
          expect(run.files).toEqual(builtin.files);
          expect(run.stderr).not.toMatch(/\n\s+at /);
          // One warning when the spec names another version; the rest of stderr is the built-in run's (the rerun command aside).
          const differs = run.stderr.split('\n').filter((l) => l.includes('chart-version-differs'));
          expect(differs, run.stderr).toHaveLength(specVersion === v ? 0 : 1);
          const strip = (s: string) =>
            s
              .split('\n')
              .filter((l) => !l.includes('chart-version-differs') && !l.includes('temporal-auth render'))
              .join('\n');
          expect(strip(run.stderr)).toBe(strip(builtin.stderr));
        }
        expect(Object.keys(builtin.files).length > 0 || builtin.code !== 0).toBe(true);
      });
    }
  }
});
