// The library, through its public entry point only (src/index.ts, which
// package.json exports as `temporal-auth`).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as lib from '../src/index.js';
import {
  type AuthSpec,
  accessMatrix,
  ClusterReadError,
  checkIssuer,
  diff,
  envAndFileSecrets,
  explain,
  InputError,
  IssuerError,
  loadSpec,
  render,
  type SecretResolver,
  SNIPPET_LANGUAGES,
  starterSpec,
  TemporalAuthError,
  validate,
  WORKER_SECRET_KEYS,
  workerSnippet,
  workerToken,
} from '../src/index.js';
import { EXAMPLES, exampleData, examplePath, quickstart, tempDir } from './helpers.js';

/** Secrets from a map: no environment, no files. */
const fromMap =
  (values: Record<string, string>): SecretResolver =>
  async (source, at) =>
    'fromEnv' in source && values[source.fromEnv] !== undefined ? { ok: true, value: values[source.fromEnv]! } : { ok: false, path: at.path, message: `no value for ${JSON.stringify(source)}` };

describe('validate and loadSpec', () => {
  it('takes a file, YAML text or data; findings are located in each', async () => {
    expect((await validate({ file: examplePath('okta') })).valid).toBe(true);
    const text = 'apiVersion: temporal-auth/v1\nkind: AuthSpec\nchart: { version: 1.6.0 }\n';
    const fromText = await validate({ text, file: 'inline.yaml' });
    expect(fromText.valid).toBe(false);
    expect(fromText.findings[0]).toMatchObject({ file: 'inline.yaml', line: expect.any(Number), severity: 'error' });
    const data = quickstart() as AuthSpec;
    const fromData = await validate({ data });
    expect(fromData).toMatchObject({ valid: true, findings: [] });
    expect(fromData.spec?.secrets?.name).toBe('temporal-auth-secrets'); // schema defaults applied
  });

  it('loadSpec throws a typed InputError carrying the findings', async () => {
    const bad = quickstart();
    bad.issuer.url = 'http://insecure.example';
    const err = await loadSpec({ data: bad }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err).toBeInstanceOf(TemporalAuthError);
    expect((err as InputError).category).toBe('input');
    expect((err as InputError).findings.map((f) => f.rule)).toContain('https-issuer');
  });
});

