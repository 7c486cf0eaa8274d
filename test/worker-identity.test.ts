// Workload identity's render side (src/emit/worker-identity.ts and what goes
// with it): for a worker with a service account, no Secret but its
// ServiceAccount and a partial Deployment for server-side apply, the RBAC
// that lets the server read the cluster's JWKS, the cluster env on the
// server, and in file mode the JWKS read as hostile input into the policy
// ConfigMap. Meaning, not bytes: the golden (test/golden/workload-identity)
// holds the bytes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { InputError } from '../src/api/errors.js';
import { render } from '../src/api/render.js';
import { envAndFileSecrets } from '../src/api/secrets.js';
import { emitWorkerIdentity, ISSUER_DISCOVERY_ROLE, TOKEN_VOLUME } from '../src/emit/worker-identity.js';
import { MAX_CLUSTER_JWKS_BYTES } from '../src/input/cluster-jwks.js';
import { WORKER_TOKEN_FILE } from '../src/secrets/keys.js';
import { exampleData, runCli, tempDir, writeSpec } from './helpers.js';

const ENV = { TEMPORAL_UI_CLIENT_SECRET: 'canary-ui-2b7e', ORDERS_WORKER_CLIENT_SECRET: 'canary-orders-0d4f' };
const secrets = envAndFileSecrets(ENV);

type Spec = Record<string, any>;

async function renderSpec(spec: Spec, dir = tempDir()) {
  const result = await render({ data: spec, file: join(dir, 'spec.yaml') }, { secrets });
  const file = (name: string) => result.files.find((f) => f.name === name);
  return { result, file, docs: (name: string) => (file(name)?.documents ?? []) as any[] };
}

/** The example with its cluster's keys in a file (file mode), written beside the spec. */
function fileMode(jwks: string | Buffer, dir = tempDir()): { spec: Spec; dir: string } {
  writeFileSync(join(dir, 'cluster-jwks.json'), jwks);
  const spec = exampleData('workload-identity');
  spec.cluster.jwks = { source: 'file', file: 'cluster-jwks.json' };
  return { spec, dir };
}

const RSA_KEY = { use: 'sig', kty: 'RSA', kid: 'k1', alg: 'RS256', n: 'xjlCRBqkOb0', e: 'AQAB' };
const EC_KEY = { use: 'sig', kty: 'EC', kid: 'k2', alg: 'ES256', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' };

describe('examples/workload-identity.yaml', () => {
  it('billing-worker (service account) gets no Secret and no CLI profile; orders-worker (OAuth) keeps both', async () => {
    const { result, docs, file } = await renderSpec(exampleData('workload-identity'));
    expect(result.spec.model.serviceAccountWorkers.map((w) => w.name)).toEqual(['billing-worker']);
    expect(docs('worker-secrets.yaml').map((s) => s.metadata.name)).toEqual(['temporal-auth-worker-orders-worker']);
    const profiles = file('temporal-cli-profile.toml')!.content;
    expect(profiles).toContain('[profile.orders-worker]');
    expect(profiles).not.toContain('billing-worker');
  });

  it("worker-identity.yaml: the worker's ServiceAccount, and a partial Deployment with exactly what server-side apply adds", async () => {
    const { docs } = await renderSpec(exampleData('workload-identity'));
    const [account, deployment, ...rest] = docs('worker-identity.yaml');
    expect(rest).toEqual([]);
    expect(account).toMatchObject({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'billing-worker', namespace: 'billing', labels: { 'temporal-auth/worker': 'billing-worker' } } });
    // Only name and namespace: the Deployment's own labels, selector and containers stay the team's.
    expect(deployment.metadata).toEqual({ name: 'billing-worker', namespace: 'billing' });
    expect(Object.keys(deployment.spec)).toEqual(['template']);
    expect(Object.keys(deployment.spec.template)).toEqual(['spec']);
    const pod = deployment.spec.template.spec;
    expect(pod.serviceAccountName).toBe(account.metadata.name);
    expect(pod.volumes).toEqual([
      { name: TOKEN_VOLUME, projected: { sources: [{ serviceAccountToken: { audience: 'temporal.acme.example', expirationSeconds: 3600, path: WORKER_TOKEN_FILE.name } }] } },
    ]);
    expect(pod.containers).toEqual([
      {
        name: 'billing-worker',
        env: [{ name: 'TEMPORAL_AUTH_TOKEN_FILE', value: WORKER_TOKEN_FILE.path }],
        volumeMounts: [{ name: TOKEN_VOLUME, mountPath: WORKER_TOKEN_FILE.dir, readOnly: true }],
      },
    ]);
    // The env names the file the volume projects, under the mount.
    expect(WORKER_TOKEN_FILE.path).toBe(`${pod.containers[0].volumeMounts[0].mountPath}/${pod.volumes[0].projected.sources[0].serviceAccountToken.path}`);
  });

  it('cluster-issuer-rbac.yaml binds the issuer-discovery ClusterRole to the release namespace service accounts, nothing more', async () => {
    const { docs } = await renderSpec(exampleData('workload-identity'));
    expect(docs('cluster-issuer-rbac.yaml')).toEqual([
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: {
          name: 'temporal-auth-issuer-discovery-temporal',
          labels: { 'app.kubernetes.io/managed-by': 'temporal-auth', 'app.kubernetes.io/instance': 'temporal', 'app.kubernetes.io/part-of': 'temporal' },
        },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: ISSUER_DISCOVERY_ROLE },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:serviceaccounts:temporal' }],
      },
    ]);
  });

  it('values.auth.yaml: the cluster issuer and audience on the server, every list that carries the env (no JWKS file in apiServer mode)', async () => {
    const { result } = await renderSpec(exampleData('workload-identity'));
    const env = (result.values.server as { additionalEnv: { name: string; value?: string }[] }).additionalEnv;
    expect(env.filter((e) => e.name.startsWith('TEMPORAL_AUTH_CLUSTER_'))).toEqual([
      { name: 'TEMPORAL_AUTH_CLUSTER_ISSUER', value: 'https://kubernetes.default.svc.cluster.local' },
      { name: 'TEMPORAL_AUTH_CLUSTER_AUDIENCE', value: 'temporal.acme.example' },
    ]);
  });
});

