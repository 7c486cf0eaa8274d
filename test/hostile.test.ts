import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { validateSpecFile } from '../src/input/validate.js';
import { examplePath, quickstart, runCli, tempDir, writeSpec } from './helpers.js';

const ENV = { TEMPORAL_UI_CLIENT_SECRET: 'canary-hostile-9c9c' };
const LOCATED = /^\S+:\d+:\d+ (error|warning) \S+ .+$/;

describe('YAML attacks', () => {
  it('a billion-laughs alias bomb is refused in bounded time and memory', async () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const before = process.memoryUsage().heapUsed;
    const started = Date.now();
    const run = await runCli(['validate', writeSpec(lines.join('\n'))]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error yaml .*alias/i);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('a 50 MB file is refused before it is read', async () => {
    const file = join(tempDir(), 'huge.yaml');
    writeFileSync(file, `namespaces:\n${'  x: y\n'.repeat((50 * 1024 * 1024) / 7)}`);
    const started = Date.now();
    const run = await runCli(['render', file, '--out', join(tempDir(), 'out')]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/huge\.yaml:1:1 error io file is 50\.0 MB, over the 4 MB limit/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('__proto__ and constructor keys pollute nothing and are reported', async () => {
    const text = ['__proto__: { polluted: true }', ...readFileSync(examplePath('quickstart'), 'utf8').split('\n')].join('\n');
    const { findings } = await validateSpecFile(writeSpec(text));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(findings.map((f) => f.message)).toContainEqual(expect.stringContaining('unknown key "__proto__"'));
  });

  it('namespaces and groups named like Object properties are ordinary names', async () => {
    const s = quickstart();
    s.namespaces = { constructor: { grants: [{ group: 'toString', role: 'write' }] }, hasOwnProperty: { grants: [{ group: '__proto__', role: 'read' }] } };
    s.clients.workers = [{ name: 'w', clientId: 'valueOf', grants: { constructor: 'write' } }];
    const file = writeSpec(s);
    expect((await runCli(['validate', file])).code).toBe(0);
    const explain = await runCli(['explain', file, '--group', 'toString', '-n', 'constructor', '--api', 'StartWorkflowExecution']);
    expect(explain.code).toBe(0);
    const denied = await runCli(['explain', file, '--group', 'constructor', '-n', 'toString', '--api', 'StartWorkflowExecution']);
    expect(denied.code).toBe(2);
    const unknown = quickstart();
    unknown.clients.workers = [{ name: 'w', clientId: 'w', grants: { toString: 'write' } }];
    expect((await validateSpecFile(writeSpec(unknown))).findings.map((f) => f.rule)).toContain('unknown-namespace');
  });

  it('JavaScript tags are refused, not executed', async () => {
    const run = await runCli(['validate', writeSpec('apiVersion: !!js/function "function () { process.exit(7) }"\n')]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')[0]).toMatch(LOCATED);
  });

  it('user values get the same protections', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'values.yaml'), '__proto__: { polluted: true }\nserver:\n  constructor: { additionalEnv: [ { name: X } ] }\n  additionalEnv: [ { name: __proto__, value: x } ]\n');
    const run = await runCli(['render', writeSpec(quickstart(), dir), '--values', join(dir, 'values.yaml'), '--stdout-values', '--no-secrets']);
    expect(run.code, run.stderr).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const values = parseAllDocuments(run.stdout)[0]!.toJS();
    expect(values.server.additionalEnv[0]).toEqual({ name: '__proto__', value: 'x' });
  });
});

describe('injection: hostile strings stay data', () => {
  const HOSTILE = [
    '{{ .Env.SECRET }}',
    'line1\nline2',
    'quote " and \' quote',
    '---\nkind: Secret',
    '# not a comment',
    'key: value',
    '- item',
    '*alias',
    '&anchor',
    '!!binary',
    '%TAG',
    '\u2028\u0000?',
  ];

  it('group names reach every output exactly, without changing any document', async () => {
    const s = quickstart();
    s.namespaces.default.grants = HOSTILE.map((group) => ({ group, role: 'read' }));
    const dir = tempDir();
    const run = await runCli(['render', writeSpec(s, dir), '--out', join(dir, 'out')], { env: ENV });
    expect(run.code, run.stderr).toBe(0);
    for (const file of readdirSync(join(dir, 'out'))) {
      const docs = parseAllDocuments(readFileSync(join(dir, 'out', file), 'utf8'));
      expect(docs, file).toHaveLength(1);
      expect(docs[0]!.errors, file).toEqual([]);
    }
    const values = parse(readFileSync(join(dir, 'out', 'values.auth.yaml'), 'utf8'));
    const cm = parse(readFileSync(join(dir, 'out', 'policy-configmap.yaml'), 'utf8'));
    expect(Object.keys(JSON.parse(cm.data['policy.json']).groups).sort()).toEqual([...HOSTILE, 'engineering', 'temporal-admins'].sort());
    expect(Object.keys(values).sort()).toEqual(['server', 'web']);
  });

  it('a login label the Web UI would paste into its YAML config and misread is refused, located', async () => {
    for (const label of ['line1\nline2', 'key: value', 'Sign in # here', '*alias', '{ a: 1 }', '\u0000x']) {
      const s = quickstart();
      s.clients.web.label = label;
      const dir = tempDir();
      const run = await runCli(['render', writeSpec(s, dir), '--out', join(dir, 'out')], { env: ENV });
      expect(run.code, label).toBe(1);
      expect(run.stderr, label).toMatch(/:\d+:\d+ error web-ui-value clients\.web\.label: the label /);
      expect(existsSync(join(dir, 'out')), label).toBe(false);
    }
    const ok = quickstart();
    ok.clients.web.label = 'Sign in with Acme SSO - staff only';
    expect((await runCli(['render', writeSpec(ok), '--stdout', '--no-secrets'])).code).toBe(0);
  });

  it('--stdout keeps one document per file whatever the strings hold', async () => {
    const s = quickstart();
    s.namespaces.default.grants = [{ group: '\n---\nkind: Secret\n', role: 'read' }];
    const run = await runCli(['render', writeSpec(s), '--stdout-values', '--stdout', '--no-secrets']);
    expect(parseAllDocuments(run.stdout).map((d) => d.toJS()?.kind)).toEqual([undefined, 'ConfigMap', 'NetworkPolicy']);
  });

  it('builtin mode: a {{ in a value that reaches server.config is refused', async () => {
    const s = quickstart();
    s.server = { authorization: { mode: 'builtin', permissionsRegex: '^(?P<namespace>{{.X}}):(?P<role>.+)$' } };
    s.issuer = { url: 'https://sso.example/realms/r', provider: 'keycloak', audience: 'a{{b' };
    const { findings } = await validateSpecFile(writeSpec(s));
    expect(
      findings
        .filter((f) => f.rule === 'template-injection')
        .map((f) => f.message.split(':')[0])
        .sort(),
    ).toEqual(['issuer.audience', 'server.authorization.permissionsRegex']);
  });
});

describe('atomic output', () => {
  it('a failure part-way leaves the output folder exactly as it was', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'values.auth.yaml'), 'previous values\n');
    writeFileSync(join(out, 'policy-configmap.yaml'), 'previous policy\n');
    mkdirSync(join(out, 'secrets.yaml')); // a folder where a file must go: its rename fails, after the others
    writeFileSync(join(out, 'secrets.yaml', 'keep'), '');
    const before = readdirSync(out).sort();
    const run = await runCli(['render', writeSpec(quickstart(), dir), '--out', out], { env: ENV });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nothing written');
    expect(readdirSync(out).sort()).toEqual(before);
    expect(readFileSync(join(out, 'values.auth.yaml'), 'utf8')).toBe('previous values\n');
    expect(readFileSync(join(out, 'policy-configmap.yaml'), 'utf8')).toBe('previous policy\n');
  });

  it('replaces existing files in place and leaves no temporaries', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'values.auth.yaml'), 'previous\n');
    const run = await runCli(['render', writeSpec(quickstart(), dir), '--out', out], { env: ENV });
    expect(run.code).toBe(0);
    expect(readdirSync(out).filter((f) => f.startsWith('.') && f !== '.temporal-auth-manifest')).toEqual([]);
    expect(readFileSync(join(out, 'values.auth.yaml'), 'utf8')).toContain('TEMPORAL_AUTH_PROVIDER_URL');
  });

  it('creates the output folder private to its owner for writing, secrets.yaml 0600', async () => {
    const dir = tempDir();
    const out = join(dir, 'new-out');
    expect((await runCli(['render', writeSpec(quickstart(), dir), '--out', out], { env: ENV })).code).toBe(0);
    expect(statSync(out).mode & 0o022).toBe(0);
    expect(statSync(join(out, 'secrets.yaml')).mode & 0o777).toBe(0o600);
  });

  it('refuses to write secrets into a world-writable folder', async () => {
    const dir = tempDir();
    const out = join(dir, 'shared');
    mkdirSync(out);
    chmodSync(out, 0o777);
    const run = await runCli(['render', writeSpec(quickstart(), dir), '--out', out], { env: ENV });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is world-writable; write secrets to a private folder');
    expect(readdirSync(out)).toEqual([]);
    expect((await runCli(['render', writeSpec(quickstart(), dir), '--out', out, '--no-secrets'])).code).toBe(0);
    expect(existsSync(join(out, 'values.auth.yaml'))).toBe(true);
  });
});
