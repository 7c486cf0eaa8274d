// `temporal-auth diff` against a real kube-apiserver: release records written
// by the real helm binary (`helm upgrade --install -f values` of a small
// chart: Helm stores the user-supplied values as the release's config, which
// is what diff compares), the objects render writes applied with server-side
// apply, hand edits made through the API as `kubectl edit` makes them, and
// 401/403 answered by the API server's own authentication and RBAC.
//
// What a real server cannot be made to do (answer slowly, redirect, drip,
// flood, send control characters) stays on the imitation: test/diff.test.ts
// and test/hostile-network.test.ts.
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { defaultedNetworkPolicySpec } from '../../src/diff/compare-objects.js';
import { type CliRun, runCli } from '../helpers.js';
import { releaseSecret } from '../support/helm-release.js';
import { helm, KubeApiError, type KubeObject, serviceAccountWithRoles, TEST_CHART, testChartAt, uniqueName, writeTokenKubeconfig } from '../support/kube-cluster.js';
import { admin, applyAll, CANARY_SECRET, clone, deployWithHistory, diff, diffJson, ENV, helmRevision, kube, runs, type Stage, stageOkta, storedRevisions } from './fixtures.js';

/**
 * Applies every object render wrote, then edits the auth Secret by hand
 * through the API: each key of `changes` set to its value, or removed when undefined.
 */
async function applyWithSecret(stage: Stage, changes: Record<string, string | undefined>) {
  await applyAll(stage.manifests);
  await admin.edit({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'temporal-auth-secrets', namespace: stage.ns } }, (secret) => {
    const data: Record<string, string> = { ...secret.data };
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) delete data[key];
      else data[key] = Buffer.from(value).toString('base64');
    }
    return { ...secret, data };
  });
}

