import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { examplePath, quickstart, ROOT, runCli, tempDir, writeSpec } from './helpers.js';
import { evaluated } from './support/bundle-coverage.js';

const BIN = join(ROOT, 'bin', 'temporal-auth.js');

/** Runs the built CLI as a user would, in a separate process. */
function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env }, timeout: 10_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const LOCATED = /^\S+:\d+:\d+ error \S+ .+$/;

describe('bad input: one located line, exit 1, no stack trace', () => {
  const dir = tempDir;
  const cases: [string, () => string][] = [
    ['malformed YAML', () => writeSpec('apiVersion: [temporal-auth/v1\nkind: AuthSpec\n', dir())],
    ['wrong types', () => writeSpec({ ...quickstart(), namespaces: ['default'] }, dir())],
    ['unknown keys', () => writeSpec({ ...quickstart(), extras: true }, dir())],
    ['empty file', () => writeSpec('', dir())],
    ['missing file', () => join(dir(), 'absent.yaml')],
    [
      'a directory',
      () => {
        const d = join(dir(), 'spec.d');
        mkdirSync(d);
        return d;
      },
    ],
  ];
  for (const command of ['validate', 'render', 'diff']) {
    for (const [label, make] of cases) {
      it(`${command}: ${label}`, async () => {
        const run = await runCli([command, make(), '--out', join(dir(), 'out')].slice(0, command === 'render' ? 4 : 2));
        expect(run.code).toBe(1);
        // Findings are on stderr in every command; validate adds its count line.
        const lines = run.stderr
          .trim()
          .split('\n')
          .filter((l) => !/^\S+: \d+ error\(s\)/.test(l));
        expect(run.stdout).toBe('');
        expect(lines.length).toBeGreaterThanOrEqual(1);
        for (const line of lines) expect(line).toMatch(LOCATED);
        expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
      });
    }
  }

  it('the built binary prints no stack trace for a bad spec', () => {
    const r = spawnCli(['render', writeSpec('kind: [', tempDir())]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^\S+:\d+:\d+ error yaml /);
    expect(r.stderr).not.toMatch(/\s+at /);
  });

  it('an unknown flag or command exits 1 with a usage hint', async () => {
    for (const args of [['render', '--bogus'], ['nope']]) {
      const run = await runCli(args);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('--help');
    }
  });
});

