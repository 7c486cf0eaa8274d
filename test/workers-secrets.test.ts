import { constants, createDecipheriv, generateKeyPairSync, privateDecrypt } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { InputError } from '../src/api/errors.js';
import { render } from '../src/api/render.js';
import { tomlString } from '../src/emit/worker-cli-profile.js';
import { WORKER_SECRET_KEYS } from '../src/secrets/keys.js';
import type { SecretResolver } from '../src/secrets/resolve.js';
import { exampleData, examplePath, quickstart, runCli, tempDir, writeSpec } from './helpers.js';

const WORKER_SECRET = 'canary-worker-a91f';
const WEB_SECRET = 'canary-web-77e0';
const KEYS = Object.values(WORKER_SECRET_KEYS);

/** Every env var from a map; a worker source (its name has WORKER) gets the worker canary. */
const resolver: SecretResolver = async (source) => ({ ok: true, value: 'fromEnv' in source && /WORKER/.test(source.fromEnv) ? WORKER_SECRET : WEB_SECRET });

function withWorker(extra: Record<string, unknown> = {}, issuer: Record<string, unknown> = { tokenUrl: 'https://auth.example.com/oauth/token', audience: 'api://temporal' }) {
  const s = quickstart();
  Object.assign(s.issuer, issuer);
  s.clients.workers = [
    { name: 'billing', clientId: 'billing-client', clientSecret: { fromEnv: 'BILLING_WORKER_SECRET' }, scopes: ['temporal.worker', 'extra'], grants: { default: 'write' }, ...extra },
  ];
  return s;
}

const decoded = (secret: { data: Record<string, string> }) => Object.fromEntries(Object.entries(secret.data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]));