describe('diff against a live release (real helm, real API server)', () => {
  it('no drift: exit 0, and reads the deployed revision among superseded and failed ones', async () => {
    const stage = await stageOkta();
    await deployWithHistory(stage, stage.desired);
    expect(await storedRevisions(stage.ns)).toEqual([
      { name: 'sh.helm.release.v1.temporal.v1', status: 'superseded', version: 1 },
      { name: 'sh.helm.release.v1.temporal.v2', status: 'superseded', version: 2 },
      { name: 'sh.helm.release.v1.temporal.v3', status: 'deployed', version: 3 },
      { name: 'sh.helm.release.v1.temporal.v4', status: 'failed', version: 4 },
    ]);
    await applyAll(stage.manifests);
    const run = await diff(stage);
    expect(run.stderr).toBe('');
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain(`Release temporal in namespace ${stage.ns}: revision 3, chart 1.6.0 (${kube.server}, secret driver)`);
    expect(run.stdout).toContain('No drift.');
  });

  it('changed image tag', async () => {
    const stage = await stageOkta();
    const live = clone(stage.desired);
    live.server.image.tag = '1.30.0-auth.1';
    await helmRevision(stage, live);
    await applyAll(stage.manifests);
    const { run, report } = await diffJson(stage);
    expect(run.code).toBe(2);
    expect(report.changes).toEqual([{ path: 'server.image.tag', kind: 'changed', live: '1.30.0-auth.1', desired: '1.31.2-auth.1' }]);
  });

  it('missing env var, by name not position', async () => {
    const stage = await stageOkta();
    const live = clone(stage.desired);
    live.server.additionalEnv = live.server.additionalEnv.filter((e: any) => e.name !== 'TEMPORAL_AUTH_AUDIENCE').reverse();
    await helmRevision(stage, live);
    await applyAll(stage.manifests);
    const { run, report } = await diffJson(stage);
    expect(run.code).toBe(2);
    expect(report.changes.map((c: any) => [c.kind, c.path])).toEqual([['added', 'server.additionalEnv[TEMPORAL_AUTH_AUDIENCE]']]);
  });

  it("a stale or hand-edited auth env var is drift, its secret-looking value redacted; the user's own variables are not", async () => {
    const stage = await stageOkta();
    const live = clone(stage.desired);
    // A literal pasted over the Web UI's secretKeyRef, and a setting the spec does not have (no label).
    const secretEnv = live.web.additionalEnv.find((e: any) => e.name === 'TEMPORAL_AUTH_CLIENT_SECRET');
    delete secretEnv.valueFrom;
    secretEnv.value = 'canary-pasted-literal-77';
    live.web.additionalEnv.push({ name: 'TEMPORAL_AUTH_LABEL', value: 'Old login' });
    // Not temporal-auth's: a setting of the custom-auth server the spec has no key for, a log level, the UI's public path.
    live.server.additionalEnv.push({ name: 'TEMPORAL_AUTH_JWKS_REFRESH_INTERVAL', value: '5m' }, { name: 'LOG_LEVEL', value: 'info' });
    live.web.additionalEnv.push({ name: 'TEMPORAL_UI_PUBLIC_PATH', value: '/temporal' });
    await helmRevision(stage, live);
    await applyAll(stage.manifests);
    const { run, report } = await diffJson(stage);
    expect(run.code).toBe(2);
    expect(report.changes.map((c: any) => [c.kind, c.path])).toEqual([
      ['changed', 'web.additionalEnv[TEMPORAL_AUTH_CLIENT_SECRET]'],
      ['removed', 'web.additionalEnv[TEMPORAL_AUTH_LABEL]'],
    ]);
    expect(report.changes[0].live.value).toMatch(/^<redacted 24 chars sha256:[0-9a-f]{8}>$/);
    expect(run.stdout).not.toContain('canary-pasted-literal-77');
  });

  it('internal-frontend off', async () => {
    const stage = await stageOkta();
    const live = clone(stage.desired);
    live.server['internal-frontend'].enabled = false;
    await helmRevision(stage, live);
    await applyAll(stage.manifests);
    const { report } = await diffJson(stage);
    expect(report.changes).toEqual([{ path: 'server.internal-frontend.enabled', kind: 'changed', live: false, desired: true }]);
  });

  it('wrong chart key generation', async () => {
    const stage = await stageOkta();
    const live = clone(stage.desired);
    delete live.server['internal-frontend'];
    live.server.internalFrontend = { enabled: true };
    await helmRevision(stage, live);
    await applyAll(stage.manifests);
    const { run, report } = await diffJson(stage);
    expect(run.code).toBe(2);
    expect(report.changes.map((c: any) => [c.kind, c.path])).toEqual([
      ['added', 'server.internal-frontend.enabled'],
      ['removed', 'server.internalFrontend.enabled'],
    ]);
    expect(report.changes[1].note).toContain('reads server.internal-frontend');
  });

  it('a per-service env list without the auth variables is drift', async () => {
    const stage = await stageOkta();
    const live = clone(stage.desired);
    live.server.history = { additionalEnv: [{ name: 'GOMAXPROCS', value: '2' }] };
    await helmRevision(stage, live);
    await applyAll(stage.manifests);
    const { report } = await diffJson(stage);
    expect(report.changes.map((c: any) => c.path)).toContain('server.history.additionalEnv[TEMPORAL_AUTH_PROVIDER_URL]');
    expect(report.changes.every((c: any) => c.kind === 'added' && c.path.startsWith('server.history.'))).toBe(true);
  });

  it('Secret missing a key', async () => {
    const stage = await stageOkta();
    await helmRevision(stage, stage.desired);
    await applyWithSecret(stage, { audience: undefined });
    const { run, report } = await diffJson(stage);
    expect(run.code).toBe(2);
    expect(report.objects[0]).toMatchObject({ kind: 'Secret', name: 'temporal-auth-secrets', file: 'secrets.yaml' });
    expect(report.objects[0].keys).toContainEqual({ key: 'audience', state: 'missing' });
    expect(report.changes).toEqual([]);
  });

  it('Secret value differs, compared by hash and never shown', async () => {
    const stage = await stageOkta();
    await helmRevision(stage, stage.desired);
    await applyWithSecret(stage, { client_secret: 'canary-rotated-secret-55e1' });
    const run = await diff(stage);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('client_secret: DIFFERS');
    expect(run.stdout).toContain('issuer_url: ok');
    expect(run.stdout).not.toContain('canary-rotated-secret-55e1');
  });

  it('a Secret key whose local source is unavailable is reported as not checked', async () => {
    const stage = await stageOkta();
    await helmRevision(stage, stage.desired);
    await applyAll(stage.manifests);
    const run = await diff(stage, [], {});
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('client_secret: not checked (environment variable OKTA_WEB_CLIENT_SECRET is not set)');
  });

  it('the whole Secret missing (deleted)', async () => {
    const stage = await stageOkta();
    await helmRevision(stage, stage.desired);
    await applyAll(stage.manifests);
    await admin.delete({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'temporal-auth-secrets', namespace: stage.ns } });
    const { run, report } = await diffJson(stage);
    expect(run.code).toBe(2);
    expect(report.objects.filter((o: any) => !o.present).map((o: any) => o.name)).toEqual(['temporal-auth-secrets']);
    const text = await diff(stage);
    expect(text.stdout).toContain(`Secret temporal-auth-secrets in ${stage.ns} (secrets.yaml): MISSING`);
  });

  it('drift without --detailed-exitcode exits 0', async () => {
    const stage = await stageOkta();
    await helmRevision(stage, stage.desired);
    const run = await runCli(['diff', stage.spec, '--kubeconfig', kube.kubeconfig], { env: ENV });
    runs.push(run);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Drift:');
  });

  it('warns when the release runs another chart version', async () => {
    const stage = await stageOkta();
    await helmRevision(stage, stage.desired, { chart: testChartAt('1.5.0', stage.dir) });
    await applyAll(stage.manifests);
    const run = await diff(stage);
    expect(run.stdout).toContain('revision 1, chart 1.5.0');
    expect(run.stdout).toContain('warning: the release runs chart 1.5.0 but the spec targets 1.6.0');
  });

  it('reads the ConfigMap driver with HELM_DRIVER=configmap', async () => {
    const stage = await stageOkta();
    await helmRevision(stage, { server: { image: { tag: 'old' } } }, { driver: 'configmap' });
    await helmRevision(stage, stage.desired, { driver: 'configmap' });
    expect(await storedRevisions(stage.ns, 'temporal', 'configmaps')).toEqual([
      { name: 'sh.helm.release.v1.temporal.v1', status: 'superseded', version: 1 },
      { name: 'sh.helm.release.v1.temporal.v2', status: 'deployed', version: 2 },
    ]);
    expect(await storedRevisions(stage.ns)).toEqual([]);
    await applyAll(stage.manifests);
    const run = await diff(stage, [], { ...ENV, HELM_DRIVER: 'configmap' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('revision 2, chart 1.6.0');
    expect(run.stdout).toContain('configmap driver');
    // With the default driver the same release is not found: it has no Secrets.
    const secrets = await diff(stage);
    expect(secrets.code).toBe(3);
    expect(secrets.stderr).toContain(`release temporal not found in namespace ${stage.ns}: no Helm releases there`);
  });

  it('--release and -n override the spec', async () => {
    const stage = await stageOkta();
    const ops = await admin.createNamespace(`${stage.ns}-ops`);
    // The objects stay where render writes them, in the spec's namespace.
    await helmRevision(stage, stage.desired, { release: 'tmprl', namespace: ops });
    await applyAll(stage.manifests);
    const run = await diff(stage, ['--release', 'tmprl', '-n', ops]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`Release tmprl in namespace ${ops}`);
  });

  it('a live release carrying secret-looking keys shows none of their values, in text or JSON', async () => {
    const REDACTED = /^<redacted \d+ chars sha256:[0-9a-f]{8}>$/;
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
    const stage = await stageOkta();
    const live = clone(stage.desired);
    live.server.config = { authorization: { ...canaries, jwtKeyProvider: { keySourceURIs: ['https://keys.example/jwks'] } } };
    await helmRevision(stage, live);
    await applyAll(stage.manifests);
    const { run, report } = await diffJson(stage);
    const text = await diff(stage);
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

describe('diff sees every object render writes (applied through the API)', () => {
  it('after render and server-side apply of every file it names: each object in sync, exit 0', async () => {
    const stage = await stageOkta();
    // The fixture must hold every kind of object, or this test proves less than it says.
    expect(stage.manifests.map((o) => `${o.kind} ${o.metadata.name} in ${o.metadata.namespace}`)).toEqual([
      `NetworkPolicy temporal-internal-frontend in ${stage.ns}`,
      `ConfigMap temporal-auth-policy in ${stage.ns}`,
      `Secret temporal-auth-secrets in ${stage.ns}`,
      `ConfigMap temporal-web-auth-config in ${stage.ns}`,
      `Secret temporal-auth-worker-payroll-worker in ${stage.workersNs}`,
    ]);
    await helmRevision(stage, stage.desired);
    await applyAll(stage.manifests);
    const run = await diff(stage);
    expect(run.code, run.stdout).toBe(0);
    for (const line of [
      `Secret temporal-auth-secrets in ${stage.ns} (secrets.yaml): in sync`,
      `ConfigMap temporal-auth-policy in ${stage.ns} (policy-configmap.yaml): in sync`,
      `NetworkPolicy temporal-internal-frontend in ${stage.ns} (networkpolicy.yaml): in sync`,
      `ConfigMap temporal-web-auth-config in ${stage.ns} (web-ui-config.yaml): in sync`,
      // Read where render writes it: the worker's Secret from its own namespace (nowhere else has it).
      `Secret temporal-auth-worker-payroll-worker in ${stage.workersNs} (worker-secrets.yaml): in sync`,
      'TEMPORAL_AUTH_CLIENT_SECRET: ok',
    ]) {
      expect(run.stdout).toContain(line);
    }
  });

  type Edit = [string, (stage: Stage) => Promise<void>, (stage: Stage) => RegExp[]];
  const ref = (stage: Stage, kind: string, name: string, namespace = stage.ns) => ({
    apiVersion: kind === 'NetworkPolicy' ? 'networking.k8s.io/v1' : 'v1',
    kind,
    metadata: { name, namespace },
  });
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const edits: Edit[] = [
    [
      'a grant edited by hand in the policy ConfigMap',
      (stage) =>
        admin
          .edit(ref(stage, 'ConfigMap', 'temporal-auth-policy'), (o) => {
            const policy = JSON.parse(o.data['policy.json']);
            policy.groups['payroll-admins'].namespaces.payroll = 'read';
            return { ...o, data: { ...o.data, 'policy.json': JSON.stringify(policy) } };
          })
          .then(() => undefined),
      (stage) => [
        new RegExp(`ConfigMap temporal-auth-policy in ${esc(stage.ns)} \\(policy-configmap.yaml\\): DIFFERS`),
        /~ data\[policy.json\].groups.payroll-admins.namespaces.payroll: "read" -> "admin"/,
      ],
    ],
    [
      'the policy ConfigMap deleted',
      (stage) => admin.delete(ref(stage, 'ConfigMap', 'temporal-auth-policy')),
      (stage) => [new RegExp(`ConfigMap temporal-auth-policy in ${esc(stage.ns)} \\(policy-configmap.yaml\\): MISSING`)],
    ],
    [
      'a port of the NetworkPolicy edited',
      (stage) =>
        admin
          .edit(ref(stage, 'NetworkPolicy', 'temporal-internal-frontend'), (o) => {
            o.spec.ingress[0].ports = [{ protocol: 'TCP', port: 7236 }];
            return o;
          })
          .then(() => undefined),
      (stage) => [new RegExp(`NetworkPolicy temporal-internal-frontend in ${esc(stage.ns)} \\(networkpolicy.yaml\\): DIFFERS`), /\+ spec.ingress\[0\].ports\[1\]: \{"protocol":"TCP","port":7246\}/],
    ],
    [
      'the NetworkPolicy deleted',
      (stage) => admin.delete(ref(stage, 'NetworkPolicy', 'temporal-internal-frontend')),
      (stage) => [new RegExp(`NetworkPolicy temporal-internal-frontend in ${esc(stage.ns)} \\(networkpolicy.yaml\\): MISSING`)],
    ],
    [
      "a worker's client secret replaced",
      (stage) =>
        admin
          .edit(ref(stage, 'Secret', 'temporal-auth-worker-payroll-worker', stage.workersNs), (o) => ({
            ...o,
            data: { ...o.data, TEMPORAL_AUTH_CLIENT_SECRET: Buffer.from('canary-other-worker-secret').toString('base64') },
          }))
          .then(() => undefined),
      (stage) => [new RegExp(`Secret temporal-auth-worker-payroll-worker in ${esc(stage.workersNs)} \\(worker-secrets.yaml\\): DIFFERS`), /TEMPORAL_AUTH_CLIENT_SECRET: DIFFERS/],
    ],
    [
      'the Web UI config edited',
      (stage) => admin.edit(ref(stage, 'ConfigMap', 'temporal-web-auth-config'), (o) => ({ ...o, data: { 'base.yaml': 'auth:\n  maxSessionDuration: 999h\n' } })).then(() => undefined),
      (stage) => [new RegExp(`ConfigMap temporal-web-auth-config in ${esc(stage.ns)} \\(web-ui-config.yaml\\): DIFFERS`), /~ data\[base.yaml\]/],
    ],
  ];
  for (const [what, edit, expected] of edits) {
    it(`${what} through the API: exit 2, naming it`, async () => {
      const stage = await stageOkta();
      await helmRevision(stage, stage.desired);
      await applyAll(stage.manifests);
      await edit(stage);
      const run = await diff(stage);
      expect(run.code, run.stdout).toBe(2);
      for (const line of expected(stage)) expect(run.stdout).toMatch(line);
      expect(run.stdout).toMatch(/Drift: [1-9]\d* difference\(s\)/);
      expect(run.stdout).not.toContain('canary-other-worker-secret');
      // The fix diff names: apply the file again (`kubectl apply --server-side --force-conflicts`).
      await applyAll(stage.manifests);
      const fixed = await diff(stage);
      expect(fixed.code, fixed.stdout).toBe(0);
    });
  }

  it('after a hand edit, `kubectl apply --server-side` of the file without --force-conflicts is refused (409, the editor owns the field)', async () => {
    const stage = await stageOkta();
    await applyAll(stage.manifests);
    const policy = stage.manifests.find((o) => o.metadata.name === 'temporal-auth-policy')!;
    await admin.edit(policy, (o) => ({ ...o, data: { ...o.data, 'policy.json': '{}' } }));
    const refused = await admin.apply(policy, { force: false }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(KubeApiError);
    expect([(refused as KubeApiError).status, (refused as KubeApiError).message]).toEqual([409, 'Apply failed with 1 conflict: conflict with "kubectl-edit" using v1: .data.policy.json']);
  });

  it('diff defaults a NetworkPolicy spec as the API server stores it (protocol, policyTypes)', async () => {
    const ns = await admin.createNamespace(uniqueName('netpol'));
    const shapes: Record<string, unknown>[] = [
      { podSelector: {}, ingress: [{ ports: [{ port: 7236 }] }] },
      { podSelector: {}, ingress: [{ ports: [{ port: 7236 }] }], egress: [{}] },
      { podSelector: {}, policyTypes: ['Egress'] },
      { podSelector: { matchLabels: { a: 'b' } }, ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 'grpc' }, { port: 7000, endPort: 7010 }, { protocol: 'UDP', port: 53 }] }] },
      { podSelector: {}, ingress: [{}] },
    ];
    for (const [i, spec] of shapes.entries()) {
      const stored = await admin.apply({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `shape-${i}`, namespace: ns }, spec });
      expect(defaultedNetworkPolicySpec(spec), JSON.stringify(spec)).toEqual(stored.spec);
    }
  });

  it('403 on NetworkPolicies names the verb and resource (exit 3)', async () => {
    const stage = await stageOkta();
    await helmRevision(stage, stage.desired);
    await applyAll(stage.manifests);
    // Everything diff reads but the NetworkPolicy.
    const { kubeconfig } = await serviceAccountWithRoles(admin, kube.kubeconfig, {
      namespace: stage.ns,
      name: 'no-networkpolicies',
      file: join(stage.dir, 'sa.kubeconfig'),
      roles: [
        { namespace: stage.ns, rules: [{ apiGroups: [''], resources: ['secrets', 'configmaps'], verbs: ['get', 'list'] }] },
        { namespace: stage.workersNs, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] },
      ],
    });
    const run = await diff(stage, [], ENV, kubeconfig);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`403 Forbidden: not allowed to get networkpolicies.networking.k8s.io in namespace ${stage.ns}`);
    expect(run.stderr).toContain(
      `networkpolicies.networking.k8s.io "temporal-internal-frontend" is forbidden: User "system:serviceaccount:${stage.ns}:no-networkpolicies" cannot get resource "networkpolicies" in API group "networking.k8s.io" in the namespace "${stage.ns}"`,
    );
  });
});

