// render --chart PATH reads a user's chart as hostile input (src/input/chart-files.ts): small
// charts written here, not the official chart (whose files the project does not ship; the
// render of every release from its own chart is test/chart.test.ts, with a helm-charts clone).
// Each refusal: exit 1, one line naming --chart and the path and what to do, no stack trace, and
// the library's InputError code.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { loadChart } from '../src/api/chart.js';
import { InputError } from '../src/api/errors.js';
import { MAX_CHART_BYTES, MAX_CHART_TAR_BYTES, readChartFiles } from '../src/input/chart-files.js';
import { examplePath, ROOT, tempDir } from './helpers.js';
import { SYNTHETIC_CHART } from './support/synthetic-chart.js';

const BIN = join(ROOT, 'bin', 'temporal-auth.js');

const CHART_YAML = 'apiVersion: v2\nname: temporal\nversion: 1.7.0\nappVersion: 1.31.2\n';
const VALUES_YAML = 'server:\n  enabled: true\n  internal-frontend:\n    enabled: false\n    service: {port: 7236, membershipPort: 6936, httpPort: 7246}\n';

/** A chart folder of the given files (path -> text), in a fresh temp folder. */
function folder(files: Record<string, string>): string {
  const dir = join(tempDir(), 'temporal');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const base = (extra: Record<string, string> = {}) => ({ 'Chart.yaml': CHART_YAML, 'values.yaml': VALUES_YAML, 'templates/NOTES.txt': 'hello\n', ...extra });

interface TarEntry {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link' | 'character-device' | 'fifo';
  text?: string;
  linkname?: string;
}

/** A gzip'd tar of the entries, written with tar-stream (as `helm package` writes: a top folder). */
async function tgz(entries: TarEntry[]): Promise<string> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve) => p.on('end', () => resolve()));
  for (const e of entries) {
    const type = e.type ?? 'file';
    if (type === 'file') p.entry({ name: e.name, type }, e.text ?? '');
    else p.entry({ name: e.name, type, linkname: e.linkname });
  }
  p.finalize();
  await done;
  const file = join(tempDir(), 'chart.tgz');
  writeFileSync(file, gzipSync(Buffer.concat(chunks)));
  return file;
}

const baseEntries = (top = 'temporal'): TarEntry[] => Object.entries(base()).map(([name, text]) => ({ name: `${top}/${name}`, text }));

/** The shipped bin's render of the quickstart with --chart. */
function render(chart: string, extra: string[] = []) {
  const out = join(tempDir(), 'out');
  const r = spawnSync(process.execPath, [BIN, 'render', examplePath('quickstart'), '--chart', chart, '--out', out, '--no-secrets', ...extra], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
    timeout: 20_000,
  });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

async function codeOf(chart: string): Promise<string> {
  try {
    await loadChart({ path: chart });
  } catch (err) {
    if (err instanceof InputError) return err.code;
    throw err;
  }
  return 'loaded';
}

/** Refused by the bin (exit 1, exactly `--chart PATH: DETAIL` and nothing written) and by loadChart with `code`. */
async function expectRefused(chart: string, code: string, detail: RegExp) {
  const r = render(chart);
  expect(r.code, r.stderr).toBe(1);
  const lines = r.stderr.split('\n').filter(Boolean);
  expect(lines, r.stderr).toHaveLength(2);
  expect(lines[0]!.startsWith(`temporal-auth: --chart ${chart}: `), lines[0]).toBe(true);
  expect(lines[0]!.slice(`temporal-auth: --chart ${chart}: `.length)).toMatch(detail);
  expect(lines[1]).toBe('nothing written');
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(await codeOf(chart)).toBe(code);
}

