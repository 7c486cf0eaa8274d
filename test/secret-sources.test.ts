// Secret sources are files and env vars from outside: each odd one is a
// located, one-line refusal, never a hang, a crash or a huge read.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { goTemplateLiteral } from '../src/emit/external-secret.js';
import { MAX_SECRET_BYTES, readSecretSource } from '../src/secrets/resolve.js';
import { quickstart, runCli, tempDir, writeSpec } from './helpers.js';

const fromFile = (dir: string, name: string) => readSecretSource({ from: { fromFile: name }, specPath: ['clients', 'web', 'clientSecret'] }, join(dir, 'spec.yaml'), {});
const fromEnv = (name: string, env: NodeJS.ProcessEnv) => readSecretSource({ from: { fromEnv: name }, specPath: ['s'] }, '/nowhere/spec.yaml', env);

describe('secret sources', () => {
  it('fromEnv reads own properties only: toString, constructor and hasOwnProperty are not set', async () => {
    for (const name of ['toString', 'constructor', 'hasOwnProperty', '__proto__']) {
      const read = await fromEnv(name, { ...process.env });
      expect(read, name).toMatchObject({ ok: false, message: `environment variable ${name} is not set; export it, or render with --no-secrets` });
    }
    expect(await fromEnv('toString', { toString: 'set-on-purpose' })).toEqual({ ok: true, value: 'set-on-purpose' });
  });

  it('render with fromEnv: toString is a located error, not exit 70', async () => {
    const s = quickstart();
    s.clients.web.clientSecret = { fromEnv: 'toString' };
    const run = await runCli(['render', writeSpec(s), '--out', join(tempDir(), 'out')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/:\d+:\d+ error secret-source .*toString is not set/);
  });

  it('fromFile refuses a FIFO without blocking, devices and directories', async () => {
    const dir = tempDir();
    expect(spawnSync('mkfifo', [join(dir, 'pipe')]).status).toBe(0);
    mkdirSync(join(dir, 'folder'));
    expect(await fromFile(dir, 'pipe')).toMatchObject({ ok: false, message: expect.stringContaining('is not a regular file') });
    expect(await fromFile(dir, '/dev/zero')).toMatchObject({ ok: false, message: expect.stringContaining('is not a regular file') });
    expect(await fromFile(dir, 'folder')).toMatchObject({ ok: false, message: expect.stringContaining('is a directory') });
  });

  it('fromFile caps a value at 1 MiB, the limit of a Kubernetes Secret', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'big'), Buffer.alloc(MAX_SECRET_BYTES + 1, 'a'));
    writeFileSync(join(dir, 'edge'), Buffer.alloc(MAX_SECRET_BYTES, 'a'));
    expect(await fromFile(dir, 'big')).toMatchObject({ ok: false, message: expect.stringContaining('over the 1048576-byte limit') });
    expect((await fromFile(dir, 'edge')).ok).toBe(true);
  });

  it('fromFile wants UTF-8 text on one line (one trailing newline allowed)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'latin1'), Buffer.from([0x73, 0xe9, 0x63]));
    writeFileSync(join(dir, 'two-lines'), 'first\nsecond\n');
    writeFileSync(join(dir, 'escape'), 'abc\u001b[2Jdef');
    writeFileSync(join(dir, 'crlf'), 'secret\r\n');
    writeFileSync(join(dir, 'unicode'), 'clé-sécrète\n');
    expect(await fromFile(dir, 'latin1')).toMatchObject({ ok: false, message: expect.stringContaining('is not UTF-8') });
    expect(await fromFile(dir, 'two-lines')).toMatchObject({ ok: false, message: expect.stringContaining('line break') });
    expect(await fromFile(dir, 'escape')).toMatchObject({ ok: false, message: expect.stringContaining('control character') });
    expect(await fromFile(dir, 'crlf')).toEqual({ ok: true, value: 'secret' });
    expect(await fromFile(dir, 'unicode')).toEqual({ ok: true, value: 'clé-sécrète' });
  });

  it('the Web UI client secret must survive being pasted unquoted into the UI config; the message never shows it', async () => {
    for (const secret of ['abc: def', 'abc #def', '{abc}', '*abc']) {
      const run = await runCli(['render', writeSpec(quickstart()), '--out', join(tempDir(), 'out')], { env: { TEMPORAL_UI_CLIENT_SECRET: secret } });
      expect(run.code, secret).toBe(1);
      expect(run.stderr, secret).toContain('the Web UI client secret');
      expect(run.stderr, secret).not.toContain(secret);
    }
    expect((await runCli(['render', writeSpec(quickstart()), '--stdout'], { env: { TEMPORAL_UI_CLIENT_SECRET: 'Abc-123_~.xyz' } })).code).toBe(0);
  });

  it('secrets.rolloutKey: read like a secret, at least 32 bytes, never written', async () => {
    const s = quickstart();
    s.secrets = { rolloutKey: { fromEnv: 'ROLLOUT_KEY' } };
    const short = await runCli(['render', writeSpec(s), '--out', join(tempDir(), 'out')], { env: { TEMPORAL_UI_CLIENT_SECRET: 'x', ROLLOUT_KEY: 'short' } });
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('shorter than 32 bytes');
    const key = 'r'.repeat(40) + 'canary-rollout-key';
    const out = join(tempDir(), 'out');
    const ok = await runCli(['render', writeSpec(s), '--out', out], { env: { TEMPORAL_UI_CLIENT_SECRET: 'x', ROLLOUT_KEY: key } });
    expect(ok.code, ok.stderr).toBe(0);
    const again = await runCli(['render', writeSpec(s), '--stdout', '--stdout-values'], { env: { TEMPORAL_UI_CLIENT_SECRET: 'x', ROLLOUT_KEY: key } });
    expect(again.stdout).not.toContain('canary-rollout-key');
    // With the key, rotating the Web UI secret rolls the Web UI pods and only them; without it, nothing rolls.
    const annotations = async (env: NodeJS.ProcessEnv, spec = s) => {
      const run = await runCli(['render', writeSpec(spec), '--stdout-values'], { env });
      const values = parseAllDocuments(run.stdout)[0]!.toJS();
      return { frontend: values.server.frontend.podAnnotations['checksum/temporal-auth'], web: values.web.podAnnotations['checksum/temporal-auth'] };
    };
    const before = await annotations({ TEMPORAL_UI_CLIENT_SECRET: 'x', ROLLOUT_KEY: key });
    const rotated = await annotations({ TEMPORAL_UI_CLIENT_SECRET: 'y', ROLLOUT_KEY: key });
    expect(rotated.frontend).toBe(before.frontend);
    expect(rotated.web).not.toBe(before.web);
    const keyless = quickstart();
    expect(await annotations({ TEMPORAL_UI_CLIENT_SECRET: 'y' }, keyless)).toEqual(await annotations({ TEMPORAL_UI_CLIENT_SECRET: 'x' }, keyless));
  });
});

describe('ExternalSecret template literals', () => {
  it('braces come out of Go text/template as written', () => {
    expect(goTemplateLiteral('api://temporal')).toBe('api://temporal');
    expect(goTemplateLiteral('{{ .client_secret }}')).toBe('{{ "{{" }} .client_secret {{ "}}" }}');
    expect(goTemplateLiteral('a}}b{{c')).toBe('a{{ "}}" }}b{{ "{{" }}c');
  });

  it('a client ID with {{ reaches the ExternalSecret escaped', async () => {
    const s = quickstart();
    s.clients.web.clientId = '{{.client_secret}}';
    s.secrets = { format: 'external-secret', externalSecret: { storeRef: { name: 'vault' }, remoteKey: 'temporal/auth' } };
    const run = await runCli(['render', writeSpec(s), '--stdout']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('client_id: \'{{ "{{" }}.client_secret{{ "}}" }}\'');
  });
});

describe('Web UI scopes', () => {
  it('a scope with a comma is refused where it is written (the UI joins scopes with commas)', async () => {
    const s = quickstart();
    s.clients.web.scopes = ['openid', 'groups,email'];
    const run = await runCli(['validate', writeSpec(s)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/:\d+:\d+ error schema clients\.web\.scopes\.1: /);
  });
});
