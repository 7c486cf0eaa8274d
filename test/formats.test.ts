import { spawnSync } from 'node:child_process';
import { constants, createDecipheriv, type KeyObject, privateDecrypt } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { SUPPORTED_CHART_VERSIONS } from '../src/charts/index.js';
import { podChecksums } from '../src/emit/checksum.js';
import { emitNetworkPolicy } from '../src/emit/network-policy.js';
import { exampleData, examplePath, modelOf, quickstart, ROOT, runCli, tempDir, writeSpec } from './helpers.js';
import { crdValidator } from './support/crd-schema.js';
import { sealingCert } from './support/seal-cert.js';

const SECRET = 'canary-format-secret-6d2e';
const ENV = { TEMPORAL_UI_CLIENT_SECRET: SECRET };
const validateExternalSecret = crdValidator(join(ROOT, 'test/data/crds/externalsecrets.external-secrets.io.yaml'));
const validateSealedSecret = crdValidator(join(ROOT, 'test/data/crds/sealedsecrets.bitnami.com.yaml'));

function specWith(secrets: object) {
  const s = quickstart();
  s.issuer.audience = 'api://temporal';
  s.secrets = secrets;
  return s;
}

const EXTERNAL = { format: 'external-secret', externalSecret: { storeRef: { name: 'vault', kind: 'ClusterSecretStore' }, remoteKey: 'temporal/auth', refreshInterval: '15m' } };

async function render(spec: object, args: string[] = []) {
  const dir = tempDir();
  const file = writeSpec(spec, dir);
  const out = join(dir, 'out');
  const run = await runCli(['render', file, '--out', out, ...args], { env: ENV });
  const files = existsSync(out) ? Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')])) : {};
  return { run, files, out };
}

function everythingWritten(files: Record<string, string>) {
  return Object.values(files).join('\n');
}

describe('external-secret format', () => {
  it('writes an ExternalSecret valid against the CRD, making the same Secret, with no value on disk', async () => {
    const { run, files } = await render(specWith(EXTERNAL));
    expect(run.code, run.stderr).toBe(0);
    expect(Object.keys(files)).not.toContain('secrets.yaml');
    const es = parse(files['external-secret.yaml']!);
    expect(validateExternalSecret(es), JSON.stringify(validateExternalSecret.errors)).toBe(true);
    expect(es).toMatchObject({ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'temporal-auth-secrets', namespace: 'temporal' } });
    expect(es.spec.secretStoreRef).toEqual({ name: 'vault', kind: 'ClusterSecretStore' });
    expect(es.spec.refreshInterval).toBe('15m');
    expect(es.spec.target.name).toBe('temporal-auth-secrets');
    expect(es.spec.data).toEqual([{ secretKey: 'client_secret', remoteRef: { key: 'temporal/auth', property: 'client_secret' } }]);
    expect(es.spec.target.template.data).toEqual({ issuer_url: 'https://auth.example.com', client_id: 'temporal-ui', audience: 'api://temporal' });
    // Same keys as the plain Secret.
    const plain = parse((await render(specWith({}))).files['secrets.yaml']!);
    expect([...es.spec.data.map((d: any) => d.secretKey), ...Object.keys(es.spec.template?.data ?? es.spec.target.template.data)].sort()).toEqual(Object.keys(plain.data).sort());
    expect(everythingWritten(files)).not.toContain(SECRET);
  });

  it('maps keys to store properties when the spec says so', async () => {
    const spec = specWith({ ...EXTERNAL, externalSecret: { ...EXTERNAL.externalSecret, properties: { client_secret: 'ui-secret', client_id: 'ui-id' } } });
    const es = parse((await render(spec)).files['external-secret.yaml']!);
    expect(es.spec.data).toEqual([
      { secretKey: 'client_id', remoteRef: { key: 'temporal/auth', property: 'ui-id' } },
      { secretKey: 'client_secret', remoteRef: { key: 'temporal/auth', property: 'ui-secret' } },
    ]);
    expect(es.spec.target.template.data.client_id).toBeUndefined();
  });

  it('is deterministic', async () => {
    expect((await render(specWith(EXTERNAL))).files).toEqual((await render(specWith(EXTERNAL))).files);
  });

  it('--secrets-format external-secret without settings is a located error', async () => {
    const { run, files } = await render(quickstart(), ['--secrets-format', 'external-secret']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/temporal-auth\.yaml:\d+:\d+ error schema secrets: the external-secret format needs secrets\.externalSecret/);
    expect(files).toEqual({});
  });

  it('the schema requires the settings when the spec picks the format', async () => {
    const { run } = await render(specWith({ format: 'external-secret' }));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('missing required key "externalSecret"');
  });
});