describe('when render writes which file', () => {
  it('service account defaults: the release namespace, and the worker name for Deployment and container; both may be named', async () => {
    const spec = exampleData('workload-identity');
    spec.clients.workers[1].serviceAccount = { name: 'sa' };
    spec.clients.workers.push({ name: 'ledger', serviceAccount: { name: 'ledger-sa', namespace: 'ledger', deployment: 'ledger-v2', container: 'main' }, grants: { billing: 'read' } });
    const { docs } = await renderSpec(spec);
    const objects = docs('worker-identity.yaml').map((o) => [o.kind, o.metadata.namespace, o.metadata.name, o.spec?.template.spec.containers[0].name]);
    expect(objects).toEqual([
      ['ServiceAccount', 'temporal', 'sa', undefined],
      ['Deployment', 'temporal', 'billing-worker', 'billing-worker'],
      ['ServiceAccount', 'ledger', 'ledger-sa', undefined],
      ['Deployment', 'ledger', 'ledger-v2', 'main'],
    ]);
    expect(docs('worker-identity.yaml')[3].spec.template.spec.serviceAccountName).toBe('ledger-sa');
  });

  it('a cluster without a service-account worker: the server env, but neither worker-identity.yaml nor the RBAC', async () => {
    const spec = exampleData('workload-identity');
    spec.clients.workers = spec.clients.workers.filter((w: Spec) => !w.serviceAccount);
    const { result, file } = await renderSpec(spec);
    expect(file('worker-identity.yaml')).toBeUndefined();
    expect(file('cluster-issuer-rbac.yaml')).toBeUndefined();
    expect(JSON.stringify(result.values)).toContain('TEMPORAL_AUTH_CLUSTER_ISSUER');
  });

  it('emitWorkerIdentity refuses a model without cluster (the rule cluster-required keeps such specs out)', () => {
    expect(() => emitWorkerIdentity({ cluster: undefined } as never, { name: 'w' } as never)).toThrow(/internal: worker w has a service account and the spec no cluster/);
  });
});