describe('render', () => {
  it.each(EXAMPLES.map((e) => [e]))('%s: every file as text and as objects, secrets only through the resolver', async (name) => {
    const spec = exampleData(name);
    const secretsRead: string[] = [];
    const resolver: SecretResolver = async (source) => {
      secretsRead.push(JSON.stringify(source));
      return { ok: true, value: `canary-${name}-secret` };
    };
    const result = await render({ data: spec, file: examplePath(name) }, { secrets: resolver });
    const names = result.files.map((f) => f.name);
    expect(names).toContain('values.auth.yaml');
    expect(secretsRead.length).toBeGreaterThan(0);
    const canary = `canary-${name}-secret`;
    for (const f of result.files) {
      // One document per file, but one Secret per worker in worker-secrets.yaml, a ServiceAccount and a Deployment per
      // service-account worker in worker-identity.yaml, and none in the files that are not YAML (the TOML CLI profile,
      // the identity provider's JSON and JavaScript).
      if (f.name === 'worker-secrets.yaml') expect(f.documents.length, f.name).toBe(result.spec.model.workers.filter((w) => w.clientSecret).length);
      else if (f.name === 'worker-identity.yaml') expect(f.documents.length, f.name).toBe(2 * result.spec.model.serviceAccountWorkers.length);
      else expect(f.documents.length, f.name).toBe(/\.(toml|json|js)$/.test(f.name) ? 0 : 1);
      expect(f.mode, f.name).toBe(f.name === 'secrets.yaml' || f.name === 'worker-secrets.yaml' ? 0o600 : 0o644);
      if (f.name === 'secrets.yaml') {
        const secret = f.documents[0] as { data: Record<string, string> };
        expect(Buffer.from(secret.data.client_secret!, 'base64').toString()).toBe(canary);
      } else if (f.name === 'worker-secrets.yaml') {
        for (const secret of f.documents as { data: Record<string, string> }[]) expect(Buffer.from(secret.data.TEMPORAL_AUTH_CLIENT_SECRET!, 'base64').toString()).toBe(canary);
      } else {
        expect(f.content, f.name).not.toContain(canary);
        expect(f.content, f.name).not.toContain(Buffer.from(canary).toString('base64'));
      }
    }
    // Meaning, not bytes: the Web UI's client secret comes from the Secret the spec names.
    const web = (result.values.web as { additionalEnv: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[] }).additionalEnv;
    expect(web.find((e) => e.name === 'TEMPORAL_AUTH_CLIENT_SECRET')?.valueFrom?.secretKeyRef).toEqual({ name: result.spec.model.secretName, key: 'client_secret' });
  });

  it('secrets: false reads nothing and writes no Secret; a missing secret is a located InputError', async () => {
    const none = await render({ file: examplePath('quickstart') }, { secrets: false });
    expect(none.files.map((f) => f.name)).not.toContain('secrets.yaml');
    const err = await render({ file: examplePath('quickstart') }, { secrets: fromMap({}) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe('secret-source');
    expect((err as InputError).findings[0]).toMatchObject({ rule: 'secret-source', line: expect.any(Number) });
  });

  it('envAndFileSecrets reads the env it is given, not the process environment', async () => {
    const result = await render({ file: examplePath('quickstart') }, { secrets: envAndFileSecrets({ TEMPORAL_UI_CLIENT_SECRET: 'from-the-given-env' }) });
    const secret = result.files.find((f) => f.name === 'secrets.yaml')?.documents[0] as { data: Record<string, string> };
    expect(Buffer.from(secret.data.client_secret!, 'base64').toString()).toBe('from-the-given-env');
  });

  it('sealed-secret without a certificate is an InputError', async () => {
    const s = quickstart();
    s.secrets = { format: 'sealed-secret' };
    await expect(render({ data: s }, { secrets: fromMap({ TEMPORAL_UI_CLIENT_SECRET: 'x' }) })).rejects.toMatchObject({ name: 'InputError', code: 'sealing-cert-missing' });
    await expect(render({ data: s }, { secrets: fromMap({ TEMPORAL_UI_CLIENT_SECRET: 'x' }), sealingCert: 'not a certificate' })).rejects.toMatchObject({
      code: 'sealing-cert-invalid',
      message: 'the sealing certificate is not an RSA certificate or public key (PEM)',
      detail: 'is not an RSA certificate or public key (PEM)',
    });
  });

  it('every failure says which case it is by its code', async () => {
    const bad = quickstart();
    bad.namespaces.default.grants.push({ group: 'g', role: 'nope' });
    await expect(render({ data: bad }, { secrets: false })).rejects.toMatchObject({ code: 'spec-invalid', findings: [expect.objectContaining({ rule: 'unknown-role' })] });
    await expect(render({ data: quickstart() }, { secrets: false, chartVersion: '9.9.9' })).rejects.toMatchObject({
      code: 'chart-version-unknown',
      detail: expect.stringMatching(/^9\.9\.9 has no profile/),
    });
    await expect(explain({ data: quickstart() }, { who: { token: 'x' } })).rejects.toMatchObject({ code: 'token-not-jwt' });
    await expect(explain({ data: quickstart() }, { who: { groups: [] }, api: 'Nope' })).rejects.toMatchObject({ code: 'api-unknown' });
    await expect(explain({ data: quickstart() }, { who: { groups: [] }, namespace: 'default' })).rejects.toMatchObject({ code: 'namespace-without-api' });
    await expect(explain({ data: quickstart() }, { who: { client: 'nope' } })).rejects.toMatchObject({ code: 'worker-unknown' });
    // A cluster token with --verify: its keys are on the API server (apiServer mode), or a file that cannot be read.
    const clustered = quickstart();
    clustered.cluster = { issuer: 'https://kubernetes.default.svc.cluster.local', audience: 'temporal.acme.example' };
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const clusterToken = `${b64({ alg: 'RS256', kid: 'k' })}.${b64({ iss: clustered.cluster.issuer, aud: ['temporal.acme.example'], sub: 'system:serviceaccount:a:b', exp: 4102444800 })}.c2ln`;
    await expect(explain({ data: clustered }, { who: { token: clusterToken, verify: {} } })).rejects.toMatchObject({ code: 'cluster-keys-on-api-server' });
    clustered.cluster.jwks = { source: 'file', file: 'no-such-cluster-jwks.json' };
    // The file is read as render reads it: located findings.
    await expect(explain({ data: clustered }, { who: { token: clusterToken, verify: {} } })).rejects.toMatchObject({ code: 'cluster-jwks-invalid' });
    // Without --verify it is explained: a service account the spec does not list, and what to add.
    await expect(explain({ data: clustered }, { who: { token: clusterToken } })).resolves.toMatchObject({
      issuer: 'cluster',
      serviceAccount: { namespace: 'a', name: 'b', listed: false },
      suggestion: { add: { name: 'b', serviceAccount: { namespace: 'a', name: 'b' } } },
    });
    await expect(starterSpec({ provider: 'nope' as never })).rejects.toMatchObject({ code: 'provider-unknown' });
    await expect(starterSpec({ issuer: 'http://x' })).rejects.toMatchObject({ code: 'issuer-not-https' });
  });
});

describe('explain and accessMatrix', () => {
  const okta = { file: examplePath('okta') };

  it('decisions with reasons, for groups, clients and claims', async () => {
    const allowed = await explain(okta, { who: { groups: ['payroll-engineers'] }, api: 'StartWorkflowExecution', namespace: 'payroll' });
    expect(allowed.decision).toMatchObject({ allowed: true, code: 'namespace-api', required: 'write' });
    const worker = await explain(okta, { who: { client: 'payroll-worker' }, api: 'PollWorkflowTaskQueue', namespace: 'bitovi-project' });
    expect(worker.decision?.allowed).toBe(false);
    const claims = await explain(okta, { who: { claims: { sub: 'u', groups: ['temporal-admins'] } }, api: '/temporal.server.api.adminservice.v1.AdminService/DescribeCluster' });
    expect(claims.decision).toMatchObject({ allowed: true, code: 'cluster-api' });
  });

  it('server.version 1.24.x is explained with the 1.24 API table (v1.24.3), not a neighbour', async () => {
    const data = quickstart();
    data.server.version = '1.24.3';
    const poll = await explain({ data }, { who: { groups: ['engineering'] }, api: 'PollNexusTaskQueue', namespace: 'default' });
    // v1.24.3 common/api/metadata.go: PollNexusTaskQueue {ScopeNamespace, AccessWrite}; v1.23.1 had AccessAdmin.
    expect(poll.table).toEqual({ version: '1.24', note: undefined });
    expect(poll.decision).toMatchObject({ allowed: true, code: 'namespace-api', required: 'write' });
    // OperatorService CreateNexusOutgoingService exists in 1.24 only (namespace admin); endpoints came in 1.25.
    const outgoing = await explain({ data }, { who: { groups: ['temporal-admins'] }, api: 'CreateNexusOutgoingService', namespace: 'default' });
    expect(outgoing.decision).toMatchObject({ allowed: true, required: 'admin' });
    await expect(explain({ data }, { who: { groups: ['temporal-admins'] }, api: 'CreateNexusEndpoint' })).rejects.toMatchObject({ code: 'api-unknown' });
    // Added in 1.27: unknown to a 1.24 server.
    await expect(explain({ data }, { who: { groups: ['temporal-admins'] }, api: 'DescribeWorkerDeployment', namespace: 'default' })).rejects.toMatchObject({ code: 'api-unknown' });
  });

  it('an unknown API or client is an InputError', async () => {
    await expect(explain(okta, { who: { groups: ['x'] }, api: 'StartWorkflow' })).rejects.toThrow(/did you mean StartWorkflowExecution/);
    await expect(explain(okta, { who: { client: 'nope' } })).rejects.toBeInstanceOf(InputError);
  });

  it('the matrix as data', async () => {
    const m = await accessMatrix(okta);
    expect(m.namespaces).toEqual(['bitovi-project', 'payroll']);
    expect(m.rows.find((r) => r.principal === 'engineering')?.system).toBe('read');
  });

  it('a loaded spec is reused across calls', async () => {
    const loaded = await loadSpec(okta);
    const [a, b] = await Promise.all([accessMatrix(loaded), explain(loaded, { who: { groups: ['bitovi'] } })]);
    expect(a.rows.length).toBeGreaterThan(0);
    expect(b.policy.claims.namespaces['bitovi-project']).toBe(4);
  });
});

describe('diff, checkIssuer and workerToken: typed failures', () => {
  it('diff against values: drift as data', async () => {
    const report = await diff({ file: examplePath('okta') }, { live: { values: { server: { image: { repository: 'temporalio/server', tag: '1.31.2' } } } } });
    expect(report.drift).toBe(true);
    expect(JSON.stringify(report)).toContain('server.image');
  });

  it('diff against an unreachable cluster is a ClusterReadError; a kubeconfig that cannot be read is an InputError', async () => {
    const dir = tempDir();
    const kubeconfig = join(dir, 'kubeconfig.yaml');
    writeFileSync(
      kubeconfig,
      'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:9"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\ncurrent-context: c\n',
    );
    const err = await diff({ file: examplePath('okta') }, { live: { cluster: { kubeconfig, timeoutMs: 2000 } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterReadError);
    expect((err as ClusterReadError).category).toBe('cluster');
    expect((err as ClusterReadError).code).toBe('unreachable');
    const missing = await diff({ file: examplePath('okta') }, { live: { cluster: { kubeconfig: join(dir, 'nope.yaml') } } }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(InputError);
    expect((missing as InputError).code).toBe('kubeconfig-unusable');
  });

  it('checkIssuer reports an unreachable issuer as a failed check; workerToken as an IssuerError', async () => {
    const s = quickstart();
    s.issuer = { url: 'https://127.0.0.1:9', provider: 'generic' };
    s.clients.workers = [{ name: 'w', clientId: 'w-id', clientSecret: { fromEnv: 'W' }, grants: { default: 'write' } }];
    const checks = await checkIssuer({ data: s }, { timeoutMs: 2000 });
    expect(checks[0]).toMatchObject({ name: 'discovery', ok: false });
    const err = await workerToken({ data: s }, { client: 'w', secrets: fromMap({ W: 'canary-w-secret' }), timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IssuerError);
    expect((err as IssuerError).code).toBe('token-grant');
    expect(String((err as Error).message)).not.toContain('canary-w-secret');
  });
});

describe('workerSnippet', () => {
  it("gives each language's worker code reading exactly the worker Secret's env names; bad input is an InputError", async () => {
    const names = Object.values(WORKER_SECRET_KEYS).sort();
    for (const language of SNIPPET_LANGUAGES) {
      const text = await workerSnippet({ file: examplePath('okta') }, { client: 'payroll-worker', language, hostPort: 'frontend.example:7233' });
      expect([...new Set(text.match(/TEMPORAL_AUTH_[A-Z_]+/g))].sort(), language).toEqual(names);
      expect(text, language).toContain('frontend.example:7233');
    }
    for (const bad of [
      { client: 'nobody', language: 'go' as const },
      { client: 'payroll-worker', language: 'cobol' as never },
    ]) {
      const err = await workerSnippet({ file: examplePath('okta') }, bad).catch((e: unknown) => e);
      expect(err, JSON.stringify(bad)).toBeInstanceOf(InputError);
    }
  });
});

describe('starterSpec', () => {
  it('is a valid spec for each provider preset, and refuses a bad issuer', async () => {
    for (const provider of ['okta', 'keycloak', 'generic'] as const) {
      const { text } = await starterSpec({ provider, issuer: 'https://sso.example.com/realms/acme' });
      const checked = await validate({ text });
      expect(
        checked.findings.filter((f) => f.severity === 'error'),
        provider,
      ).toEqual([]);
    }
    await expect(starterSpec({ issuer: 'http://insecure' })).rejects.toBeInstanceOf(InputError);
  });
});

describe('every entry point given a wrong input shape throws a TypeError naming what it accepts', () => {
  const SPEC_SHAPES = /\{ file \}, \{ text, file\? \} or \{ data, file\? \}/;
  const OKTA_FILE = { file: examplePath('okta') };
  const secrets = fromMap({});
  /** Per exported function: how to call it with `bad` in the place of its first argument, and what the message must name. */
  const CALLS: Record<string, { call: (bad: unknown) => unknown; names: RegExp }> = {
    validate: { call: (bad) => lib.validate(bad as never), names: SPEC_SHAPES },
    loadSpec: { call: (bad) => lib.loadSpec(bad as never), names: SPEC_SHAPES },
    render: { call: (bad) => lib.render(bad as never, { secrets }), names: SPEC_SHAPES },
    explain: { call: (bad) => lib.explain(bad as never, { who: { groups: ['g'] } }), names: SPEC_SHAPES },
    accessMatrix: { call: (bad) => lib.accessMatrix(bad as never), names: SPEC_SHAPES },
    diff: { call: (bad) => lib.diff(bad as never, { live: { values: {} } }), names: SPEC_SHAPES },
    checkIssuer: { call: (bad) => lib.checkIssuer(bad as never), names: SPEC_SHAPES },
    workerToken: { call: (bad) => lib.workerToken(bad as never, { client: 'w', secrets }), names: SPEC_SHAPES },
    workerSnippet: { call: (bad) => lib.workerSnippet(bad as never, { client: 'w', language: 'go' }), names: SPEC_SHAPES },
    starterSpec: { call: (bad) => lib.starterSpec(bad as never), names: /provider\?, issuer\?, chartVersion\?, file\?/ },
    envAndFileSecrets: { call: (bad) => lib.envAndFileSecrets(bad as never), names: /object of environment variables/ },
    formatFinding: { call: (bad) => lib.formatFinding(bad as never), names: /\{ file, line, col, severity/ },
    audit: { call: (bad) => lib.audit(bad as never), names: /\{ file \}, \{ stream, name\? \} or \{ text, name\? \}/ },
    loadChart: { call: (bad) => lib.loadChart(bad as never), names: /\{ path \} \(a chart folder or \.tgz\)/ },
  };
  /** Runs a call that may throw or reject, and gives back what it threw. */
  const thrown = async (f: () => unknown): Promise<unknown> => {
    try {
      await f();
    } catch (err) {
      return err;
    }
    return undefined;
  };

  it('covers every function the entry exports', () => {
    const functions = Object.entries(lib)
      .filter(([, v]) => typeof v === 'function' && !(v.prototype instanceof Error))
      .map(([k]) => k)
      .sort();
    expect(functions).toEqual(Object.keys(CALLS).sort());
  });

  for (const [name, { call, names }] of Object.entries(CALLS)) {
    it(`${name}: a string, null, a number`, async () => {
      for (const bad of ['temporal-auth.yaml', 'apiVersion: temporal-auth/v1\n', null, 42]) {
        const err = await thrown(() => call(bad));
        expect(err, `${name}(${JSON.stringify(bad)})`).toBeInstanceOf(TypeError);
        expect((err as Error).message, `${name}(${JSON.stringify(bad)})`).toMatch(new RegExp(`^${name}: `));
        expect((err as Error).message).toMatch(names);
        expect((err as Error).message).not.toMatch(/Cannot (use|read)/);
      }
    });
  }

  it('options and requests of the wrong shape too, before anything is read', async () => {
    const cases: [string, () => unknown, RegExp][] = [
      ['render(spec, null)', () => lib.render(OKTA_FILE, null as never), /^render: the options must be an object \{ secrets, /],
      ['render without secrets', () => lib.render(OKTA_FILE, {} as never), /no secrets/],
      ['render secrets: "env"', () => lib.render(OKTA_FILE, { secrets: 'env' as never }), /secret resolver function .* or false/],
      ['explain(spec, "ListNamespaces")', () => lib.explain(OKTA_FILE, 'ListNamespaces' as never), /^explain: the request must be \{ who, api\?, namespace\? \}/],
      ['explain who: "g"', () => lib.explain(OKTA_FILE, { who: 'g' as never }), /\{ groups: string\[\] \}, \{ client: string \}/],
      ['explain groups: "g"', () => lib.explain(OKTA_FILE, { who: { groups: 'g' as never } }), /who that is an object with key groups/],
      ['explain api: 1', () => lib.explain(OKTA_FILE, { who: { groups: ['g'] }, api: 1 as never }), /request\.api must be a string/],
      ['diff live: "values.yaml"', () => lib.diff(OKTA_FILE, { live: 'values.yaml' as never }), /options\.live must be \{ values: object/],
      ['diff(spec, 3)', () => lib.diff(OKTA_FILE, 3 as never), /^diff: the options must be an object/],
      ['workerSnippet(spec, "go")', () => lib.workerSnippet(OKTA_FILE, 'go' as never), /client, language/],
      ['workerToken secrets: {}', () => lib.workerToken(OKTA_FILE, { client: 'w', secrets: {} as never }), /secret resolver function/],
      ['starterSpec issuer: 1', () => lib.starterSpec({ issuer: 1 as never }), /options\.issuer must be a string/],
      ['validate values: "v.yaml"', () => lib.validate(OKTA_FILE, { values: 'v.yaml' as never }), /options\.values must be \{ file \}/],
      ['loadSpec { file: 3 }', () => lib.loadSpec({ file: 3 } as never), /file that is a number/],
      ['validate chart: "chart/"', () => lib.validate(OKTA_FILE, { chart: 'chart/' as never }), /^validate: options\.chart must be a loaded chart \(from loadChart\)/],
      [
        'render chart and chartVersion',
        () => lib.render(OKTA_FILE, { secrets: false, chart: { kind: 'loaded-chart', path: 'c', profile: {} } as never, chartVersion: '1.6.0' }),
        /^render: options\.chart and options\.chartVersion both name the chart; give one/,
      ],
      ['loadChart { path: 3 }', () => lib.loadChart({ path: 3 } as never), /^loadChart: the chart must be \{ path \}.*got path that is a number/],
      ['audit(log, 3)', () => lib.audit({ text: '' }, 3 as never), /^audit: the options must be an object \{ spec\?, specOptions\?, namespace\? \}/],
      ['audit spec: "x.yaml"', () => lib.audit({ text: '' }, { spec: 'x.yaml' as never }), /^audit: options\.spec must be \{ file \}/],
      ['audit namespace: 1', () => lib.audit({ text: '' }, { namespace: 1 as never }), /options\.namespace must be a string/],
      ['audit { stream: 3 }', () => lib.audit({ stream: 3 } as never), /^audit: the source must be/],
      ['loadSpec { text: null }', () => lib.loadSpec({ text: null } as never), /text that is null/],
      ['checkIssuer(spec, "ca")', () => lib.checkIssuer(OKTA_FILE, 'ca' as never), /ca\?, timeoutMs\?/],
    ];
    for (const [what, call, message] of cases) {
      const err = await thrown(call);
      expect(err, what).toBeInstanceOf(TypeError);
      expect((err as Error).message, what).toMatch(message);
    }
    // The accepted shapes still work, a loaded spec included.
    const loaded = await lib.loadSpec(OKTA_FILE);
    expect((await lib.explain(loaded, { who: { groups: ['temporal-admins'] }, api: 'ListNamespaces' })).decision?.allowed).toBe(true);
    expect((await lib.validate({ data: exampleData('okta') })).valid).toBe(true);
    expect(lib.formatFinding({ file: 'f', line: 1, col: 2, severity: 'error', rule: 'r', message: 'm' })).toBe('f:1:2 error r m');
  });
});
