import { copyFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { emitValues } from '../src/emit/values.js';
import { buildReport } from '../src/diff/report.js';
import { defaultedNetworkPolicySpec } from '../src/diff/compare-objects.js';
import { redact } from '../src/diff/redact.js';
import { latestDeployed, type StoredRevision } from '../src/live/helm-release.js';
import { examplePath, modelOf, runCli, tempDir, type CliRun } from './helpers.js';
import { releaseConfigMap, releaseSecret, type HelmReleaseFixture } from './support/helm-release.js';
import { TestKubeApi } from './support/kube-api.js';
import { renderedManifests } from './support/manifests.js';

const CANARY_SECRET = 'canary-diff-client-secret-3f9a7c';
const WORKER_SECRET = 'canary-diff-worker-secret-8d21';
const ENV = { OKTA_WEB_CLIENT_SECRET: CANARY_SECRET, OKTA_PAYROLL_WORKER_CLIENT_SECRET: WORKER_SECRET };
const runs: CliRun[] = [];

let api: TestKubeApi;
let dir: string;
let spec: string;
let kubeconfig: string;
let desired: Record<string, any>;
/** Every object render writes for examples/okta.yaml, as `kubectl apply` of the files the summary names puts them. */
let manifests: Record<string, any>[];

beforeAll(async () => {
  api = await new TestKubeApi().start(120_000);
  desired = emitValues(await modelOf(examplePath('okta'))) as Record<string, any>;
  manifests = await renderedManifests(examplePath('okta'), ENV);
});
afterAll(() => api.stop());

beforeEach(() => {
  dir = tempDir();
  spec = join(dir, 'okta.yaml');
  copyFileSync(examplePath('okta'), spec);
  kubeconfig = api.writeKubeconfig(dir);
  api.objects.length = 0;
  api.options = {};
});

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

function release(config: object, extra: Partial<HelmReleaseFixture> = {}): HelmReleaseFixture {
  return { name: 'temporal', namespace: 'temporal', version: 3, status: 'deployed', chartVersion: '1.6.0', config: config as Record<string, unknown>, ...extra };
}

/** Three revisions as Helm leaves them after a failed and a good upgrade; v3 is the deployed one. */
function deploy(config: object, extra: Partial<HelmReleaseFixture> = {}) {
  const broken = { server: { image: { repository: 'wrong/image', tag: 'bad' } } };
  api.add(
    releaseSecret(release(broken, { version: 1, status: 'superseded' })),
    releaseSecret(release(config, extra)),
    releaseSecret(release(broken, { version: 4, status: 'failed' })),
    releaseSecret(release(broken, { version: 2, status: 'superseded' })),
  );
}

/**
 * What the cluster holds after the documented flow: every object render
 * wrote (the auth Secret with `secret`'s keys), each passed through `edit`
 * (return undefined to leave it out), as a hand edit would change it.
 */
function applied(secret: Record<string, string> = GOOD_SECRET, edit: (o: Record<string, any>) => Record<string, any> | undefined = (o) => o) {
  return manifests
    .map((o) => (o.kind === 'Secret' && o.metadata.name === 'temporal-auth-secrets' ? authSecret(secret) : clone(o)))
    .map(edit)
    .filter((o): o is Record<string, any> => o !== undefined);
}

function authSecret(data: Record<string, string>) {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'temporal-auth-secrets', namespace: 'temporal', labels: {} },
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  };
}

const GOOD_SECRET = {
  issuer_url: 'https://acme.okta.com/oauth2/default',
  client_id: '0oa-web',
  client_secret: CANARY_SECRET,
  audience: 'api://temporal',
};

async function diff(args: string[] = [], env: NodeJS.ProcessEnv = ENV) {
  const run = await runCli(['diff', spec, '--kubeconfig', kubeconfig, '--detailed-exitcode', ...args], { env });
  runs.push(run);
  return run;
}