describe('help and version', () => {
  it('every command has --help with an example', async () => {
    for (const command of ['init', 'validate', 'render', 'diff', 'explain', 'check', 'token', 'audit']) {
      const run = await runCli([command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Examples?:\n {2}.*temporal-auth /);
      expect(run.stdout).toContain('Exit codes:');
    }
    const top = await runCli(['--help']);
    expect(top.stdout).toContain('render');
    expect(top.stdout).toContain('validate');
    for (const command of ['init', 'diff', 'explain', 'check', 'token', 'audit']) expect(top.stdout).toContain(command);
  });

  it('--version prints the package version', async () => {
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('validate', () => {
  it('exits 0 with warnings only and prints them located', async () => {
    const s = quickstart();
    s.server.authorization = { enforce: false };
    const run = await runCli(['validate', writeSpec(s, tempDir())]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/:\d+:\d+ warning shadow-mode /);
    expect(run.stdout).toBe('');
  });

  it('reads temporal-auth.yaml from the working folder by default', async () => {
    const d = tempDir();
    writeSpec(quickstart(), d);
    const run = await runCli(['validate'], { cwd: d });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('valid');
  });
});

/** What only render --chart and validate --chart evaluate: the derivation, the chart reader and the tar reader. */
const FOR_CHART = [/^src\/charts\/derive\//, /^src\/input\/chart-files\.ts$/, /^src\/api\/chart\.ts$/, /^node_modules\/(tar-stream|streamx|b4a|fast-fifo)\//];

describe('start-up', () => {
  const BUNDLE = join(ROOT, 'dist', 'cli.cjs');
  const run = (args: string[]) => evaluated(ROOT, BIN, BUNDLE, args);
  /** Every module URL the ESM loader resolves while running the built CLI with `args`. */
  function resolvedModules(args: string[]): { status: number | null; stderr: string; loaded: string[] } {
    const d = tempDir();
    const log = join(d, 'resolved.txt');
    // Module hooks run on their own thread in Node 20: they append every
    // resolved URL to a file the test reads afterwards.
    writeFileSync(
      join(d, 'hooks.mjs'),
      `import { appendFileSync } from 'node:fs';\n` +
        `let out;\n` +
        `export function initialize(data) { out = data.out; }\n` +
        `export async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(out, r.url + '\\n'); return r; }\n`,
    );
    writeFileSync(join(d, 'register.mjs'), `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url, { data: { out: ${JSON.stringify(log)} } });\n`);
    writeFileSync(log, '');
    const r = spawnSync(process.execPath, ['--import', join(d, 'register.mjs'), BIN, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    return { status: r.status, stderr: r.stderr, loaded: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
  }

  it('render and validate do not load the Kubernetes client', () => {
    for (const args of [
      ['render', examplePath('quickstart'), '--stdout', '--no-secrets'],
      ['validate', examplePath('quickstart')],
    ]) {
      const { status, stderr, modules, scripts } = run(args);
      expect(status, stderr).toBe(0);
      expect(modules).toContain('src/cli/main.ts');
      expect(scripts.filter((u) => /@kubernetes\/client-node/.test(u))).toEqual([]);
    }
  });

  it('the RE2 engine loads only for a spec that sets a permissionsRegex', () => {
    // re2js is required (CommonJS) on first use: NODE_DEBUG=module logs every CommonJS load.
    const cjsLoads = (args: string[]) => {
      const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, NODE_DEBUG: 'module' } });
      expect(r.status, r.stderr.slice(-2000)).toBe(0);
      return r.stderr;
    };
    const s = quickstart();
    s.server = { authorization: { mode: 'builtin', permissionsRegex: '^(?P<namespace>[^:]+):(?P<role>\\w+)$' } };
    s.issuer = { url: 'https://sso.acme.example/realms/acme', provider: 'keycloak' };
    expect(cjsLoads(['validate', writeSpec(s)])).toMatch(/re2js/);
    expect(cjsLoads(['validate', examplePath('quickstart')])).not.toMatch(/re2js/);
    expect(cjsLoads(['render', examplePath('quickstart'), '--stdout', '--no-secrets'])).not.toMatch(/re2js/);
  });

  it('a command evaluates its own modules only: validate no templates, handlebars, emitters, yaml package or jose', () => {
    const validate = run(['validate', examplePath('quickstart')]);
    const render = run(['render', examplePath('quickstart'), '--stdout', '--no-secrets']);
    const explain = run(['explain', examplePath('quickstart')]);
    for (const r of [validate, render, explain]) expect(r.status, r.stderr).toBe(0);
    const notForValidate = [
      /^src\/util\/templates/,
      /^node_modules\/handlebars\//,
      /^src\/emit\//,
      /^node_modules\/yaml\//,
      /^node_modules\/jose\//,
      /^src\/cli\/(render|explain|diff|init|check|token)\.ts$/,
    ];
    // Each is lazy in the bundle (so whether it ran is what tells), and some command does evaluate it (so the check can see it).
    for (const re of notForValidate) {
      expect(
        validate.lazy.some((m) => re.test(m)),
        `${re} is lazy`,
      ).toBe(true);
      expect(
        validate.modules.filter((m) => re.test(m)),
        `validate evaluates ${re}`,
      ).toEqual([]);
    }
    expect(validate.modules).toContain('src/input/validate.ts');
    // The chart derivation and the archive reader: lazy, and only with --chart (checked below).
    for (const re of FOR_CHART.slice(0, 3))
      expect(
        render.lazy.some((m) => re.test(m)),
        `${re} is lazy`,
      ).toBe(true);
    for (const r of [validate, render, explain]) expect(r.modules.filter((m) => FOR_CHART.some((re) => re.test(m)))).toEqual([]);
    expect(validate.modules.length).toBeLessThan(render.modules.length);
    expect(render.modules).toContain('src/emit/values.ts');
    expect(render.modules).toContain('node_modules/yaml/dist/index.js');
    expect(explain.modules).toContain('src/util/templates.generated.js');
    expect(explain.modules.some((m) => /^node_modules\/handlebars\//.test(m))).toBe(true);
    // Nothing outside the bundle but the bin and boot: not ajv's helper (src/input/ucs2length.ts), nor
    // ajv-formats (plain http URLs never need it, src/input/uri-format.ts).
    expect(validate.scripts.map((u) => u.slice(pathToFileURL(ROOT).href.length))).toEqual(['bin/temporal-auth.js', 'dist/boot.cjs']);
  });

  it('the chart derivation and the archive reader are evaluated only with --chart', () => {
    // A small chart of the temporal chart's name and values, whose templates the derivation then refuses: it did run.
    const chart = join(tempDir(), 'temporal');
    mkdirSync(join(chart, 'templates'), { recursive: true });
    writeFileSync(join(chart, 'Chart.yaml'), 'name: temporal\nversion: 1.7.0\nappVersion: 1.31.2\n');
    writeFileSync(join(chart, 'values.yaml'), 'server:\n  internal-frontend:\n    service: {port: 7236, membershipPort: 6936, httpPort: 7246}\n');
    writeFileSync(join(chart, 'templates', 'NOTES.txt'), 'hello\n');
    const withChart = run(['render', examplePath('quickstart'), '--stdout', '--no-secrets', '--chart', chart]);
    expect(withChart.status).toBe(1);
    expect(withChart.stderr).toContain('templates/server-deployment.yaml: expected the template to exist');
    // (That a plain render and validate evaluate none of them is asserted with the other lazy modules above.)
    for (const re of FOR_CHART.slice(0, 3)) {
      expect(withChart.lazy.some((m) => re.test(m)) || withChart.modules.some((m) => re.test(m)), `${re} is in the bundle`).toBe(true);
      expect(
        withChart.modules.some((m) => re.test(m)),
        `render --chart evaluates ${re}`,
      ).toBe(true);
    }
  });

  it('diff does load it (so the check above can see it), also through the cached start-up path', () => {
    const d = tempDir();
    const kubeconfig = join(d, 'kubeconfig.yaml');
    writeFileSync(
      kubeconfig,
      'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:9"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\ncurrent-context: c\n',
    );
    const args = ['diff', examplePath('quickstart'), '--kubeconfig', kubeconfig, '--timeout', '2s'];
    const covered = run(args);
    expect(covered.status).toBe(3);
    expect(covered.scripts.some((u) => /@kubernetes\/client-node/.test(u))).toBe(true);
    // Without coverage the bin compiles the bundle itself (src/cli/boot.ts): its import() of the ES module still resolves.
    const { status, loaded } = resolvedModules(args);
    expect(status).toBe(3);
    expect(loaded.some((u) => /@kubernetes\/client-node/.test(u))).toBe(true);
  });
});

describe('a spec with more findings than anyone reads', () => {
  it('validate prints the first 1,000 in order and counts the rest; the exit code and totals are those of all of them', async () => {
    const { validate } = await import('../src/api/spec.js');
    const { formatFinding } = await import('../src/input/finding.js');
    const s = quickstart();
    for (let i = 0; i < 1500; i++) s[`x-${String(1500 - i).padStart(4, '0')}`] = i;
    s.namespaces.default.grants.push({ group: 'g', role: 'nope' });
    const file = writeSpec(s);
    const all = (await validate({ file })).findings;
    expect(all.length).toBe(1501);
    const run = await runCli(['validate', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${all.slice(0, 1000).map(formatFinding).join('\n')}\ntemporal-auth: 501 more finding(s) not shown; the first 1000 are above\n${file}: 1501 error(s), 0 warning(s)\n`);
    // render stops at the same line, on the same stream.
    const render = await runCli(['render', file, '--no-secrets', '--out', join(tempDir(), 'out')]);
    expect(render.code).toBe(1);
    expect(render.stderr).toBe(`${all.slice(0, 1000).map(formatFinding).join('\n')}\ntemporal-auth: 501 more finding(s) not shown; the first 1000 are above\n`);
  });
});