describe('sealed-secret format', () => {
  let privateKey: KeyObject;
  let certFile: string;

  /** A controller's key pair and its certificate (test/support/seal-cert.ts); its folder removed after the suite. */
  async function selfSignedCert(): Promise<{ privateKey: KeyObject; certFile: string }> {
    const made = await sealingCert();
    certDirs.push(made.dir);
    return made;
  }
  const certDirs: string[] = [];

  beforeAll(async () => {
    ({ privateKey, certFile } = await selfSignedCert());
  });
  afterAll(() => {
    for (const d of certDirs) rmSync(d, { recursive: true, force: true });
  });

  /** kubeseal's decryption (what the controller does), to prove the format. */
  function unseal(b64: string, label: Buffer): string {
    const data = Buffer.from(b64, 'base64');
    const rsaLength = data.readUInt16BE(0);
    const sessionKey = privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: label }, data.subarray(2, 2 + rsaLength));
    const body = data.subarray(2 + rsaLength);
    const decipher = createDecipheriv('aes-256-gcm', sessionKey, Buffer.alloc(12));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
  }

  for (const [scope, label, annotation] of [
    ['strict', 'temporal/temporal-auth-secrets', undefined],
    ['namespace-wide', 'temporal', 'sealedsecrets.bitnami.com/namespace-wide'],
    ['cluster-wide', '', 'sealedsecrets.bitnami.com/cluster-wide'],
  ] as const) {
    it(`${scope}: decrypts with the controller's key and the ${scope} label; no plaintext on disk`, async () => {
      const { run, files } = await render(specWith({ format: 'sealed-secret', sealedSecret: { scope } }), ['--seal-cert', certFile]);
      expect(run.code, run.stderr).toBe(0);
      expect(Object.keys(files)).not.toContain('secrets.yaml');
      const sealed = parse(files['sealed-secret.yaml']!);
      expect(validateSealedSecret(sealed), JSON.stringify(validateSealedSecret.errors)).toBe(true);
      expect(sealed).toMatchObject({ apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'temporal-auth-secrets', namespace: 'temporal' } });
      expect(sealed.metadata.annotations?.[annotation ?? 'none']).toBe(annotation ? 'true' : undefined);
      const plain = Object.fromEntries(Object.entries(sealed.spec.encryptedData as Record<string, string>).map(([k, v]) => [k, unseal(v, Buffer.from(label))]));
      expect(plain).toEqual({ issuer_url: 'https://auth.example.com', client_id: 'temporal-ui', client_secret: SECRET, audience: 'api://temporal' });
      // The wrong label fails, so the scope is really bound.
      expect(() => unseal(sealed.spec.encryptedData.client_secret, Buffer.from('other/name'))).toThrow();
      expect(everythingWritten(files)).not.toContain(SECRET);
    });
  }

  it('without secrets.rolloutKey everything but the ciphertext is deterministic, and validate warns', async () => {
    const a = await render(specWith({ format: 'sealed-secret' }), ['--seal-cert', certFile]);
    const b = await render(specWith({ format: 'sealed-secret' }), ['--seal-cert', certFile]);
    const strip = (text: string) => text.replace(/^(\s+\w+: )[A-Za-z0-9+/=]{100,}$/gm, '$1<ciphertext>');
    expect(strip(a.files['sealed-secret.yaml']!)).toBe(strip(b.files['sealed-secret.yaml']!));
    expect(a.files['sealed-secret.yaml']).not.toBe(b.files['sealed-secret.yaml']);
    expect(a.files['values.auth.yaml']).toBe(b.files['values.auth.yaml']);
    expect(a.run.stderr).toMatch(/warning sealed-secret-churn .*set secrets\.rolloutKey/);
  });

  // The journey a GitOps repository takes: the shipped bin renders into the same --out on every
  // CI run. With a rollout key, an unchanged spec gives byte-identical files, SealedSecrets
  // included; a rotated secret changes exactly its own ciphertext; another controller key
  // reseals everything.
  it.each(['flat', 'folders'])('%s layout: with secrets.rolloutKey, a second render keeps every ciphertext; a changed value or controller key reseals', async (layout) => {
    const dir = tempDir();
    const spec = exampleData('okta');
    spec.secrets = { name: 'temporal-auth-secrets', format: 'sealed-secret', rolloutKey: { fromEnv: 'TEMPORAL_AUTH_ROLLOUT_KEY' } };
    spec.gitops = { layout };
    // Each file by its name, wherever the layout put it (folders: the SealedSecrets in manifests/).
    const filesIn = (out: string): [string, string][] =>
      readdirSync(out, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesIn(join(out, e.name)) : [[e.name, readFileSync(join(out, e.name), 'utf8')] as [string, string]]));
    const file = writeSpec(spec, dir);
    const env = {
      OKTA_WEB_CLIENT_SECRET: 'canary-okta-web-4c1f',
      OKTA_PAYROLL_WORKER_CLIENT_SECRET: 'canary-okta-payroll-9b7e',
      TEMPORAL_AUTH_ROLLOUT_KEY: '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    };
    const run = (extra: Record<string, string> = {}, cert = certFile) => {
      const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'temporal-auth.js'), 'render', file, '--out', 'out', '--seal-cert', cert], {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, ...env, ...extra },
      });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).not.toContain('sealed-secret-churn');
      if (layout === 'folders') expect(readdirSync(join(dir, 'out', 'manifests'))).toContain('sealed-secret.yaml');
      return Object.fromEntries(filesIn(join(dir, 'out')));
    };
    const first = run();
    const second = run();
    expect(Object.keys(second).sort()).toEqual(Object.keys(first).sort());
    for (const name of Object.keys(first)) expect(second[name], name).toBe(first[name]);
    const sealed = (files: Record<string, string>) => parse(files['sealed-secret.yaml']!);
    const workers = (files: Record<string, string>) => parse(files['worker-sealed-secrets.yaml']!);
    // The digests annotation names no value.
    expect(sealed(first).metadata.annotations['temporal-auth.io/sealed-digests']).toMatch(/^\{("\w+":"[0-9a-f]{64}",?)+\}$/);
    expect(everythingWritten(first)).not.toContain('canary-okta');

    // The web client's secret rotated: only client_secret is resealed, and it opens to the new value.
    const rotated = run({ OKTA_WEB_CLIENT_SECRET: 'canary-okta-web-rotated-55aa' });
    const [before, after] = [sealed(first).spec.encryptedData, sealed(rotated).spec.encryptedData];
    expect(after.client_secret).not.toBe(before.client_secret);
    expect(unseal(after.client_secret, Buffer.from('temporal/temporal-auth-secrets'))).toBe('canary-okta-web-rotated-55aa');
    for (const k of Object.keys(before).filter((k) => k !== 'client_secret')) expect(after[k], k).toBe(before[k]);
    expect(workers(rotated)).toEqual(workers(first));

    // Back to the old value: a fresh ciphertext (the file kept only the rotated one), which opens to it.
    const back = run();
    expect(sealed(back).spec.encryptedData.client_secret).not.toBe(before.client_secret);
    expect(unseal(sealed(back).spec.encryptedData.client_secret, Buffer.from('temporal/temporal-auth-secrets'))).toBe('canary-okta-web-4c1f');

    // Another controller key: every value resealed for it.
    const other = await selfSignedCert();
    const rekeyed = run({}, other.certFile);
    for (const [k, v] of Object.entries(sealed(rekeyed).spec.encryptedData as Record<string, string>)) {
      expect(v, k).not.toBe(sealed(back).spec.encryptedData[k]);
      expect(() => unseal(v, Buffer.from('temporal/temporal-auth-secrets'))).toThrow();
    }
    expect(workers(rekeyed).spec.encryptedData.TEMPORAL_AUTH_CLIENT_SECRET).not.toBe(workers(back).spec.encryptedData.TEMPORAL_AUTH_CLIENT_SECRET);
  });

  it('a tampered or foreign earlier file is ignored: its values are sealed afresh', async () => {
    const dir = tempDir();
    const spec = specWith({ format: 'sealed-secret', rolloutKey: { fromEnv: 'TEMPORAL_AUTH_ROLLOUT_KEY' } });
    const file = writeSpec(spec, dir);
    const env = { ...ENV, TEMPORAL_AUTH_ROLLOUT_KEY: 'f'.repeat(64) };
    const out = join(dir, 'out');
    const first = await runCli(['render', file, '--out', out, '--seal-cert', certFile], { env });
    expect(first.code, first.stderr).toBe(0);
    const text = readFileSync(join(out, 'sealed-secret.yaml'), 'utf8');
    const doc = parse(text);
    // client_secret's recorded digest replaced by client_id's: it no longer matches client_secret's value.
    // (A ciphertext edited under its own, unchanged digest is kept: without the controller's private key
    // the file cannot be checked further; it is the repository's own output.)
    const digests = JSON.parse(doc.metadata.annotations['temporal-auth.io/sealed-digests']);
    digests.client_secret = digests.client_id;
    doc.metadata.annotations['temporal-auth.io/sealed-digests'] = JSON.stringify(digests);
    doc.spec.encryptedData.client_id = 'AAAA';
    writeFileSync(join(out, 'sealed-secret.yaml'), stringify(doc));
    const second = await runCli(['render', file, '--out', out, '--seal-cert', certFile], { env });
    expect(second.code, second.stderr).toBe(0);
    const again = parse(readFileSync(join(out, 'sealed-secret.yaml'), 'utf8'));
    // client_secret's recorded digest is now wrong: resealed, and it opens to the secret.
    expect(unseal(again.spec.encryptedData.client_secret, Buffer.from('temporal/temporal-auth-secrets'))).toBe(SECRET);
    expect(again.spec.encryptedData.client_secret).not.toBe(doc.spec.encryptedData.client_secret);
    // Garbage in place of the file: a fresh render, no error.
    writeFileSync(join(out, 'sealed-secret.yaml'), '{{{ not yaml');
    const third = await runCli(['render', file, '--out', out, '--seal-cert', certFile], { env });
    expect(third.code, third.stderr).toBe(0);
    expect(unseal(parse(readFileSync(join(out, 'sealed-secret.yaml'), 'utf8')).spec.encryptedData.client_secret, Buffer.from('temporal/temporal-auth-secrets'))).toBe(SECRET);
  });

  it('needs --seal-cert, and says so in one line', async () => {
    const { run } = await render(specWith({ format: 'sealed-secret' }));
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('temporal-auth: the sealed-secret format needs --seal-cert FILE (kubeseal --fetch-cert > cert.pem), or --no-secrets');
  });

  it('a bad certificate is a one-line error', async () => {
    const bad = join(tempDir(), 'bad.pem');
    writeFileSync(bad, 'not a certificate');
    const { run } = await render(specWith({ format: 'sealed-secret' }), ['--seal-cert', bad]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is not an RSA certificate or public key (PEM)');
  });
});

