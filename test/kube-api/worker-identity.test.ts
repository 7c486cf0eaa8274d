// Workload identity through a real API server: examples/workload-identity.yaml
// rendered, then applied the way the render summary says. worker-identity.yaml
// by the summary's server-side apply (field manager temporal-auth) onto the
// worker's own Deployment, created first with its own containers and env, twice;
// cluster-issuer-rbac.yaml by the summary's kubectl line, after the cluster's
// default binding of system:service-account-issuer-discovery is deleted (a
// hardened cluster), so that only the rendered binding lets a service account
// of the release namespace read the cluster's JWKS. The commands run with the
// real kubectl when one is on PATH; without it, they are sent as kubectl sends
// them (server-side apply with the command's field manager, conflicts not
// forced) and the test says so. The README's token check (kubectl create
// token, then explain --token) runs the same way, with --verify against the
// JWKS this API server serves.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { WORKER_TOKEN_FILE } from '../../src/secrets/keys.js';
import { exampleData, runCli, writeSpec } from '../helpers.js';
import { helm, KubeClient, type KubeObject, TEST_CHART, uniqueName, writeTokenKubeconfig } from '../support/kube-cluster.js';
import { admin, kube } from './fixtures.js';

const ENV = { TEMPORAL_UI_CLIENT_SECRET: 'canary-wi-ui-5a1c', ORDERS_WORKER_CLIENT_SECRET: 'canary-wi-orders-77e0' };
const DEFAULT_BINDING = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'system:service-account-issuer-discovery' } };

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const haveKubectl = kubectl.status === 0;
if (!haveKubectl) process.stderr.write("SKIPPED: kubectl is not on PATH: the summary's kubectl commands are sent as kubectl sends them instead of run\n");

let dir: string;
let ns: string;
let workersNs: string;
let summary: string;
let files: Record<string, KubeObject[]>;
let issuer: string;

/** Runs one of the summary's kubectl lines in the render's folder, against the test cluster. */
async function runSummaryLine(line: string): Promise<void> {
  const words = line.trim().split(/\s+/);
  expect(words[0]).toBe('kubectl');
  if (haveKubectl) {
    const run = spawnSync('kubectl', words.slice(1), { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir, KUBECONFIG: kube.kubeconfig } });
    expect(run.status, `${line}\n${run.stdout}${run.stderr}`).toBe(0);
    return;
  }
  const file = words[words.indexOf('-f') + 1]!;
  const manager = words.find((w) => w.startsWith('--field-manager='))?.slice('--field-manager='.length);
  const docs = parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((d) => d.toJS() as KubeObject);
  // kubectl apply --server-side: force only with --force-conflicts; a client-side apply is a create or a patch (here: a create, then an apply that changes nothing).
  for (const doc of docs) await admin.apply(doc, { fieldManager: manager ?? 'kubectl-client-side-apply', force: words.includes('--force-conflicts') || !words.includes('--server-side') });
}