describe('worker Secrets (plain)', () => {
  it('one Secret per worker with a client secret, in its namespace, each env name from its spec source', async () => {
    const result = await render({ data: withWorker() }, { secrets: resolver });
    const file = result.files.find((f) => f.name === 'worker-secrets.yaml')!;
    expect(file.mode).toBe(0o600);
    const [secret] = file.documents as { metadata: Record<string, unknown>; data: Record<string, string> }[];
    expect(secret!.metadata).toMatchObject({ name: 'temporal-auth-worker-billing', namespace: 'temporal' });
    // Meaning: each key comes from where the spec says.
    expect(decoded(secret!)).toEqual({
      TEMPORAL_AUTH_CLIENT_ID: 'billing-client', // clients.workers[0].clientId
      TEMPORAL_AUTH_CLIENT_SECRET: WORKER_SECRET, // clients.workers[0].clientSecret, read at render time
      TEMPORAL_AUTH_TOKEN_URL: 'https://auth.example.com/oauth/token', // issuer.tokenUrl
      TEMPORAL_AUTH_AUDIENCE: 'api://temporal', // issuer.audience
      TEMPORAL_AUTH_SCOPES: 'temporal.worker extra', // clients.workers[0].scopes, space-separated
    });
    expect(Object.keys(secret!.data)).toEqual(KEYS);
    for (const f of result.files.filter((f) => f.name !== 'worker-secrets.yaml' && f.name !== 'secrets.yaml')) {
      expect(f.content, f.name).not.toContain(WORKER_SECRET);
      expect(f.content, f.name).not.toContain(Buffer.from(WORKER_SECRET).toString('base64'));
    }
  });

  it('secret.name and secret.namespace place it; no audience or scopes: no such keys', async () => {
    const s = withWorker({ secret: { name: 'billing-creds', namespace: 'billing' }, scopes: undefined }, { tokenUrl: 'https://auth.example.com/oauth/token' });
    delete s.clients.workers[0].scopes;
    const result = await render({ data: s }, { secrets: resolver });
    const [secret] = result.files.find((f) => f.name === 'worker-secrets.yaml')!.documents as { metadata: Record<string, unknown>; data: Record<string, string> }[];
    expect(secret!.metadata).toMatchObject({ name: 'billing-creds', namespace: 'billing' });
    expect(Object.keys(secret!.data)).toEqual(['TEMPORAL_AUTH_CLIENT_ID', 'TEMPORAL_AUTH_CLIENT_SECRET', 'TEMPORAL_AUTH_TOKEN_URL']);
  });

  it('a worker without a client secret gets none; without issuer.tokenUrl none is written and render warns', async () => {
    const s = withWorker({}, {});
    s.clients.workers.push({ name: 'nosecret', clientId: 'n', grants: { default: 'write' } });
    const result = await render({ data: s }, { secrets: resolver });
    expect(result.files.map((f) => f.name)).not.toContain('worker-secrets.yaml');
    expect(result.findings.find((f) => f.rule === 'worker-token-url')).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining('billing has a clientSecret, but issuer.tokenUrl is not set'),
    });
    const withUrl = await render({ data: (() => ((s.issuer.tokenUrl = 'https://auth.example.com/t'), s))() }, { secrets: resolver });
    expect(withUrl.files.find((f) => f.name === 'worker-secrets.yaml')!.documents).toHaveLength(1);
  });

  it('worker-token-url is a lint rule: validate and render report it, the commands that never render do not', async () => {
    const spec = writeSpec(withWorker({}, {}));
    const line = /:\d+:\d+ warning worker-token-url issuer: worker client billing has a clientSecret, but issuer\.tokenUrl is not set.*, or render with --discover\n/;
    const validate = await runCli(['validate', spec]);
    expect(validate.code).toBe(0);
    expect(validate.stderr).toMatch(line);
    const rendered = await runCli(['render', spec, '--stdout', '--no-secrets']);
    expect(rendered.stderr).toMatch(line);
    const explain = await runCli(['explain', spec, '--client', 'billing']);
    expect(explain.code, explain.stderr).toBe(0);
    expect(explain.stderr).not.toContain('worker-token-url');
  });

  it('a missing worker secret source is a located error and nothing is written', async () => {
    const dir = tempDir();
    const spec = writeSpec(withWorker(), dir);
    const out = join(dir, 'out');
    const run = await runCli(['render', spec, '--out', out], { env: { TEMPORAL_UI_CLIENT_SECRET: WEB_SECRET } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /temporal-auth\.yaml:\d+:\d+ error secret-source clients\.workers\.0\.clientSecret\.fromEnv: .*BILLING_WORKER_SECRET is not set|error secret-source .*BILLING_WORKER_SECRET is not set/,
    );
    expect(run.stderr).toContain('nothing written');
    expect(existsSync(out)).toBe(false);
    const err = await render(
      { data: withWorker() },
      { secrets: async (source) => ('fromEnv' in source && source.fromEnv === 'BILLING_WORKER_SECRET' ? { ok: false, path: ['x'], message: 'gone' } : { ok: true, value: WEB_SECRET }) },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).findings[0]).toMatchObject({ rule: 'secret-source', line: expect.any(Number) });
  });

  it('the CLI writes it 0600, never prints it with --stdout, and the secret reaches no other output', async () => {
    const dir = tempDir();
    const spec = writeSpec(withWorker(), dir);
    const out = join(dir, 'out');
    const env = { TEMPORAL_UI_CLIENT_SECRET: WEB_SECRET, BILLING_WORKER_SECRET: WORKER_SECRET };
    const run = await runCli(['render', spec, '--out', out], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(statSync(join(out, 'worker-secrets.yaml')).mode & 0o777).toBe(0o600);
    expect(statSync(join(out, 'temporal-cli-profile.toml')).mode & 0o777).toBe(0o644);
    expect(run.stderr).toContain('envFrom: [{ secretRef: { name: temporal-auth-worker-billing } }]');
    expect(run.stderr).toContain(`kubectl apply -f ${out}/worker-secrets.yaml`);
    const printed = await runCli(['render', spec, '--stdout'], { env });
    expect(printed.code).toBe(0);
    expect(printed.stdout).not.toContain('kind: Secret');
    expect(printed.stderr).toContain('worker-secrets.yaml is not printed');
    expect(parseAllDocuments(printed.stdout).every((d) => d.errors.length === 0)).toBe(true);
    for (const r of [run, printed]) expect(r.stdout + r.stderr).not.toContain(WORKER_SECRET);
    const noSecrets = await runCli(['render', spec, '--out', join(dir, 'o2'), '--no-secrets']);
    expect(noSecrets.stderr).toContain('worker billing: Secret temporal-auth-worker-billing in temporal with keys TEMPORAL_AUTH_CLIENT_ID, TEMPORAL_AUTH_CLIENT_SECRET');
  });

  it('worker-secret-name: a worker Secret named like the server Secret in its namespace is refused', async () => {
    const err = await render({ data: withWorker({ secret: { name: 'temporal-auth-secrets' } }) }, { secrets: resolver }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).findings.map((f) => f.rule)).toContain('worker-secret-name');
  });
});