describe('checksum pod annotations', () => {
  /** The Secret values render would read for this spec, with `secret` as the client secret. */
  const values = (s: any, secret = 'a') =>
    new Map([
      ['issuer_url', s.issuer.url],
      ['client_id', s.clients.web.clientId],
      ['client_secret', secret],
    ] as const);
  const ROLLOUT_KEY = 'k'.repeat(64);
  /** `rolloutKey: null` renders without secrets.rolloutKey. */
  const checksums = async (mutate: (s: any) => void, secret?: string, rolloutKey: string | null = ROLLOUT_KEY) => {
    const s = quickstart();
    mutate(s);
    return podChecksums(await modelOf(writeSpec(s)), values(s, secret) as never, rolloutKey ?? undefined);
  };

  it('rolls only the pods whose inputs changed (with a rollout key)', async () => {
    const base = await checksums(() => {});
    expect(await checksums(() => {})).toEqual(base);
    // A grant changes the policy, which the server reloads by itself: no pod rolls.
    const grant = await checksums((s) => s.namespaces.default.grants.push({ group: 'ops', role: 'read' }));
    expect(grant).toEqual(base);
    // The client secret only reaches the Web UI.
    const rotated = await checksums(() => {}, 'b');
    expect(rotated.frontend).toBe(base.frontend);
    expect(rotated.web).not.toBe(base.web);
    // The issuer reaches both the frontend (the ClaimMapper) and the Web UI.
    const issuer = await checksums((s) => (s.issuer.url = 'https://auth2.example.com'));
    expect(issuer.frontend).not.toBe(base.frontend);
    expect(issuer.web).not.toBe(base.web);
    // builtin mode: the server reads no temporal-auth Secret (the chart's checksum/config covers server.config).
    const builtin = await checksums((s) => {
      s.server = { authorization: { mode: 'builtin' } };
      s.issuer.jwksUri = 'https://auth.example.com/jwks';
    });
    expect(builtin.frontend).toBeUndefined();
    // A change that is not an input of either (the login button label) changes neither.
    const unrelated = await checksums((s) => (s.clients.web.label = 'Sign in'));
    expect(unrelated).toEqual(base);
  });

  it('cannot be used to test guesses at a secret without the rollout key', async () => {
    // An attacker holding values.auth.yaml knows everything but the secret and the key:
    // the unkeyed hash of each candidate secret must not reproduce the annotation.
    const { createHash } = await import('node:crypto');
    const secret = 'hunter2';
    const annotated = await checksums(() => {}, secret);
    const s = quickstart();
    const guess = (candidate: string) =>
      createHash('sha256')
        .update(
          JSON.stringify({
            web: [
              ['client_id', { literal: s.clients.web.clientId }],
              ['client_secret', { value: candidate }],
              ['issuer_url', { literal: s.issuer.url }],
            ],
          }),
        )
        .digest('hex');
    expect(guess(secret)).not.toBe(annotated.web);
    // Another key, another annotation: the key is what the annotation depends on.
    expect((await checksums(() => {}, secret, 'x'.repeat(64))).web).not.toBe(annotated.web);
    // Without a key, the value does not enter the digest at all: a rotation alone does not roll.
    const unkeyed = await checksums(() => {}, secret, null);
    expect(await checksums(() => {}, 'another-secret', null)).toEqual(unkeyed);
    expect(unkeyed.web).not.toBe(guess(secret));
  });

  it('with ExternalSecret, covers the store references', async () => {
    const a = await checksums((s) => (s.secrets = EXTERNAL));
    const b = await checksums((s) => (s.secrets = { ...EXTERNAL, externalSecret: { ...EXTERNAL.externalSecret, remoteKey: 'temporal/auth-v2' } }));
    expect(b.web).not.toBe(a.web);
    const spec = { ...quickstart(), secrets: EXTERNAL };
    const rotated = podChecksums(await modelOf(writeSpec(spec)), values(spec, 'z') as never, ROLLOUT_KEY);
    expect(rotated).toEqual(a); // the operator owns the value
  });

  it('lands on the frontend and Web UI pods in values.auth.yaml, on no other server pod', async () => {
    const { files } = await render(quickstart());
    const v = parse(files['values.auth.yaml']!);
    expect(v.server.frontend.podAnnotations['checksum/temporal-auth']).toMatch(/^[0-9a-f]{64}$/);
    expect(v.web.podAnnotations['checksum/temporal-auth']).toMatch(/^[0-9a-f]{64}$/);
    // server.podAnnotations would roll history, matching, worker and the internal frontend too.
    expect(v.server.podAnnotations).toBeUndefined();
    expect(Object.keys(v.server).filter((k) => v.server[k]?.podAnnotations)).toEqual(['frontend']);
  });
});