/** The summary's line that applies `name`. */
function summaryLine(name: string): string {
  const line = summary.split('\n').find((l) => /^\s+kubectl apply /.test(l) && l.includes(`out/${name}`));
  expect(line, `the summary has a kubectl line for ${name}:\n${summary}`).toBeDefined();
  return line!.replace(/\s+#.*$/, '');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'temporal-auth-kube-wi-'));
  ns = await admin.createNamespace(uniqueName('wi'));
  workersNs = await admin.createNamespace(`${ns}-billing`);
  const spec = exampleData('workload-identity');
  spec.release.namespace = ns;
  const billing = spec.clients.workers.find((w: { name: string }) => w.name === 'billing-worker');
  billing.serviceAccount.namespace = workersNs;
  // The issuer exactly as this cluster states it.
  issuer = (await admin.request('GET', '/.well-known/openid-configuration')).issuer;
  spec.cluster.issuer = issuer;
  const file = writeSpec(spec, dir, 'workload-identity.yaml');
  const run = await runCli(['render', file, '--out', 'out'], { env: ENV, cwd: dir });
  expect(run.code, run.stderr).toBe(0);
  summary = run.stderr;
  files = Object.fromEntries(['worker-identity.yaml', 'cluster-issuer-rbac.yaml'].map((f) => [f, parseAllDocuments(readFileSync(join(dir, 'out', f), 'utf8')).map((d) => d.toJS() as KubeObject)]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("worker-identity.yaml, by the summary's server-side apply onto the worker's own Deployment", () => {
  const deployment = () => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'billing-worker', namespace: workersNs } });

  it('keeps its containers, image and env, gains the service account, token volume, mount and env; a second apply changes nothing', async () => {
    // The worker's Deployment as its team created it: its own container, env and a sidecar.
    await admin.request('POST', `/apis/apps/v1/namespaces/${workersNs}/deployments?fieldManager=kubectl-create`, {
      ...deployment(),
      spec: {
        selector: { matchLabels: { app: 'billing-worker' } },
        template: {
          metadata: { labels: { app: 'billing-worker' } },
          spec: {
            containers: [
              { name: 'billing-worker', image: 'registry.acme.example/billing-worker:1.4.2', env: [{ name: 'TEMPORAL_TASK_QUEUE', value: 'billing' }] },
              { name: 'log-shipper', image: 'registry.acme.example/log-shipper:2.0' },
            ],
          },
        },
      },
    });
    const line = summaryLine('worker-identity.yaml');
    expect(line).toBe('  kubectl apply --server-side --field-manager=temporal-auth -f out/worker-identity.yaml');

    await runSummaryLine(line);
    const first = await admin.get(deployment());
    const pod = first.spec.template.spec;
    expect(pod.serviceAccountName).toBe('billing-worker');
    expect(pod.volumes).toEqual([
      { name: 'temporal-auth-token', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { audience: 'temporal.acme.example', expirationSeconds: 3600, path: 'token' } }] } },
    ]);
    const [worker, sidecar] = pod.containers;
    expect(worker).toMatchObject({
      name: 'billing-worker',
      image: 'registry.acme.example/billing-worker:1.4.2',
      env: [
        { name: 'TEMPORAL_TASK_QUEUE', value: 'billing' },
        { name: WORKER_TOKEN_FILE.env, value: WORKER_TOKEN_FILE.path },
      ],
      volumeMounts: [{ name: 'temporal-auth-token', mountPath: WORKER_TOKEN_FILE.dir, readOnly: true }],
    });
    expect(sidecar).toMatchObject({ name: 'log-shipper', image: 'registry.acme.example/log-shipper:2.0' });
    expect(sidecar.env).toBeUndefined();
    expect(sidecar.volumeMounts).toBeUndefined();
    // The token file is the projected volume's file, under the mount.
    expect(WORKER_TOKEN_FILE.path).toBe(`${WORKER_TOKEN_FILE.dir}/${pod.volumes[0].projected.sources[0].serviceAccountToken.path}`);
    // temporal-auth owns what it applied, the team's manager the rest.
    const managers = (first.metadata.managedFields as { manager: string; operation: string }[]).map((m) => `${m.manager}:${m.operation}`).sort();
    expect(managers).toEqual(['kubectl-create:Update', 'temporal-auth:Apply']);

    await runSummaryLine(line);
    const second = await admin.get(deployment());
    expect(second.metadata.generation).toBe(first.metadata.generation);
    expect(second.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
    expect(second.spec).toEqual(first.spec);

    // The ServiceAccount, in the worker's namespace, as written.
    const rendered = files['worker-identity.yaml']!.find((o) => o.kind === 'ServiceAccount')!;
    const account = await admin.get({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'billing-worker', namespace: workersNs } });
    expect(account?.metadata.labels).toEqual(rendered.metadata.labels);
  });
});