describe('render --chart refuses what is not a temporal chart it can read', () => {
  it('another chart: chart-not-temporal', async () => {
    await expectRefused(
      folder(base({ 'Chart.yaml': CHART_YAML.replace('name: temporal', 'name: mychart') })),
      'chart-not-temporal',
      /^Chart\.yaml names the chart "mychart", not temporal .*; give the official Temporal chart/,
    );
  });

  it('no internal frontend key in values.yaml: chart-not-temporal', async () => {
    await expectRefused(folder(base({ 'values.yaml': 'server:\n  enabled: true\n' })), 'chart-not-temporal', /^values\.yaml has no server\.internal-frontend \(nor server\.internalFrontend\)/);
  });

  it('templates of a shape the derivation does not recognise: chart-shape-unknown', async () => {
    await expectRefused(folder(base()), 'chart-shape-unknown', /^templates\/server-deployment\.yaml: expected the template to exist; temporal-auth cannot read what auth needs from this chart/);
  });

  it('no values.yaml, in a folder and in an archive: chart-unreadable', async () => {
    const files = base();
    delete (files as Record<string, string>)['values.yaml'];
    await expectRefused(folder(files), 'chart-unreadable', /^has no values\.yaml; give a chart folder/);
    await expectRefused(await tgz(baseEntries().filter((e) => !e.name.endsWith('values.yaml'))), 'chart-unreadable', /^has no values\.yaml \(in temporal\/\); give a chart folder/);
  });

  it('a symbolic link anywhere in the folder, or as the path itself, is not followed: chart-unreadable', async () => {
    const outside = join(tempDir(), 'secret.yaml');
    writeFileSync(outside, 'not yours\n');
    const linked = folder(base());
    symlinkSync(outside, join(linked, 'templates', 'leak.yaml'));
    await expectRefused(linked, 'chart-unreadable', /^templates\/leak\.yaml is a symbolic link, which temporal-auth does not follow/);
    const values = folder(base());
    const real = join(values, 'values.yaml');
    const moved = join(tempDir(), 'values.yaml');
    writeFileSync(moved, VALUES_YAML);
    spawnSync('rm', [real]);
    symlinkSync(moved, real);
    await expectRefused(values, 'chart-unreadable', /^values\.yaml is a symbolic link/);
    const link = join(tempDir(), 'chart-link');
    symlinkSync(folder(base()), link);
    await expectRefused(link, 'chart-unreadable', /^is a symbolic link, which temporal-auth does not follow/);
  });

  it('a file past the size bound: chart-unreadable', async () => {
    await expectRefused(folder(base({ 'values.yaml': `${VALUES_YAML}#${'x'.repeat(MAX_CHART_BYTES)}\n` })), 'chart-unreadable', /^values\.yaml takes the chart past 8388608 bytes/);
    const big = `# ${'x'.repeat(MAX_CHART_BYTES)}\n`;
    await expectRefused(await tgz([...baseEntries(), { name: 'temporal/templates/big.yaml', text: big }]), 'chart-unreadable', /^temporal\/templates\/big\.yaml takes the chart past 8388608 bytes/);
  });

  it('an archive path that leaves the top folder, a link or a device entry: chart-unreadable', async () => {
    await expectRefused(
      await tgz([...baseEntries(), { name: 'temporal/templates/../../../evil.yaml', text: 'x' }]),
      'chart-unreadable',
      /^holds the entry "temporal\/templates\/\.\.\/\.\.\/\.\.\/evil\.yaml", whose path leaves the chart's folder/,
    );
    await expectRefused(await tgz([...baseEntries(), { name: '/etc/temporal.yaml', text: 'x' }]), 'chart-unreadable', /^holds the entry "\/etc\/temporal\.yaml", whose path leaves/);
    await expectRefused(
      await tgz([...baseEntries(), { name: 'temporal/templates/x.yaml', type: 'symlink', linkname: '/etc/passwd' }]),
      'chart-unreadable',
      /^holds "temporal\/templates\/x\.yaml", a symlink entry/,
    );
    await expectRefused(
      await tgz([...baseEntries(), { name: 'temporal/templates/y.yaml', type: 'link', linkname: 'temporal/values.yaml' }]),
      'chart-unreadable',
      /^holds "temporal\/templates\/y\.yaml", a link entry/,
    );
    await expectRefused(await tgz([...baseEntries(), { name: 'temporal/templates/tty', type: 'character-device' }]), 'chart-unreadable', /^holds "temporal\/templates\/tty", a character-device entry/);
    await expectRefused(await tgz([...baseEntries(), ...baseEntries('other')]), 'chart-unreadable', /^holds both temporal\/ and other\/ at its top; a packaged chart has one top folder/);
  });

  it('a gzip bomb: a small archive that unpacks past the bound is refused without unpacking it all', async () => {
    const file = join(tempDir(), 'bomb.tgz');
    const bomb = gzipSync(Buffer.alloc(MAX_CHART_TAR_BYTES + 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(200 * 1024);
    writeFileSync(file, bomb);
    await expectRefused(file, 'chart-unreadable', /^unpacks to more than 67108864 bytes, more than a packaged chart; is this the temporal chart\?$/);
  });

  it('not gzip, not tar, not there: chart-unreadable', async () => {
    const text = join(tempDir(), 'chart.tgz');
    writeFileSync(text, 'name: temporal\n');
    await expectRefused(text, 'chart-unreadable', /^is neither a folder nor a gzip'd archive/);
    const notTar = join(tempDir(), 'chart.tgz');
    writeFileSync(notTar, gzipSync(Buffer.from('x'.repeat(2048))));
    await expectRefused(notTar, 'chart-unreadable', /^is not a valid tar archive once unpacked/);
    await expectRefused(join(tempDir(), 'missing'), 'chart-unreadable', /^does not exist; give a chart folder/);
  });

  it('--chart with --chart-version is a usage error', () => {
    const r = render(folder(base()), ['--chart-version', '1.6.0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error: option '--chart <path>' cannot be used with option '--chart-version <version>'");
  });
});

describe('what is read of a chart', () => {
  it('Chart.yaml, values.yaml and every file under templates/ (subfolders too), the same from a folder and from an archive of any top folder name', async () => {
    const files = base({ 'templates/sub/deep/x.tpl': 'x\n', 'templates/_helpers.tpl': 'h\n', 'README.md': 'not read\n', 'charts/sub/templates/y.yaml': 'not read\n' });
    const fromFolder = await readChartFiles(folder(files));
    const fromArchive = await readChartFiles(await tgz(Object.entries(files).map(([name, text]) => ({ name: `my-fork/${name}`, text }))));
    expect([...fromFolder.templates.keys()]).toEqual(['templates/NOTES.txt', 'templates/_helpers.tpl', 'templates/sub/deep/x.tpl']);
    expect(fromArchive).toEqual(fromFolder);
    expect(fromFolder.chartYaml).toBe(CHART_YAML);
    expect(fromFolder.source).toBeNull();
  });
});

describe('render --chart with a chart the tool has no profile for (a made-up 1.7.0)', () => {
  const chartTgz = () => tgz(Object.entries(SYNTHETIC_CHART).map(([name, text]) => ({ name: `temporal/${name}`, text })));
  const run = (args: string[], cwd = tempDir()) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 20_000 });
    const out = join(cwd, 'out');
    const files = existsSync(out) ? Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')])) : {};
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, files };
  };

  it('the same bytes from the folder and the .tgz, for its own version, with one warning that the spec says 1.6.0', async () => {
    const fromFolder = run(['render', examplePath('quickstart'), '--chart', folder(SYNTHETIC_CHART), '--out', 'out', '--no-secrets']);
    const fromArchive = run(['render', examplePath('quickstart'), '--chart', await chartTgz(), '--out', 'out', '--no-secrets']);
    for (const r of [fromFolder, fromArchive]) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr.split('\n').filter((l) => l.includes('warning'))).toEqual([
        expect.stringMatching(
          /^\S+quickstart\.yaml:\d+:\d+ warning chart-version-differs chart\.version: the chart at \S+ is version 1\.7\.0 \(its Chart\.yaml\), so the output is for 1\.7\.0, not 1\.6\.0; set chart\.version: "1\.7\.0"$/,
        ),
      ]);
    }
    expect(fromArchive.files).toEqual(fromFolder.files);
    expect(fromFolder.files['values.auth.yaml']).toContain('(chart 1.7.0)');
  });

  it("the chart's own traps, from a templates/ subfolder, check --values", () => {
    const values = join(tempDir(), 'values.yaml');
    writeFileSync(values, 'server:\n  legacyAuth: true\n');
    const r = run(['validate', examplePath('quickstart'), '--chart', folder(SYNTHETIC_CHART), '--values', values]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(
      /values\.yaml:2:3 error chart-template-trap server\.legacyAuth: chart 1\.7\.0 fails the render here \(templates\/checks\/legacy\.yaml:1-2: "server\.legacyAuth is no longer supported"\)/,
    );
  });

  it("what the chart's author wrote reaches the terminal escaped: a fail message with an escape sequence", () => {
    const values = join(tempDir(), 'values.yaml');
    writeFileSync(values, 'server:\n  legacyAuth: true\n');
    const legacy = SYNTHETIC_CHART['templates/checks/legacy.yaml']!.replace('server.legacyAuth is no longer', '\u001b[2J\u001b]0;pwned\u0007gone');
    const r = run(['validate', examplePath('quickstart'), '--chart', folder({ ...SYNTHETIC_CHART, 'templates/checks/legacy.yaml': legacy }), '--values', values]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"\\u001b[2J\\u001b]0;pwned\\u0007gone supported"');
    expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('a chart without a key temporal-auth writes: chart-shape-unknown, nothing written', () => {
    const chart = folder({ ...SYNTHETIC_CHART, 'values.yaml': SYNTHETIC_CHART['values.yaml']!.replace('  additionalEnv: []\n  podAnnotations: {}\n', '  additionalEnv: []\n') });
    const r = run(['render', examplePath('quickstart'), '--chart', chart, '--out', 'out', '--no-secrets']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter(Boolean).slice(-2)).toEqual([
      `temporal-auth: --chart ${chart}: its values.yaml does not declare what temporal-auth writes (chart 1.7.0 has no key web.podAnnotations), so Helm would ignore it; render for a release the tool supports (--chart-version), or report the chart`,
      'nothing written',
    ]);
    expect(r.files).toEqual({});
  });
});