describe('NetworkPolicy for the internal frontend', () => {
  for (const version of ['0.74.0', '1.6.0']) {
    it(`selects the pods chart ${version} labels`, async () => {
      const model = await modelOf(examplePath('okta'), version);
      const np = emitNetworkPolicy(model);
      const labels = model.chart.podLabels;
      expect(np.spec.podSelector.matchLabels).toEqual({ [labels.name]: 'temporal', [labels.instance]: 'temporal', [labels.component]: 'internal-frontend' });
      const from = np.spec.ingress[0]!.from[0]!.podSelector;
      expect(from.matchLabels).toEqual({ 'app.kubernetes.io/name': 'temporal', 'app.kubernetes.io/instance': 'temporal' });
      expect(from.matchExpressions[0]!.values.sort()).toEqual(['admintools', 'database', 'frontend', 'history', 'internal-frontend', 'matching', 'worker']);
      expect(from.matchExpressions[0]!.values).not.toContain('web');
      expect(np.spec.ingress[0]!.ports.map((p) => p.port)).toEqual([7236, 7246, 6936]);
    });
  }

  it('follows nameOverride and port overrides from the user values', async () => {
    const model = await modelOf(examplePath('okta'));
    const np = emitNetworkPolicy(model, { nameOverride: 'tmprl', server: { 'internal-frontend': { service: { port: 17236 } } } });
    expect(np.spec.podSelector.matchLabels['app.kubernetes.io/name']).toBe('tmprl');
    expect(np.spec.ingress[0]!.ports[0]!.port).toBe(17236);
  });

  it('is not written when turned off or without the internal frontend', async () => {
    const s = quickstart();
    s.server.internalFrontend = { networkPolicy: false };
    expect(Object.keys((await render(s, ['--no-secrets'])).files)).not.toContain('networkpolicy.yaml');
  });

  it('every supported chart profile carries the internal frontend ports from its values', async () => {
    const { chartProfile } = await import('../src/charts/index.js');
    for (const v of SUPPORTED_CHART_VERSIONS) expect(chartProfile(v)!.internalFrontendPorts, v).toEqual({ grpc: 7236, membership: 6936, http: 7246 });
  });
});