describe("cluster-issuer-rbac.yaml: the release namespace's service accounts may read the cluster's JWKS", () => {
  let saved: any;
  beforeAll(async () => {
    saved = await admin.get(DEFAULT_BINDING);
  });
  afterAll(async () => {
    // The cluster serves every other test: its default binding back as it was.
    if (saved && !(await admin.get(DEFAULT_BINDING))) {
      const { metadata, roleRef, subjects } = saved;
      await admin.request('POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
        ...DEFAULT_BINDING,
        metadata: { name: metadata.name, labels: metadata.labels, annotations: metadata.annotations },
        roleRef,
        subjects,
      });
    }
    expect((await admin.get(DEFAULT_BINDING))?.subjects).toEqual(saved?.subjects);
  });

  /**
   * GET path as a service account, with a token from the TokenRequest API, as
   * the server asks (Accept: the JWKS's own media type and JSON; the API server
   * refuses a bare application/json for /openid/v1/jwks with 406).
   */
  async function getAs(namespace: string, name: string, path: string): Promise<{ status: number; body?: any }> {
    await admin.apply({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } });
    const client = new KubeClient(writeTokenKubeconfig(kube.kubeconfig, await admin.serviceAccountToken(namespace, name), join(dir, `${namespace}-${name}.kubeconfig`)));
    const options: RequestOptions = { method: 'GET', headers: { accept: 'application/jwk-set+json, application/json' } };
    await client.kc.applyToHTTPSOptions(options);
    return new Promise((resolve, reject) => {
      const req = httpsRequest(new URL(path, client.server), options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          resolve({ status, body: status === 200 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined });
        });
      });
      req.setTimeout(30_000, () => req.destroy(new Error(`GET ${path}: no answer within 30s`)));
      req.on('error', reject);
      req.end();
    });
  }

  /** Polls until `path` answers `status` to the service account (RBAC's caches follow a change within moments). */
  async function until(status: number, namespace: string, name: string, path: string) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const got = await getAs(namespace, name, path);
      if (got.status === status || Date.now() > deadline) return got;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('403 once the default binding is gone; 200 from the rendered one, applied twice; still 403 outside the release namespace', async () => {
    expect(saved, 'the API server keeps the bootstrap binding').toBeDefined();
    expect(saved.roleRef.name).toBe('system:service-account-issuer-discovery');
    // By default every service account may read the issuer's documents.
    expect((await getAs(ns, 'temporal-server', '/openid/v1/jwks')).status).toBe(200);

    await admin.delete(DEFAULT_BINDING);
    for (const path of ['/openid/v1/jwks', '/.well-known/openid-configuration']) expect((await until(403, ns, 'temporal-server', path)).status, path).toBe(403);

    const line = summaryLine('cluster-issuer-rbac.yaml');
    expect(line).toBe('  kubectl apply -f out/cluster-issuer-rbac.yaml');
    await runSummaryLine(line);
    await runSummaryLine(line);
    const jwks = await until(200, ns, 'temporal-server', '/openid/v1/jwks');
    expect(jwks.status).toBe(200);
    expect(jwks.body.keys.length).toBeGreaterThan(0);
    expect((await until(200, ns, 'temporal-server', '/.well-known/openid-configuration')).body.issuer).toBe(issuer);
    // Bound to the release namespace's service accounts only: the worker's own gets nothing from it.
    expect((await getAs(workersNs, 'billing-worker', '/openid/v1/jwks')).status).toBe(403);

    const binding = files['cluster-issuer-rbac.yaml']![0]!;
    const stored = await admin.get(binding);
    expect({ roleRef: stored.roleRef, subjects: stored.subjects }).toEqual({ roleRef: binding.roleRef, subjects: binding.subjects });
    expect(stored.subjects).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: `system:serviceaccounts:${ns}` }]);
  });
});

describe("file mode: diff compares the policy ConfigMap's cluster-jwks.json with the JWKS file", () => {
  it('no drift once applied; drift on that key when the JWKS file changes (a rotation, saved again)', async () => {
    const fileDir = mkdtempSync(join(tmpdir(), 'temporal-auth-kube-wi-file-'));
    try {
      const release = await admin.createNamespace(uniqueName('wi-file'));
      const save = async () => writeFileSync(join(fileDir, 'cluster-jwks.json'), JSON.stringify(await jwksOf()));
      await save();
      const spec = exampleData('workload-identity');
      spec.release.namespace = release;
      spec.clients.workers = spec.clients.workers.filter((w: { serviceAccount?: unknown }) => w.serviceAccount);
      spec.cluster.issuer = issuer;
      spec.cluster.jwks = { source: 'file', file: 'cluster-jwks.json' };
      const specFile = writeSpec(spec, fileDir, 'spec.yaml');
      const run = await runCli(['render', specFile, '--out', 'out'], { env: ENV, cwd: fileDir });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).not.toContain('cluster-issuer-rbac.yaml');
      // The summary's kubectl lines for the release namespace: the Secret, the policy ConfigMap (with the JWKS), the NetworkPolicy.
      for (const f of ['secrets.yaml', 'policy-configmap.yaml', 'networkpolicy.yaml']) {
        for (const doc of parseAllDocuments(readFileSync(join(fileDir, 'out', f), 'utf8'))) await admin.apply(doc.toJS() as KubeObject);
      }
      const values = JSON.parse(JSON.stringify(parseAllDocuments(readFileSync(join(fileDir, 'out', 'values.auth.yaml'), 'utf8'))[0]!.toJS()));
      const installed = await helm(['upgrade', '--install', 'temporal', TEST_CHART, '-n', release, '-f', join(fileDir, 'out', 'values.auth.yaml')], { kubeconfig: kube.kubeconfig });
      expect(installed.code, installed.stderr).toBe(0);
      expect(values.server.additionalEnv.find((e: { name: string }) => e.name === 'TEMPORAL_AUTH_CLUSTER_JWKS_FILE')).toBeDefined();

      const same = await runCli(['diff', specFile, '--kubeconfig', kube.kubeconfig, '--detailed-exitcode', '-o', 'json'], { env: ENV });
      expect(same.code, same.stdout + same.stderr).toBe(0);
      const report = JSON.parse(same.stdout);
      expect(report.objects.find((o: { kind: string; file: string }) => o.kind === 'ConfigMap' && o.file === 'policy-configmap.yaml')).toMatchObject({ present: true, changes: [] });

      // A rotation, as the JWKS file sees it: another key (the API server's own keys cannot be rotated from here).
      const rotated = await jwksOf();
      rotated.keys = [{ ...rotated.keys[0], kid: 'rotated-key' }];
      writeFileSync(join(fileDir, 'cluster-jwks.json'), JSON.stringify(rotated));
      const drift = await runCli(['diff', specFile, '--kubeconfig', kube.kubeconfig, '--detailed-exitcode', '-o', 'json'], { env: ENV });
      expect(drift.code, drift.stderr).toBe(2);
      const changed = JSON.parse(drift.stdout).objects.find((o: { kind: string; file: string }) => o.kind === 'ConfigMap' && o.file === 'policy-configmap.yaml');
      expect(JSON.stringify(changed.changes)).toContain('cluster-jwks.json');
    } finally {
      rmSync(fileDir, { recursive: true, force: true });
    }
  });
});