describe('diff --values: your own values, as render takes them, and Helm merging them', () => {
  /** The user's values: a UI path of their own, their env and a CA volume. */
  const prod = {
    server: {
      additionalEnv: [{ name: 'SQL_TLS_CA', value: '/etc/db-ca/ca.crt' }],
      additionalVolumes: [{ name: 'db-ca', secret: { secretName: 'db-ca' } }],
      additionalVolumeMounts: [{ name: 'db-ca', mountPath: '/etc/db-ca', readOnly: true }],
    },
    web: { additionalEnv: [{ name: 'TEMPORAL_UI_PUBLIC_PATH', value: '/temporal' }] },
  };

  /**
   * The documented flow, with the real helm doing the merge:
   * render --values prod.yaml, then `helm upgrade -f prod.yaml -f out/values.auth.yaml`
   * (maps merged, the later file's lists replacing the earlier's).
   * `renderArgs` [] renders without --values (the lists written hold only temporal-auth's entries).
   */
  async function documentedFlow(stage: Stage, renderArgs?: string[]) {
    const out = join(stage.dir, 'out');
    const file = join(stage.dir, 'prod.yaml');
    writeFileSync(file, stringify(prod));
    const run = await runCli(['render', stage.spec, '--out', out, ...(renderArgs ?? ['--values', file])], { env: ENV });
    expect(run.code, run.stderr).toBe(0);
    const upgrade = await helm(['upgrade', '--install', 'temporal', TEST_CHART, '-n', stage.ns, '-f', file, '-f', join(out, 'values.auth.yaml')], {
      kubeconfig: kube.kubeconfig,
    });
    expect(upgrade.code, upgrade.stderr).toBe(0);
    await applyAll(stage.manifests);
    return { file };
  }

  it("after the documented flow, in sync (the user's own TEMPORAL_UI_PUBLIC_PATH is theirs, not drift)", async () => {
    const stage = await stageOkta();
    const { file } = await documentedFlow(stage);
    const values = await helm(['get', 'values', 'temporal', '-n', stage.ns, '-o', 'yaml'], { kubeconfig: kube.kubeconfig });
    expect(parse(values.stdout).web.additionalEnv).toContainEqual({ name: 'TEMPORAL_UI_PUBLIC_PATH', value: '/temporal' });
    const withValues = await diff(stage, ['--values', file]);
    expect(withValues.code, withValues.stdout).toBe(0);
    expect(withValues.stdout).toContain('Values: in sync');
    // Without --values too: the path is not an auth setting temporal-auth owns.
    const without = await diff(stage);
    expect(without.code, without.stdout).toBe(0);
  });

  it("entries of the user's file Helm dropped (rendered without --values: Helm replaced the lists) are drift with --values", async () => {
    const stage = await stageOkta();
    const { file } = await documentedFlow(stage, []);
    const run = await diff(stage, ['--values', file]);
    expect(run.code, run.stdout).toBe(2);
    expect(run.stdout).toContain('+ server.additionalVolumes[db-ca]');
    expect(run.stdout).toContain('+ server.additionalVolumeMounts[/etc/db-ca]');
    expect(run.stdout).toContain('+ server.additionalEnv[SQL_TLS_CA]');
    expect(run.stdout).toContain('+ web.additionalEnv[TEMPORAL_UI_PUBLIC_PATH]');
    // Without the user's values diff cannot know the entries were theirs.
    const without = await diff(stage);
    expect(without.code, without.stdout).toBe(0);
  });

  it('compares a `helm get values` file with --values as well', async () => {
    const stage = await stageOkta();
    const { file } = await documentedFlow(stage);
    const got = await helm(['get', 'values', 'temporal', '-n', stage.ns, '-o', 'yaml'], { kubeconfig: kube.kubeconfig });
    expect(got.code, got.stderr).toBe(0);
    const liveFile = join(stage.dir, 'live.yaml');
    writeFileSync(liveFile, got.stdout);
    const run = await runCli(['diff', stage.spec, '--values-file', liveFile, '--values', file, '--detailed-exitcode'], { env: ENV });
    runs.push(run);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('Objects: not checked');
  });
});