async function diffJson(args: string[] = []) {
  const run = await diff(['-o', 'json', ...args]);
  return { run, report: JSON.parse(run.stdout) };
}

describe('diff against a live release', () => {
  it('no drift: exit 0, and reads the deployed revision among superseded and failed ones', async () => {
    deploy(desired);
    api.add(...applied());
    const run = await diff();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('revision 3, chart 1.6.0');
    expect(run.stdout).toContain('No drift.');
    expect(api.requests.some((r) => r.includes('labelSelector=owner%3Dhelm%2Cname%3Dtemporal'))).toBe(true);
  });

  it('changed image tag', async () => {
    const live = clone(desired);
    live.server.image.tag = '1.30.0-auth.1';
    deploy(live);
    api.add(...applied());
    const { run, report } = await diffJson();
    expect(run.code).toBe(2);
    expect(report.changes).toEqual([{ path: 'server.image.tag', kind: 'changed', live: '1.30.0-auth.1', desired: '1.31.2-auth.1' }]);
  });

  it('missing env var, by name not position', async () => {
    const live = clone(desired);
    live.server.additionalEnv = live.server.additionalEnv.filter((e: any) => e.name !== 'TEMPORAL_AUTH_AUDIENCE').reverse();
    deploy(live);
    api.add(...applied());
    const { run, report } = await diffJson();
    expect(run.code).toBe(2);
    expect(report.changes.map((c: any) => [c.kind, c.path])).toEqual([['added', 'server.additionalEnv[TEMPORAL_AUTH_AUDIENCE]']]);
  });

  it('a stale or hand-edited auth env var is drift, its secret-looking value redacted; the user\'s own variables are not', async () => {
    const live = clone(desired);
    // A literal pasted over the Web UI's secretKeyRef, and a setting the spec does not have (no label).
    live.web.additionalEnv.find((e: any) => e.name === 'TEMPORAL_AUTH_CLIENT_SECRET').valueFrom = undefined;
    live.web.additionalEnv.find((e: any) => e.name === 'TEMPORAL_AUTH_CLIENT_SECRET').value = 'canary-pasted-literal-77';
    live.web.additionalEnv = live.web.additionalEnv.map((e: any) => JSON.parse(JSON.stringify(e)));
    live.web.additionalEnv.push({ name: 'TEMPORAL_AUTH_LABEL', value: 'Old login' });
    // Not temporal-auth's: a setting of the custom-auth server the spec has no key for, a log level, the UI's public path.
    live.server.additionalEnv.push({ name: 'TEMPORAL_AUTH_JWKS_REFRESH_INTERVAL', value: '5m' }, { name: 'LOG_LEVEL', value: 'info' });
    live.web.additionalEnv.push({ name: 'TEMPORAL_UI_PUBLIC_PATH', value: '/temporal' });
    deploy(live);
    api.add(...applied());
    const { run, report } = await diffJson();
    expect(run.code).toBe(2);
    expect(report.changes.map((c: any) => [c.kind, c.path])).toEqual([
      ['changed', 'web.additionalEnv[TEMPORAL_AUTH_CLIENT_SECRET]'],
      ['removed', 'web.additionalEnv[TEMPORAL_AUTH_LABEL]'],
    ]);
    expect(report.changes[0].live.value).toMatch(/^<redacted 24 chars sha256:[0-9a-f]{8}>$/);
    expect(run.stdout).not.toContain('canary-pasted-literal-77');
  });

  it('internal-frontend off', async () => {
    const live = clone(desired);
    live.server['internal-frontend'].enabled = false;
    deploy(live);
    api.add(...applied());
    const { report } = await diffJson();
    expect(report.changes).toEqual([{ path: 'server.internal-frontend.enabled', kind: 'changed', live: false, desired: true }]);
  });

  it('wrong chart key generation', async () => {
    const live = clone(desired);
    delete live.server['internal-frontend'];
    live.server.internalFrontend = { enabled: true };
    deploy(live);
    api.add(...applied());
    const { run, report } = await diffJson();
    expect(run.code).toBe(2);
    expect(report.changes.map((c: any) => [c.kind, c.path])).toEqual([
      ['added', 'server.internal-frontend.enabled'],
      ['removed', 'server.internalFrontend.enabled'],
    ]);
    expect(report.changes[1].note).toContain('reads server.internal-frontend');
  });

  it('a per-service env list without the auth variables is drift', async () => {
    const live = clone(desired);
    live.server.history = { additionalEnv: [{ name: 'GOMAXPROCS', value: '2' }] };
    deploy(live);
    api.add(...applied());
    const { report } = await diffJson();
    expect(report.changes.map((c: any) => c.path)).toContain('server.history.additionalEnv[TEMPORAL_AUTH_PROVIDER_URL]');
    expect(report.changes.every((c: any) => c.kind === 'added' && c.path.startsWith('server.history.'))).toBe(true);
  });

  it('Secret missing a key', async () => {
    deploy(desired);
    const { audience: _dropped, ...rest } = GOOD_SECRET;
    api.add(...applied(rest));
    const { run, report } = await diffJson();
    expect(run.code).toBe(2);
    expect(report.objects[0]).toMatchObject({ kind: 'Secret', name: 'temporal-auth-secrets', file: 'secrets.yaml' });
    expect(report.objects[0].keys).toContainEqual({ key: 'audience', state: 'missing' });
    expect(report.changes).toEqual([]);
  });

  it('Secret value differs, compared by hash and never shown', async () => {
    deploy(desired);
    api.add(...applied({ ...GOOD_SECRET, client_secret: 'canary-rotated-secret-55e1' }));
    const run = await diff();
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('client_secret: DIFFERS');
    expect(run.stdout).toContain('issuer_url: ok');
    expect(run.stdout).not.toContain('canary-rotated-secret-55e1');
  });

  it('a Secret key whose local source is unavailable is reported as not checked', async () => {
    deploy(desired);
    api.add(...applied());
    const run = await diff([], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('client_secret: not checked (environment variable OKTA_WEB_CLIENT_SECRET is not set)');
  });

  it('the whole Secret missing', async () => {
    deploy(desired);
    api.add(...applied(GOOD_SECRET, (o) => (o.metadata.name === 'temporal-auth-secrets' ? undefined : o)));
    const { run, report } = await diffJson();
    expect(run.code).toBe(2);
    expect(report.objects.filter((o: any) => !o.present).map((o: any) => o.name)).toEqual(['temporal-auth-secrets']);
    const text = await diff();
    expect(text.stdout).toContain('Secret temporal-auth-secrets in temporal (secrets.yaml): MISSING');
  });

  it('drift without --detailed-exitcode exits 0', async () => {
    deploy(desired);
    const run = await runCli(['diff', spec, '--kubeconfig', kubeconfig], { env: ENV });
    runs.push(run);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Drift:');
  });

  it('warns when the release runs another chart version', async () => {
    deploy(desired, { chartVersion: '1.5.0' });
    api.add(...applied());
    const run = await diff();
    expect(run.stdout).toContain('warning: the release runs chart 1.5.0 but the spec targets 1.6.0');
  });

  it('reads the ConfigMap driver with HELM_DRIVER=configmap', async () => {
    api.add(
      releaseConfigMap(release({ server: { image: { tag: 'old' } } }, { version: 1, status: 'superseded' })),
      releaseConfigMap(release(desired, { version: 2 })),
      ...applied(),
    );
    const run = await diff([], { ...ENV, HELM_DRIVER: 'configmap' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('configmap driver');
    expect(api.requests.some((r) => r.startsWith('GET /api/v1/namespaces/temporal/configmaps?'))).toBe(true);
  });

  it('shows a progress line on a terminal while the cluster is contacted, and clears it', async () => {
    deploy(desired);
    api.add(...applied());
    api.options.delayMs = 150;
    const run = await runCli(['diff', spec, '--kubeconfig', kubeconfig], { env: ENV, stderrIsTTY: true });
    runs.push(run);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/\r\S reading release temporal in temporal/);
    expect(run.stderr.endsWith('\r')).toBe(true);
  });

  it('--release and -n override the spec', async () => {
    // The objects stay where render writes them, in the spec's namespace.
    api.add(releaseSecret({ ...release(desired), name: 'tmprl', namespace: 'ops' }), ...applied());
    const run = await diff(['--release', 'tmprl', '-n', 'ops']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Release tmprl in namespace ops');
  });
});

describe('diff sees every object render writes', () => {
  const kinds = () => manifests.map((o) => `${o.kind} ${o.metadata.name} in ${o.metadata.namespace}`);

  it('after render and kubectl apply of every file it names: each object in sync, exit 0', async () => {
    // The fixture must hold every kind of object, or this test proves less than it says.
    expect(kinds()).toEqual([
      'NetworkPolicy temporal-internal-frontend in temporal',
      'ConfigMap temporal-auth-policy in temporal',
      'Secret temporal-auth-secrets in temporal',
      'ConfigMap temporal-web-auth-config in temporal',
      'Secret temporal-auth-worker-payroll-worker in payroll-workers',
    ]);
    deploy(desired);
    api.add(...applied());
    const run = await diff();
    expect(run.code, run.stdout).toBe(0);
    for (const line of [
      'Secret temporal-auth-secrets in temporal (secrets.yaml): in sync',
      'ConfigMap temporal-auth-policy in temporal (policy-configmap.yaml): in sync',
      'NetworkPolicy temporal-internal-frontend in temporal (networkpolicy.yaml): in sync',
      'ConfigMap temporal-web-auth-config in temporal (web-ui-config.yaml): in sync',
      'Secret temporal-auth-worker-payroll-worker in payroll-workers (worker-secrets.yaml): in sync',
      'TEMPORAL_AUTH_CLIENT_SECRET: ok',
    ]) {
      expect(run.stdout).toContain(line);
    }
    // Read where render writes them: the worker's Secret from its own namespace.
    expect(api.requests).toContain('GET /api/v1/namespaces/payroll-workers/secrets/temporal-auth-worker-payroll-worker');
    expect(api.requests).toContain('GET /apis/networking.k8s.io/v1/namespaces/temporal/networkpolicies/temporal-internal-frontend');
  });

  const edits: [string, (o: Record<string, any>) => Record<string, any> | undefined, RegExp[]][] = [
    [
      'a grant edited by hand in the policy ConfigMap',
      (o) => {
        if (o.metadata.name !== 'temporal-auth-policy') return o;
        const policy = JSON.parse(o.data['policy.json']);
        policy.groups['payroll-admins'].namespaces.payroll = 'read';
        return { ...o, data: { ...o.data, 'policy.json': JSON.stringify(policy) } };
      },
      [/ConfigMap temporal-auth-policy in temporal \(policy-configmap.yaml\): DIFFERS/, /~ data\[policy.json\].groups.payroll-admins.namespaces.payroll: "read" -> "admin"/],
    ],
    ['the policy ConfigMap never applied', (o) => (o.metadata.name === 'temporal-auth-policy' ? undefined : o), [/ConfigMap temporal-auth-policy in temporal \(policy-configmap.yaml\): MISSING/]],
    [
      'a port of the NetworkPolicy edited',
      (o) => (o.kind === 'NetworkPolicy' ? { ...o, spec: { ...o.spec, ingress: [{ ...o.spec.ingress[0], ports: [{ protocol: 'TCP', port: 7236 }] }, ...o.spec.ingress.slice(1)] } } : o),
      [/NetworkPolicy temporal-internal-frontend in temporal \(networkpolicy.yaml\): DIFFERS/, /\+ spec.ingress\[0\].ports\[1\]: \{"protocol":"TCP","port":7246\}/],
    ],
    ['the NetworkPolicy deleted', (o) => (o.kind === 'NetworkPolicy' ? undefined : o), [/NetworkPolicy temporal-internal-frontend in temporal \(networkpolicy.yaml\): MISSING/]],
    [
      "a worker's client secret replaced",
      (o) => (o.metadata.name === 'temporal-auth-worker-payroll-worker' ? { ...o, data: { ...o.data, TEMPORAL_AUTH_CLIENT_SECRET: Buffer.from('canary-other-worker-secret').toString('base64') } } : o),
      [/Secret temporal-auth-worker-payroll-worker in payroll-workers \(worker-secrets.yaml\): DIFFERS/, /TEMPORAL_AUTH_CLIENT_SECRET: DIFFERS/],
    ],
    [
      'the Web UI config edited',
      (o) => (o.metadata.name === 'temporal-web-auth-config' ? { ...o, data: { 'base.yaml': 'auth:\n  maxSessionDuration: 999h\n' } } : o),
      [/ConfigMap temporal-web-auth-config in temporal \(web-ui-config.yaml\): DIFFERS/, /~ data\[base.yaml\]/],
    ],
  ];
  for (const [what, edit, expected] of edits) {
    it(`${what}: exit 2, naming it`, async () => {
      deploy(desired);
      api.add(...applied(GOOD_SECRET, edit));
      const run = await diff();
      expect(run.code, run.stdout).toBe(2);
      for (const line of expected) expect(run.stdout).toMatch(line);
      expect(run.stdout).toMatch(/Drift: [1-9]\d* difference\(s\)/);
      expect(run.stdout).not.toContain('canary-other-worker-secret');
    });
  }

  it('a NetworkPolicy is compared as the API server stores it: protocol TCP and policyTypes filled in', () => {
    // apis/networking/v1/defaults.go: SetDefaults_NetworkPolicyPort and SetDefaults_NetworkPolicy.
    const bare = { podSelector: {}, ingress: [{ ports: [{ port: 7236 }] }] };
    expect(defaultedNetworkPolicySpec(bare)).toEqual({ podSelector: {}, ingress: [{ ports: [{ port: 7236, protocol: 'TCP' }] }], policyTypes: ['Ingress'] });
    expect(defaultedNetworkPolicySpec({ ...bare, egress: [{}] }).policyTypes).toEqual(['Ingress', 'Egress']);
    expect(defaultedNetworkPolicySpec({ ...bare, policyTypes: ['Egress'] }).policyTypes).toEqual(['Egress']);
    expect(bare.ingress[0]!.ports[0]).toEqual({ port: 7236 }); // a copy: render's object is not changed
  });

  it('403 on NetworkPolicies names the verb and resource (exit 3)', async () => {
    deploy(desired);
    api.add(...applied());
    api.options.forbid = 'networkpolicies';
    const run = await diff();
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('403 Forbidden: not allowed to get networkpolicies.networking.k8s.io in namespace temporal');
  });
});

describe('diff --values: your own values, as render takes them', () => {
  /** The user's values: a UI path of their own, their env and a CA volume. */
  const prod = {
    server: {
      additionalEnv: [{ name: 'SQL_TLS_CA', value: '/etc/db-ca/ca.crt' }],
      additionalVolumes: [{ name: 'db-ca', secret: { secretName: 'db-ca' } }],
      additionalVolumeMounts: [{ name: 'db-ca', mountPath: '/etc/db-ca', readOnly: true }],
    },
    web: { additionalEnv: [{ name: 'TEMPORAL_UI_PUBLIC_PATH', value: '/temporal' }] },
  };
  /** What Helm stores after `helm upgrade -f prod.yaml -f out/values.auth.yaml`: maps merged, the later lists. */
  const afterUpgrade = async () => {
    const out = join(dir, 'out');
    const file = join(dir, 'prod.yaml');
    writeFileSync(file, stringify(prod));
    const run = await runCli(['render', spec, '--out', out, '--values', file], { env: ENV });
    expect(run.code, run.stderr).toBe(0);
    const auth = (await import('yaml')).parse((await import('node:fs')).readFileSync(join(out, 'values.auth.yaml'), 'utf8'));
    return { file, live: { ...auth, server: { ...prod.server, ...auth.server }, web: { ...prod.web, ...auth.web } } };
  };

  it('after the documented flow, in sync (the user\'s own TEMPORAL_UI_PUBLIC_PATH is theirs, not drift)', async () => {
    const { file, live } = await afterUpgrade();
    expect(live.web.additionalEnv).toContainEqual({ name: 'TEMPORAL_UI_PUBLIC_PATH', value: '/temporal' });
    deploy(live);
    api.add(...applied());
    const withValues = await diff(['--values', file]);
    expect(withValues.code, withValues.stdout).toBe(0);
    expect(withValues.stdout).toContain('Values: in sync');
    // Without --values too: the path is not an auth setting temporal-auth owns.
    const without = await diff();
    expect(without.code, without.stdout).toBe(0);
  });

  it('an entry of the user\'s file missing from the release is drift with --values (Helm replaced the list)', async () => {
    const { file, live } = await afterUpgrade();
    live.server.additionalVolumes = live.server.additionalVolumes.filter((v: any) => v.name !== 'db-ca');
    deploy(live);
    api.add(...applied());
    const run = await diff(['--values', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('+ server.additionalVolumes[db-ca]');
    // Without the user's values diff cannot know the volume was theirs.
    expect((await diff()).code).toBe(0);
  });

  it('compares a `helm get values` file with --values as well', async () => {
    const { file, live } = await afterUpgrade();
    const liveFile = join(dir, 'live.yaml');
    writeFileSync(liveFile, stringify(live));
    const run = await runCli(['diff', spec, '--values-file', liveFile, '--values', file, '--detailed-exitcode'], { env: ENV });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('Objects: not checked');
  });
});

describe('diff when the cluster cannot be read: exit 3, one line', () => {
  const oneLine = (run: CliRun) => {
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\s+at /);
  };

  it('401 with a wrong token', async () => {
    deploy(desired);
    kubeconfig = api.writeKubeconfig(dir, 'wrong-token');
    const run = await diff();
    oneLine(run);
    expect(run.stderr).toContain('401 Unauthorized');
    expect(run.stderr).toContain('list secrets in namespace temporal');
  });

  it('403 names the verb and resource', async () => {
    deploy(desired);
    api.options.forbid = 'secrets';
    const run = await diff();
    oneLine(run);
    expect(run.stderr).toContain('403 Forbidden: not allowed to list secrets in namespace temporal');
  });

  it('API unreachable (connection refused)', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    kubeconfig = api.writeKubeconfig(dir, api.token, `https://127.0.0.1:${port}`);
    const run = await diff();
    oneLine(run);
    expect(run.stderr).toContain('ECONNREFUSED');
  });

  it('API too slow: the request times out', async () => {
    deploy(desired);
    api.options.delayMs = 2_000;
    const started = Date.now();
    const run = await diff(['--timeout', '300ms']);
    oneLine(run);
    expect(run.stderr).toContain('did not answer within 0.3s');
    expect(Date.now() - started).toBeLessThan(1_900);
  });

  it('release missing lists the releases in the namespace', async () => {
    api.add(releaseSecret({ ...release(desired), name: 'other' }), releaseSecret({ ...release(desired), name: 'temporal-staging' }));
    const run = await diff();
    oneLine(run);
    expect(run.stderr).toContain('release temporal not found in namespace temporal; releases there: other, temporal-staging');
  });

  it('release with no deployed revision', async () => {
    api.add(releaseSecret(release(desired, { status: 'failed' })));
    const run = await diff();
    oneLine(run);
    expect(run.stderr).toContain('has no deployed revision (newest: v3 failed)');
  });

  it('corrupt release data', async () => {
    api.add(releaseSecret(release(desired), Buffer.from('this is not gzip or json').toString('base64')));
    const run = await diff();
    oneLine(run);
    expect(run.stderr).toContain('release data in sh.helm.release.v1.temporal.v3 cannot be decoded (not JSON)');
  });

  it('an unknown kubeconfig context is bad input (exit 1)', async () => {
    const run = await diff(['--context', 'prod']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('context prod is not in the kubeconfig (contexts: test)');
  });

  it('an unsupported HELM_DRIVER is bad input (exit 1)', async () => {
    const run = await diff([], { HELM_DRIVER: 'sql' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('HELM_DRIVER=sql is not supported');
  });
});

describe('diff --values-file', () => {
  it('compares against `helm get values` output without a cluster', async () => {
    const live = clone(desired);
    live.server.image.tag = 'older';
    const file = join(dir, 'live.yaml');
    writeFileSync(file, stringify(live));
    const run = await runCli(['diff', spec, '--values-file', file, '--detailed-exitcode'], { env: ENV });
    runs.push(run);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('~ server.image.tag: "older" -> "1.31.2-auth.1"');
    expect(run.stdout).not.toContain('Secret');
  });

  it('a broken values file is a located error, exit 1', async () => {
    const file = join(dir, 'live.yaml');
    writeFileSync(file, 'server: [\n');
    const run = await runCli(['diff', spec, '--values-file', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/live\.yaml:\d+:\d+ error yaml /);
  });
});

describe('diff picks the newest deployed revision', () => {
  const withTag = (tag: string) => {
    const v = clone(desired);
    v.server.image.tag = tag;
    return v;
  };

  it('two deployed revisions, a newer pending one and superseded ones: the newest deployed (10, not 9) is compared', async () => {
    api.add(
      releaseSecret(release(withTag('from-v9-deployed'), { version: 9, status: 'deployed' })),
      releaseSecret(release(withTag('from-v11-pending'), { version: 11, status: 'pending-upgrade' })),
      releaseSecret(release(desired, { version: 10, status: 'deployed' })),
      releaseSecret(release(withTag('from-v8-superseded'), { version: 8, status: 'superseded' })),
      releaseSecret(release(withTag('from-v12-superseded'), { version: 12, status: 'superseded' })),
      ...applied(),
    );
    const { run, report } = await diffJson();
    expect(run.code, run.stderr).toBe(0);
    expect(report.source.revision).toBe(10);
    expect(report.changes).toEqual([]);
    const text = await diff();
    expect(text.stdout).toContain('revision 10, chart 1.6.0');
    expect(text.stdout).not.toContain('from-v');
  });

  it('the choice does not depend on the order the API lists them in', () => {
    const rev = (version: string, status: string): StoredRevision => ({ objectName: `v${version}`, labels: { name: 'temporal', owner: 'helm', status, version }, payload: '' });
    const all = [rev('9', 'deployed'), rev('10', 'deployed'), rev('11', 'pending-upgrade'), rev('12', 'superseded'), rev('2', 'deployed'), rev('x', 'deployed'), rev('13', 'failed')];
    for (let shift = 0; shift < all.length; shift++) {
      const rotated = [...all.slice(shift), ...all.slice(0, shift)];
      expect(latestDeployed(rotated)?.objectName).toBe('v10');
      expect(latestDeployed([...rotated].reverse())?.objectName).toBe('v10');
    }
    expect(latestDeployed([rev('11', 'pending-upgrade'), rev('12', 'superseded')])).toBeUndefined();
  });
});

describe('redaction of secret-looking keys', () => {
  const REDACTED = /^<redacted \d+ chars sha256:[0-9a-f]{8}>$/;

  it('secret, password, token, apiKey, api_key, credentials, privateKey (any case) are redacted; references to secrets are not', () => {
    for (const key of ['secret', 'password', 'token', 'apiKey', 'api_key', 'api-key', 'credentials', 'privateKey', 'clientSecret', 'PASSWORD', 'accessToken', 'passphrase', 'passwd']) {
      expect(redact('canary-value', key), key).toMatch(REDACTED);
    }
    for (const key of ['secretName', 'existingSecret', 'tokenRef', 'secretKeyRef', 'name', 'image', 'tag', 'key']) {
      expect(redact('plain-value', key), key).toBe('plain-value');
    }
  });

  it('numbers, lists and whole objects under a secret-looking key are redacted too', () => {
    expect(redact(123456, 'password')).toMatch(REDACTED);
    expect(redact(['a', 'b'], 'tokens')).toEqual([expect.stringMatching(REDACTED), expect.stringMatching(REDACTED)]);
    const creds = redact({ user: 'canary-user', pass: 'canary-pass', port: 5432 }, 'credentials') as Record<string, string>;
    expect(Object.values(creds).every((v) => REDACTED.test(v))).toBe(true);
    expect(redact({ name: 'DB_PASSWORD', value: 'canary-env' })).toEqual({ name: 'DB_PASSWORD', value: expect.stringMatching(REDACTED) });
    expect(redact({ name: 'LOG_LEVEL', value: 'info' })).toEqual({ name: 'LOG_LEVEL', value: 'info' });
    expect(redact({ replicas: 3, image: { tag: 'x' } }, 'server')).toEqual({ replicas: 3, image: { tag: 'x' } });
  });

  it('a change under a secret-looking key anywhere on its path is redacted', () => {
    const report = buildReport({
      source: { kind: 'file', path: 'x' },
      chart: { target: '1.6.0', mismatch: false },
      changes: [
        { path: 'server.credentials.user', kind: 'changed', live: 'canary-old-user', desired: 'canary-new-user' },
        { path: 'server.image.tag', kind: 'changed', live: 'a', desired: 'b' },
      ],
      objects: [],
    });
    expect(report.changes[0]).toMatchObject({ live: expect.stringMatching(REDACTED), desired: expect.stringMatching(REDACTED) });
    expect(report.changes[1]).toMatchObject({ live: 'a', desired: 'b' });
  });

  it('a live release carrying secret-looking keys shows none of their values, in text or JSON', async () => {
    const canaries = {
      secret: 'canary-r-secret',
      password: 'canary-r-password',
      token: 'canary-r-token',
      apiKey: 'canary-r-apikey',
      api_key: 'canary-r-api_key',
      credentials: { user: 'canary-r-user', pass: 'canary-r-pass' },
      privateKey: 'canary-r-privatekey',
      nested: { password: 987654321 },
    };
    const live = clone(desired);
    live.server.config = { authorization: { ...canaries, jwtKeyProvider: { keySourceURIs: ['https://keys.example/jwks'] } } };
    deploy(live);
    api.add(...applied());
    const { run, report } = await diffJson();
    const text = await diff();
    expect(run.code).toBe(2);
    expect(report.changes.map((c: any) => c.path)).toEqual(['server.config.authorization']);
    for (const out of [run.stdout, text.stdout]) {
      expect(out).toContain('https://keys.example/jwks');
      for (const leaked of ['canary-r-', '987654321']) expect(out).not.toContain(leaked);
    }
    const shown = report.changes[0].live;
    for (const key of ['secret', 'password', 'token', 'apiKey', 'api_key', 'privateKey']) expect(shown[key], key).toMatch(REDACTED);
    expect(shown.credentials.user).toMatch(REDACTED);
    expect(shown.nested.password).toMatch(REDACTED);
  });
});

describe('secret canary', () => {
  it('no secret value appeared in any diff output', () => {
    expect(runs.length).toBeGreaterThan(10);
    for (const run of runs) {
      for (const canary of [CANARY_SECRET, 'canary-rotated-secret-55e1', 'canary-pasted-literal-77']) {
        expect(run.stdout).not.toContain(canary);
        expect(run.stderr).not.toContain(canary);
      }
    }
  });
});