describe("the README's token check: kubectl create token, then explain --token (a real service-account token)", () => {
  /** The README's `kubectl create token` line, run with the real kubectl when on PATH, else the TokenRequest it sends. */
  async function createToken(name: string, namespace: string, audience?: string): Promise<string> {
    if (haveKubectl) {
      const args = ['create', 'token', name, '-n', namespace, ...(audience ? ['--audience', audience] : [])];
      const run = spawnSync('kubectl', args, { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir, KUBECONFIG: kube.kubeconfig } });
      expect(run.status, run.stderr).toBe(0);
      return run.stdout.trim();
    }
    const answer = await admin.request('POST', `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`, {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: { audiences: audience ? [audience] : [], expirationSeconds: 3600 },
    });
    return answer.status.token;
  }

  it("the worker its token maps to and what it may call; verified against the JWKS the API server serves; the API server's own token refused", async () => {
    const checkDir = mkdtempSync(join(tmpdir(), 'temporal-auth-kube-wi-explain-'));
    try {
      await admin.apply({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'billing-worker', namespace: workersNs } });
      await admin.apply({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'someone-else', namespace: workersNs } });
      writeFileSync(join(checkDir, 'cluster-jwks.json'), JSON.stringify(await jwksOf()));
      const spec = exampleData('workload-identity');
      spec.release.namespace = ns;
      spec.clients.workers.find((w: { name: string }) => w.name === 'billing-worker').serviceAccount.namespace = workersNs;
      spec.cluster.issuer = issuer;
      spec.cluster.jwks = { source: 'file', file: 'cluster-jwks.json' };
      const specFile = writeSpec(spec, checkDir, 'workload-identity.yaml');
      const explain = (token: string, ...more: string[]) => runCli(['explain', specFile, '--token', token, '-n', 'billing', '--api', 'PollWorkflowTaskQueue', ...more], { env: ENV, cwd: checkDir });

      const token = await createToken('billing-worker', workersNs, spec.cluster.audience);
      for (const flags of [[], ['--verify']]) {
        const run = await explain(token, ...flags);
        expect(run.code, run.stdout + run.stderr).toBe(0);
        expect(run.stdout).toContain(`Worker: billing-worker (service account ${workersNs}/billing-worker)`);
        expect(run.stdout).toMatch(/ALLOW/);
        if (flags.length > 0) expect(run.stdout).toMatch(/Verified: yes/);
      }
      // Its grants and nothing more: another namespace is denied.
      const elsewhere = await runCli(['explain', specFile, '--token', token, '-n', 'orders', '--api', 'PollWorkflowTaskQueue', '--verify'], { env: ENV, cwd: checkDir });
      expect(elsewhere.code, elsewhere.stdout + elsewhere.stderr).toBe(2);

      // The pod's default token (the API server's audience) and another service account: no roles.
      const own = await explain(await createToken('billing-worker', workersNs), '--verify');
      expect(own.code, own.stdout + own.stderr).toBe(2);
      expect(own.stdout).toContain(`audience ${spec.cluster.audience}`);
      const other = await explain(await createToken('someone-else', workersNs, spec.cluster.audience), '--verify');
      expect(other.code, other.stdout + other.stderr).toBe(2);
      expect(other.stdout).toMatch(/Verified: yes/);
      expect(other.stdout).not.toContain('Worker: billing-worker');
    } finally {
      rmSync(checkDir, { recursive: true, force: true });
    }
  });
});

/** The cluster's JWKS, as `kubectl get --raw /openid/v1/jwks` saves it (read by the admin). */
async function jwksOf(): Promise<{ keys: Record<string, unknown>[] }> {
  const options: RequestOptions = { method: 'GET', headers: { accept: 'application/jwk-set+json, application/json' } };
  await admin.kc.applyToHTTPSOptions(options);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(new URL('/openid/v1/jwks', admin.server), options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))) : reject(new Error(`GET /openid/v1/jwks: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}