describe('diff when the cluster cannot be read: exit 3, one line', () => {
  const oneLine = (run: CliRun) => {
    expect(run.code, run.stdout + run.stderr).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\s+at /);
  };

  it('401 with a token the API server does not know', async () => {
    const stage = await stageOkta();
    const run = await diff(stage, [], ENV, writeTokenKubeconfig(kube.kubeconfig, 'wrong-token', join(stage.dir, 'wrong.kubeconfig')));
    oneLine(run);
    expect(run.stderr).toContain('401 Unauthorized');
    expect(run.stderr).toContain(`list secrets in namespace ${stage.ns}`);
  });

  it('403 names the verb and resource (a ServiceAccount with no Role)', async () => {
    const stage = await stageOkta();
    await helmRevision(stage, stage.desired);
    const { kubeconfig } = await serviceAccountWithRoles(admin, kube.kubeconfig, { namespace: stage.ns, name: 'nothing', roles: [], file: join(stage.dir, 'sa.kubeconfig') });
    const run = await diff(stage, [], ENV, kubeconfig);
    oneLine(run);
    expect(run.stderr).toContain(`403 Forbidden: not allowed to list secrets in namespace ${stage.ns}`);
    expect(run.stderr).toContain(`(secrets is forbidden: User "system:serviceaccount:${stage.ns}:nothing" cannot list resource "secrets" in API group "" in the namespace "${stage.ns}")`);
  });

  it('release missing lists the releases in the namespace', async () => {
    const stage = await stageOkta();
    await helmRevision(stage, stage.desired, { release: 'other' });
    await helmRevision(stage, stage.desired, { release: 'temporal-staging' });
    const run = await diff(stage);
    oneLine(run);
    expect(run.stderr).toContain(`release temporal not found in namespace ${stage.ns}; releases there: other, temporal-staging`);
  });

  it('release with no deployed revision (its only upgrade refused by the API server)', async () => {
    const stage = await stageOkta();
    const install = await helmRevision(stage, stage.desired, { args: ['--set', 'test.refusedByServer=true'], fails: true });
    expect(install.stderr).toContain('refused by the API server');
    expect(await storedRevisions(stage.ns)).toEqual([{ name: 'sh.helm.release.v1.temporal.v1', status: 'failed', version: 1 }]);
    const run = await diff(stage);
    oneLine(run);
    expect(run.stderr).toContain('has no deployed revision (newest: v1 failed)');
  });

  it("corrupt release data: a Secret with Helm's labels that is not a release, written through the API", async () => {
    const stage = await stageOkta();
    const secret = releaseSecret(
      { name: 'temporal', namespace: stage.ns, version: 3, status: 'deployed', chartVersion: '1.6.0', config: {} },
      Buffer.from('this is not gzip or json').toString('base64'),
    ) as unknown as KubeObject;
    await admin.apply(secret);
    const run = await diff(stage);
    oneLine(run);
    expect(run.stderr).toContain('release data in sh.helm.release.v1.temporal.v3 cannot be decoded (not JSON)');
  });
});