describe('file mode (cluster.jwks.source: file)', () => {
  it("writes the JWKS as cluster-jwks.json of the policy ConfigMap, TEMPORAL_AUTH_CLUSTER_JWKS_FILE pointing into the policy's mount; no RBAC", async () => {
    const { spec, dir } = fileMode(JSON.stringify({ keys: [RSA_KEY, EC_KEY] }));
    const { result, docs, file } = await renderSpec(spec, dir);
    const [cm] = docs('policy-configmap.yaml');
    expect(JSON.parse(cm.data['cluster-jwks.json'])).toEqual({ keys: [RSA_KEY, EC_KEY] });
    const server = result.values.server as { additionalEnv: { name: string; value?: string }[]; additionalVolumes: any[]; additionalVolumeMounts: any[] };
    const jwksFile = server.additionalEnv.find((e) => e.name === 'TEMPORAL_AUTH_CLUSTER_JWKS_FILE')?.value;
    const volume = server.additionalVolumes.find((v) => v.configMap?.name === cm.metadata.name);
    const mount = server.additionalVolumeMounts.find((m) => m.name === volume.name);
    expect(jwksFile).toBe(`${mount.mountPath}/cluster-jwks.json`);
    // The whole ConfigMap is mounted (no items, no subPath): every key is a file, and the kubelet updates them.
    expect(volume.configMap.items).toBeUndefined();
    expect(mount.subPath).toBeUndefined();
    expect(file('cluster-issuer-rbac.yaml')).toBeUndefined();
    expect(file('worker-identity.yaml')).toBeDefined();
  });

  it('a key with extra public members (x5c, key_ops) is kept as given; the output is the same for the same keys however the file is laid out', async () => {
    const key = { ...RSA_KEY, x5c: ['MIIC'], key_ops: ['verify'] };
    const compact = fileMode(JSON.stringify({ keys: [key] }));
    const a = await renderSpec(compact.spec, compact.dir);
    const laidOut = fileMode(`{\n  "keys": [\n    ${JSON.stringify(key, null, 4)}\n  ]\n}\n`);
    const b = await renderSpec(laidOut.spec, laidOut.dir);
    expect(b.file('policy-configmap.yaml')!.content).toBe(a.file('policy-configmap.yaml')!.content);
    expect(JSON.parse(b.docs('policy-configmap.yaml')[0].data['cluster-jwks.json']).keys[0]).toEqual(key);
  });

  /** Renders the file-mode example with `jwks` as the file, through the CLI: exit 1, one finding line, nothing written. */
  async function refused(jwks: string | Buffer | ((dir: string) => void)) {
    const dir = tempDir();
    const { spec } = typeof jwks === 'function' ? fileMode('{}', dir) : fileMode(jwks, dir);
    if (typeof jwks === 'function') jwks(dir);
    const specFile = writeSpec(spec, dir, 'spec.yaml');
    const run = await runCli(['render', specFile, '--out', 'out'], { env: ENV, cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    expect(existsSync(join(dir, 'out')), 'nothing written').toBe(false);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toBe('nothing written');
    expect(lines).toHaveLength(2);
    const api = await render({ file: specFile }, { secrets }).catch((e: unknown) => e);
    expect(api).toBeInstanceOf(InputError);
    expect((api as InputError).code).toBe('cluster-jwks-invalid');
    expect((api as InputError).findings).toHaveLength(1);
    return { line: lines[0]!, specFile, jwksFile: join(dir, 'cluster-jwks.json'), finding: (api as InputError).findings[0]! };
  }

  it('a file that cannot be read is located at cluster.jwks.file in the spec', async () => {
    const cases: [string, (dir: string) => void, RegExp][] = [
      ['missing', (d) => execFileSync('rm', [join(d, 'cluster-jwks.json')]), /does not exist; save it with `kubectl get --raw \/openid\/v1\/jwks > FILE`/],
      [
        'a directory',
        (d) => {
          execFileSync('rm', [join(d, 'cluster-jwks.json')]);
          mkdirSync(join(d, 'cluster-jwks.json'));
        },
        /is a directory; point cluster.jwks.file at the JWKS file/,
      ],
      // A FIFO would block a plain read forever: it is refused on its open handle.
      [
        'a FIFO',
        (d) => {
          execFileSync('rm', [join(d, 'cluster-jwks.json')]);
          execFileSync('mkfifo', [join(d, 'cluster-jwks.json')]);
        },
        /is not a regular file \(a pipe, socket or device\)/,
      ],
      ['too large', (d) => writeFileSync(join(d, 'cluster-jwks.json'), `{"keys":[],"pad":"${'x'.repeat(MAX_CLUSTER_JWKS_BYTES)}"}`), /over the 65536-byte limit/],
      ['not UTF-8', (d) => writeFileSync(join(d, 'cluster-jwks.json'), Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), /is not UTF-8 text; a JWKS is JSON/],
    ];
    for (const [what, make, message] of cases) {
      const { line, specFile, finding } = await refused(make);
      expect(finding.file, what).toBe(specFile);
      expect(line, what).toMatch(new RegExp(`^${specFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+ error cluster-jwks the cluster's JWKS file `));
      expect(line, what).toMatch(message);
      // cluster.jwks.file's value in the spec (written by writeSpec: `file: cluster-jwks.json`).
      const lc = new LineCounter();
      const doc = parseDocument(readFileSync(specFile, 'utf8'), { lineCounter: lc });
      const node = (doc.getIn(['cluster', 'jwks', 'file'], true) as { range: [number] }).range[0];
      expect([finding.line, finding.col], what).toEqual([lc.linePos(node).line, lc.linePos(node).col]);
    }
  });

  it('a bad JWKS is located in the JWKS file itself, at the offending member', async () => {
    const cases: [string, string, [number, number], RegExp][] = [
      ['not JSON', '{\n  "keys": [\n    { "kty": "RSA", }\n  ]\n}\n', [3, 21], /is not JSON \(Expected double-quoted property name\); save the cluster's JWKS/],
      ['YAML, not JSON', 'keys:\n  - kty: RSA\n', [1, 1], /is not JSON \(Unexpected token 'k'\); save/],
      ['cut short', '{"keys": [', [1, 11], /is not JSON \(Unexpected end of JSON input\)/],
      ['a repeated member', `{"keys": [{"kty": "RSA", "n": "a", "e": "AQAB", "n": "b"}]}`, [1, 49], /Map keys must be unique; write each member once/],
      ['no keys list', '{"keys": {"kty": "RSA"}}\n', [1, 10], /is not a JWKS \(an object with a `keys` list\)/],
      ['an array', '[]\n', [1, 1], /is not a JWKS/],
      ['nested thousands deep', `{"keys": ${'['.repeat(5000)}${']'.repeat(5000)}}`, [1, 1], /nests deeper than a JWKS does/],
      ['no key', '{"keys": []}\n', [1, 10], /holds no key/],
      ['a key that is no object', '{"keys": ["k"]}\n', [1, 11], /keys\[0\] is not a JWK/],
      [
        'a private RSA key',
        `{\n  "keys": [\n    ${JSON.stringify(RSA_KEY)},\n    ${JSON.stringify({ ...RSA_KEY, kid: 'k9', d: 'secret', p: 'x' })}\n  ]\n}\n`,
        [4, 84],
        /keys\[1\] holds the private member "d": this is a signing key, which must never leave the cluster/,
      ],
      ['a private EC key', JSON.stringify({ keys: [{ ...EC_KEY, d: 'secret' }] }), [1, 173], /keys\[0\] holds the private member "d"/],
      ['a symmetric key', JSON.stringify({ keys: [{ kty: 'oct', k: 'c2VjcmV0' }] }), [1, 23], /keys\[0\] holds the private member "k"/],
      ['an OKP key', JSON.stringify({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'abc' }] }), [1, 17], /keys\[0\]\.kty is "OKP"; a service-account issuer signs with RSA or EC keys/],
      ['no kty', JSON.stringify({ keys: [{ n: 'a', e: 'AQAB' }] }), [1, 10], /keys\[0\]\.kty is missing/],
      ['an RSA key without its modulus', JSON.stringify({ keys: [{ kty: 'RSA', e: 'AQAB' }] }), [1, 10], /keys\[0\] \(RSA\) has no "n"/],
    ];
    for (const [what, jwks, [line, col], message] of cases) {
      const { line: printed, jwksFile, finding } = await refused(jwks);
      expect({ file: finding.file, line: finding.line, col: finding.col, rule: finding.rule }, what).toEqual({ file: jwksFile, line, col, rule: 'cluster-jwks' });
      expect(printed, what).toBe(`${jwksFile}:${line}:${col} error cluster-jwks ${finding.message}`);
      expect(finding.message, what).toMatch(message);
      // The private values never reach the output.
      expect(printed, what).not.toContain('secret"');
    }
  });
});

describe('the render summary', () => {
  it('tells what to add to each worker Deployment, the server-side apply to run, and that the snippets read TEMPORAL_AUTH_TOKEN_FILE', async () => {
    const dir = tempDir();
    const specFile = writeSpec(exampleData('workload-identity'), dir, 'workload-identity.yaml');
    const run = await runCli(['render', specFile, '--out', 'out'], { env: ENV, cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const summary = run.stderr;
    expect(summary).toContain('  kubectl apply -f out/cluster-issuer-rbac.yaml   # cluster-scoped');
    // The RBAC comes before the upgrade (the server reads the JWKS when it starts), the workers' apply after it.
    expect(summary.indexOf('cluster-issuer-rbac.yaml   #')).toBeLessThan(summary.indexOf('helm '));
    const section = summary.slice(summary.indexOf('Workers with a service account'));
    expect(summary.indexOf('helm ')).toBeLessThan(summary.indexOf('Workers with a service account'));
    expect(section.split('\n').slice(0, 6)).toEqual([
      "Workers with a service account (no Secret): once the server runs the new values, add the token to each worker's existing Deployment with server-side apply (its pods roll):",
      '  kubectl apply --server-side --field-manager=temporal-auth -f out/worker-identity.yaml',
      '  billing-worker (namespace billing): ServiceAccount billing-worker; Deployment billing-worker, container billing-worker',
      `  Or add the same to your own manifests: serviceAccountName, a projected volume ${TOKEN_VOLUME} (serviceAccountToken: audience temporal.acme.example, expirationSeconds 3600, path ${WORKER_TOKEN_FILE.name}) mounted read-only at ${WORKER_TOKEN_FILE.dir}, and env ${WORKER_TOKEN_FILE.env}=${WORKER_TOKEN_FILE.path}.`,
      `  The worker snippets (\`temporal-auth token --client NAME\` prints them) read the token from the file ${WORKER_TOKEN_FILE.env} names, again as the kubelet rotates it.`,
      '',
    ]);
    // The OAuth worker keeps its Secret line; the service-account worker has none.
    expect(summary).toContain('  orders-worker (namespace temporal): envFrom: [{ secretRef: { name: temporal-auth-worker-orders-worker } }]');
    expect(summary).not.toMatch(/billing-worker.*envFrom/);
  });

  it('without a service-account worker it says nothing of them', async () => {
    const spec = exampleData('workload-identity');
    spec.clients.workers = spec.clients.workers.filter((w: Spec) => !w.serviceAccount);
    const dir = tempDir();
    const run = await runCli(['render', writeSpec(spec, dir), '--out', 'out'], { env: ENV, cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('service account');
    expect(run.stderr).not.toContain('--server-side');
  });
});

describe('an OAuth worker after a service-account worker', () => {
  it("a secret-source error points at the OAuth worker's own clientSecret (its index in clients.workers, not among the OAuth workers)", async () => {
    const spec = exampleData('workload-identity');
    spec.clients.workers.reverse();
    const dir = tempDir();
    const specFile = writeSpec(spec, dir);
    const run = await runCli(['render', specFile, '--out', 'out'], { env: { TEMPORAL_UI_CLIENT_SECRET: 'x' }, cwd: dir });
    expect(run.code).toBe(1);
    const lc = new LineCounter();
    const doc = parseDocument(readFileSync(specFile, 'utf8'), { lineCounter: lc });
    const at = lc.linePos((doc.getIn(['clients', 'workers', 1, 'clientSecret', 'fromEnv'], true) as { range: [number] }).range[0]);
    expect(run.stderr.split('\n')[0]).toBe(`${specFile}:${at.line}:${at.col} error secret-source environment variable ORDERS_WORKER_CLIENT_SECRET is not set; export it, or render with --no-secrets`);
    // The token command's too.
    const token = await runCli(['token', specFile, '--client', 'orders-worker'], { env: {}, cwd: dir });
    expect(token.code).toBe(1);
    expect(token.stderr).toContain(`${specFile}:${at.line}:${at.col} error secret-source`);
  });
});