describe('init', () => {
  for (const provider of ['okta', 'auth0', 'keycloak', 'entra', 'dex', 'pocket-id', 'google', 'generic']) {
    it(`${provider}: writes a spec that validates cleanly and renders`, async () => {
      const dir = tempDir();
      const file = join(dir, 'temporal-auth.yaml');
      const run = await runCli(['init', '--provider', provider, '--yes'], { cwd: dir });
      expect(run.code, run.stderr).toBe(0);
      const text = readFileSync(file, 'utf8');
      expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=.*schemas\/temporal-auth\.schema\.json$/);
      const schemaPath = text.split('\n')[0]!.replace(/^.*\$schema=/, '');
      expect(existsSync(join(dir, schemaPath))).toBe(true);
      const validate = await runCli(['validate', file]);
      expect(validate.stdout).toBe('');
      expect(validate.code).toBe(0);
      const rendered = await runCli(['render', file, '--out', join(dir, 'out'), '--no-secrets']);
      expect(rendered.code, rendered.stderr).toBe(0);
      expect(parse(text).issuer.provider).toBe(provider);
    });
  }

  it('asks when stdin is a terminal', async () => {
    const dir = tempDir();
    const run = await runCli(['init'], { cwd: dir, answers: ['keycloak', 'https://sso.acme.example/realms/acme', '0.74.0'] });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('Identity provider');
    const spec = parse(readFileSync(join(dir, 'temporal-auth.yaml'), 'utf8'));
    expect(spec.issuer).toMatchObject({ provider: 'keycloak', url: 'https://sso.acme.example/realms/acme' });
    expect(spec.chart.version).toBe('0.74.0');
  });

  it('refuses to overwrite without --force', async () => {
    const dir = tempDir();
    copyFileSync(examplePath('okta'), join(dir, 'temporal-auth.yaml'));
    const run = await runCli(['init', '--yes'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('exists; pass --force');
    expect(readFileSync(join(dir, 'temporal-auth.yaml'), 'utf8')).toBe(readFileSync(examplePath('okta'), 'utf8'));
    expect((await runCli(['init', '--yes', '--force'], { cwd: dir })).code).toBe(0);
  });

  it('an issuer with quotes or a hash stays one YAML string', async () => {
    const dir = tempDir();
    const run = await runCli(['init', '--yes', '--issuer', 'https://auth.example.com/a"b #c'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(parse(readFileSync(join(dir, 'temporal-auth.yaml'), 'utf8')).issuer.url).toBe('https://auth.example.com/a"b #c');
  });
});