describe('diff picks the newest deployed revision', () => {
  const withTag = (stage: Stage, tag: string) => {
    const v = clone(stage.desired);
    v.server.image.tag = tag;
    return v;
  };

  it('two deployed revisions (9 and 10), a newer pending one and superseded ones: the newest deployed (10, not 9) is compared', { timeout: 180_000 }, async () => {
    const stage = await stageOkta();
    for (let v = 1; v <= 9; v++) await helmRevision(stage, withTag(stage, `from-v${v}-${v === 9 ? 'deployed' : 'superseded'}`));
    await helmRevision(stage, stage.desired);
    // Helm leaves two revisions labelled deployed when it cannot mark the old one superseded
    // (action.Upgrade only logs that failure); made here as that failure leaves it.
    await admin.edit({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sh.helm.release.v1.temporal.v9', namespace: stage.ns } }, (s) => ({
      ...s,
      metadata: { ...s.metadata, labels: { ...s.metadata.labels, status: 'deployed' } },
    }));
    // Revision 11 stays pending-upgrade: helm is killed while it waits for a Deployment no controller rolls out.
    let child: ChildProcess | undefined;
    writeFileSync(join(stage.dir, 'pending.yaml'), JSON.stringify(withTag(stage, 'from-v11-pending')));
    const pending = helm(['upgrade', 'temporal', TEST_CHART, '-n', stage.ns, '-f', join(stage.dir, 'pending.yaml'), '--set', 'test.neverReady=true', '--wait', '--timeout', '5m'], {
      kubeconfig: kube.kubeconfig,
      onSpawn: (c) => (child = c),
    });
    for (let i = 0; ; i++) {
      if ((await storedRevisions(stage.ns)).some((r) => r.version === 11)) break;
      if (i > 300) throw new Error('revision 11 never appeared');
      await new Promise((r) => setTimeout(r, 100));
    }
    child!.kill('SIGKILL');
    await pending;
    expect((await storedRevisions(stage.ns)).slice(-4)).toEqual([
      { name: 'sh.helm.release.v1.temporal.v8', status: 'superseded', version: 8 },
      { name: 'sh.helm.release.v1.temporal.v9', status: 'deployed', version: 9 },
      { name: 'sh.helm.release.v1.temporal.v10', status: 'deployed', version: 10 },
      { name: 'sh.helm.release.v1.temporal.v11', status: 'pending-upgrade', version: 11 },
    ]);
    await applyAll(stage.manifests);
    const { run, report } = await diffJson(stage);
    expect(run.code, run.stderr).toBe(0);
    expect(report.source.revision).toBe(10);
    expect(report.changes).toEqual([]);
    const text = await diff(stage);
    expect(text.stdout).toContain('revision 10, chart 1.6.0');
    expect(text.stdout).not.toContain('from-v');
  });
});

describe('secret canary', () => {
  it('no secret value appeared in any diff output', () => {
    expect(runs.length).toBeGreaterThan(10);
    for (const run of runs) {
      for (const canary of [CANARY_SECRET, 'canary-rotated-secret-55e1', 'canary-pasted-literal-77', 'canary-other-worker-secret']) {
        expect(run.stdout).not.toContain(canary);
        expect(run.stderr).not.toContain(canary);
      }
    }
  });
});