describe('worker Secrets in the other formats', () => {
  const EXTERNAL = { format: 'external-secret', externalSecret: { storeRef: { name: 'vault', kind: 'ClusterSecretStore' }, remoteKey: 'temporal/auth' } };

  it('external-secret: the client secret from the store, the rest as literals, no value read or written', async () => {
    const s = withWorker();
    s.secrets = EXTERNAL;
    s.clients.workers.push({
      name: 'ledger',
      clientId: 'ledger-{{x}}',
      clientSecret: { fromEnv: 'LEDGER_WORKER_SECRET' },
      grants: { default: 'write' },
      secret: { remoteKey: 'workers/ledger', property: 'secret' },
    });
    const read: string[] = [];
    const result = await render({ data: s }, { secrets: async (src) => (read.push(JSON.stringify(src)), { ok: true, value: WORKER_SECRET }) });
    expect(read).toEqual([]);
    const file = result.files.find((f) => f.name === 'worker-external-secrets.yaml')!;
    expect(file.mode).toBe(0o644);
    const docs = file.documents;
    expect(docs, file.content).toHaveLength(2);
    const [billing, ledger] = docs as { metadata: { name: string }; spec: { target: { name: string; template: { data: Record<string, string> } }; data: unknown[] } }[];
    expect(billing!.spec.target.name).toBe('temporal-auth-worker-billing');
    expect(billing!.spec.data).toEqual([{ secretKey: 'TEMPORAL_AUTH_CLIENT_SECRET', remoteRef: { key: 'temporal/auth', property: 'billing-client-secret' } }]);
    expect(billing!.spec.target.template.data).toEqual({
      TEMPORAL_AUTH_CLIENT_ID: 'billing-client',
      TEMPORAL_AUTH_TOKEN_URL: 'https://auth.example.com/oauth/token',
      TEMPORAL_AUTH_AUDIENCE: 'api://temporal',
      TEMPORAL_AUTH_SCOPES: 'temporal.worker extra',
    });
    expect(ledger!.spec.data).toEqual([{ secretKey: 'TEMPORAL_AUTH_CLIENT_SECRET', remoteRef: { key: 'workers/ledger', property: 'secret' } }]);
    // The operator runs the literals as Go templates: braces come out as written.
    expect(ledger!.spec.target.template.data.TEMPORAL_AUTH_CLIENT_ID).toBe('ledger-{{ "{{" }}x{{ "}}" }}');
  });

  it("sealed-secret: each value sealed for the worker Secret's own name and namespace", async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const s = withWorker({ secret: { namespace: 'billing' } });
    s.secrets = { format: 'sealed-secret' };
    const result = await render({ data: s }, { secrets: resolver, sealingCert: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
    const file = result.files.find((f) => f.name === 'worker-sealed-secrets.yaml')!;
    expect(file.mode).toBe(0o644);
    expect(file.content).not.toContain(WORKER_SECRET);
    const [sealed] = file.documents as { metadata: Record<string, unknown>; spec: { encryptedData: Record<string, string> } }[];
    expect(sealed!.metadata).toMatchObject({ name: 'temporal-auth-worker-billing', namespace: 'billing' });
    expect(Object.keys(sealed!.spec.encryptedData)).toEqual(KEYS);
    const data = Buffer.from(sealed!.spec.encryptedData.TEMPORAL_AUTH_CLIENT_SECRET!, 'base64');
    const rsaLength = data.readUInt16BE(0);
    const sessionKey = privateDecrypt(
      { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: Buffer.from('billing/temporal-auth-worker-billing') },
      data.subarray(2, 2 + rsaLength),
    );
    const body = data.subarray(2 + rsaLength);
    const decipher = createDecipheriv('aes-256-gcm', sessionKey, Buffer.alloc(12));
    decipher.setAuthTag(body.subarray(body.length - 16));
    expect(Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString()).toBe(WORKER_SECRET);
  });
});

describe('the temporal CLI profile', () => {
  it('parses back as TOML: one profile per worker client, address, namespace, TLS stated, no secret', async () => {
    const result = await render({ data: withWorker() }, { secrets: resolver });
    const file = result.files.find((f) => f.name === 'temporal-cli-profile.toml')!;
    expect(file.documents).toEqual([]);
    expect(parseToml(file.content)).toEqual({ profile: { billing: { address: 'temporal-frontend.temporal.svc:7233', namespace: 'default', tls: { disabled: true } } } });
    expect(file.content).not.toContain(WORKER_SECRET);
    expect(file.content).not.toMatch(/^api_key/m);
    expect(file.content).toContain('the CLI turns TLS on when an API key is set');
  });

  it('follows the release name, nameOverride, the frontend port and frontend TLS in --values', async () => {
    const s = withWorker();
    s.release = { name: 'prod', namespace: 'tp' };
    const dir = tempDir();
    const values = join(dir, 'values.yaml');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(values, 'server:\n  frontend: { service: { port: 7300 } }\n  config: { tls: { frontend: { server: { certFile: /c.pem, keyFile: /k.pem } } } }\n');
    const result = await render({ data: s }, { secrets: resolver, values: { file: values } });
    const profile = parseToml(result.files.find((f) => f.name === 'temporal-cli-profile.toml')!.content) as { profile: Record<string, { address: string; tls: { disabled: boolean } }> };
    expect(profile.profile.billing).toMatchObject({ address: 'prod-temporal-frontend.tp.svc:7300', tls: { disabled: false } });
  });

  it('tomlString escapes what TOML requires, and parses back to the same text', () => {
    for (const text of ['plain', 'q"uote', 'back\\slash', 'line\nbreak\ttab\r', '\u0000\u001f\u007f', 'ünïcødé ☃ 𝄞', "'single'"]) {
      expect((parseToml(`v = ${tomlString(text)}`) as { v: string }).v).toBe(text);
    }
    expect(() => tomlString('\ud800')).toThrow();
  });
});

describe('the examples declare worker Secrets', () => {
  it('okta and keycloak: the Secret their workers read, with the spec values', async () => {
    for (const [name, secretName, namespace, clientId] of [
      ['okta', 'temporal-auth-worker-payroll-worker', 'payroll-workers', '0oa-payroll'],
      ['keycloak', 'orders-worker-credentials', 'temporal', 'orders-worker'],
    ] as const) {
      const result = await render({ data: exampleData(name), file: examplePath(name) }, { secrets: async () => ({ ok: true, value: 'x' }) });
      const docs = result.files.find((f) => f.name === 'worker-secrets.yaml')!.documents as { metadata: Record<string, unknown>; data: Record<string, string> }[];
      expect(docs).toHaveLength(1);
      expect(docs[0]!.metadata, name).toMatchObject({ name: secretName, namespace });
      expect(decoded(docs[0]!).TEMPORAL_AUTH_CLIENT_ID).toBe(clientId);
      expect(decoded(docs[0]!).TEMPORAL_AUTH_TOKEN_URL).toBe(result.spec.model.issuer.tokenUrl);
    }
    expect(parse(readFileSync(examplePath('okta'), 'utf8')).clients.workers[0].scopes).toEqual(['temporal.worker']);
  });
});
