// `temporal-auth diff` without a real API server: what a real one cannot be
// made to do (answer slowly) on the imitation (support/kube-api.ts), what
// needs no server at all (an unreachable address, bad kubeconfig input,
// --values-file), and the pure parts (which revision counts, NetworkPolicy
// defaulting, redaction). Everything an API server answers (releases written
// by the real helm, objects applied and edited through the API, 401 and 403
// from authentication and RBAC, a corrupt release Secret) runs against a real
// kube-apiserver: test/kube-api/diff.test.ts (`npm run test:kube`).
import { copyFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { defaultedNetworkPolicySpec } from '../src/diff/compare-objects.js';
import { redact } from '../src/diff/redact.js';
import { buildReport } from '../src/diff/report.js';
import { emitValues } from '../src/emit/values.js';
import { latestDeployed, type StoredRevision } from '../src/live/helm-release.js';
import { type CliRun, examplePath, modelOf, runCli, tempDir } from './helpers.js';
import { releaseSecret } from './support/helm-release.js';
import { TestKubeApi } from './support/kube-api.js';

const CANARY_SECRET = 'canary-diff-client-secret-3f9a7c';
const WORKER_SECRET = 'canary-diff-worker-secret-8d21';
const ENV = { OKTA_WEB_CLIENT_SECRET: CANARY_SECRET, OKTA_PAYROLL_WORKER_CLIENT_SECRET: WORKER_SECRET };
const runs: CliRun[] = [];

let api: TestKubeApi;
let dir: string;
let spec: string;
let kubeconfig: string;
let desired: Record<string, any>;

beforeAll(async () => {
  api = await new TestKubeApi().start(120_000);
  desired = emitValues(await modelOf(examplePath('okta'))) as Record<string, any>;
  api.add(releaseSecret({ name: 'temporal', namespace: 'temporal', version: 3, status: 'deployed', chartVersion: '1.6.0', config: desired }));
});
afterAll(() => api.stop());

beforeEach(() => {
  dir = tempDir();
  spec = join(dir, 'okta.yaml');
  copyFileSync(examplePath('okta'), spec);
  kubeconfig = api.writeKubeconfig(dir);
  api.options = {};
});

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

async function diff(args: string[] = [], env: NodeJS.ProcessEnv = ENV) {
  const run = await runCli(['diff', spec, '--kubeconfig', kubeconfig, '--detailed-exitcode', ...args], { env });
  runs.push(run);
  return run;
}

const oneLine = (run: CliRun) => {
  expect(run.code).toBe(3);
  expect(run.stdout).toBe('');
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\s+at /);
};

describe('diff against a slow API server (the imitation: a real one cannot be slowed)', () => {
  it('shows a progress line on a terminal while the cluster is contacted, and clears it', async () => {
    api.options.delayMs = 150;
    const run = await runCli(['diff', spec, '--kubeconfig', kubeconfig], { env: ENV, stderrIsTTY: true });
    runs.push(run);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/\r\S reading release temporal in temporal/);
    expect(run.stderr.endsWith('\r')).toBe(true);
  });

  it('API too slow: the request times out', async () => {
    api.options.delayMs = 2_000;
    const started = Date.now();
    const run = await diff(['--timeout', '300ms']);
    oneLine(run);
    expect(run.stderr).toContain('did not answer within 0.3s');
    expect(Date.now() - started).toBeLessThan(1_900);
  });
});

describe('diff when no API server can answer', () => {
  it('API unreachable (connection refused): exit 3, one line', async () => {
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

describe('NetworkPolicy defaulting', () => {
  it('a NetworkPolicy is compared as the API server stores it: protocol TCP and policyTypes filled in', () => {
    // apis/networking/v1/defaults.go: SetDefaults_NetworkPolicyPort and SetDefaults_NetworkPolicy.
    const bare = { podSelector: {}, ingress: [{ ports: [{ port: 7236 }] }] };
    expect(defaultedNetworkPolicySpec(bare)).toEqual({ podSelector: {}, ingress: [{ ports: [{ port: 7236, protocol: 'TCP' }] }], policyTypes: ['Ingress'] });
    expect(defaultedNetworkPolicySpec({ ...bare, egress: [{}] }).policyTypes).toEqual(['Ingress', 'Egress']);
    expect(defaultedNetworkPolicySpec({ ...bare, policyTypes: ['Egress'] }).policyTypes).toEqual(['Egress']);
    expect(bare.ingress[0]!.ports[0]).toEqual({ port: 7236 }); // a copy: render's object is not changed
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
});

describe('secret canary', () => {
  it('no secret value appeared in any diff output', () => {
    expect(runs.length).toBeGreaterThan(3);
    for (const run of runs) {
      for (const canary of [CANARY_SECRET, WORKER_SECRET]) {
        expect(run.stdout).not.toContain(canary);
        expect(run.stderr).not.toContain(canary);
      }
    }
  });
});
