import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { chartProfile, SUPPORTED_CHART_VERSIONS } from '../src/charts/index.js';
import type { ChartProfile } from '../src/charts/profile.js';
import { RULES, renderOnlyRules } from '../src/input/rules/index.js';
import { validateSpecFile } from '../src/input/validate.js';
import { quickstart, tempDir, writeSpec } from './helpers.js';

type Spec = Record<string, any>;

function builtin(spec: Spec): Spec {
  spec.server = { authorization: { mode: 'builtin' } };
  spec.issuer = { url: 'https://sso.acme.example/realms/acme', provider: 'keycloak' };
  return spec;
}

interface RuleCase {
  /** A spec that breaks the rule. */
  bad: (s: Spec) => Spec;
  /** A close spec that keeps it. */
  good: (s: Spec) => Spec;
  severity?: 'error' | 'warning';
  /** The user's --values for the case. */
  badValues?: object;
  goodValues?: object;
  /** A chart given as render --chart gives it (a profile derived from a folder). */
  chart?: { profile: ChartProfile; path: string };
}

/** The built-in profile of a release as a chart folder would give it: no source. */
const chartFolder = (version: string) => ({ profile: { ...chartProfile(version)!, source: null }, path: 'charts/temporal' });

const same = (s: Spec) => s;

/** Workload identity: the cluster's service-account issuer, and a worker that authenticates with its service account. */
function withCluster(s: Spec, audience = 'temporal.acme.example'): Spec {
  s.cluster = { issuer: 'https://kubernetes.default.svc.cluster.local', audience };
  return s;
}
const saWorker = (extra: Spec = {}) => ({ name: 'w', serviceAccount: { name: 'w', ...extra }, grants: { default: 'write' } });

const CASES: Record<string, RuleCase> = {
  'unsupported-chart-version': {
    bad: (s) => ((s.chart.version = '9.9.9'), s),
    good: (s) => ((s.chart.version = '0.74.0'), s),
  },
  // render --chart: the chart's own version is used; a spec naming another is told so.
  'chart-version-differs': {
    bad: (s) => ((s.chart.version = '1.5.0'), s),
    good: same,
    chart: chartFolder('1.6.0'),
    severity: 'warning',
  },
  'internal-frontend-required': {
    bad: (s) => ((s.server.internalFrontend = { enabled: false }), s),
    good: (s) => ((s.server.internalFrontend = { enabled: true }), s),
  },
  'https-issuer': {
    bad: (s) => ((s.issuer.url = 'http://auth.example.com'), s),
    good: same,
  },
  'https-callback': {
    bad: (s) => ((s.clients.web.callbackUrl = 'http://temporal.example.com/auth/sso/callback'), s),
    good: same,
  },
  'callback-path': {
    bad: (s) => ((s.clients.web.callbackUrl = 'https://temporal.example.com/oauth/callback'), s),
    good: same,
  },
  'literal-secret': {
    bad: (s) => ((s.clients.web.clientSecret = 'hunter2-literal'), s),
    good: (s) => ((s.clients.web.clientSecret = { fromFile: 'ui-secret' }), s),
  },
  'https-token-url': {
    bad: (s) => ((s.issuer.tokenUrl = 'http://auth.example.com/oauth/token'), s),
    good: (s) => ((s.issuer.tokenUrl = 'https://auth.example.com/oauth/token'), s),
  },
  'worker-secret-name': {
    bad: (s) => ((s.clients.workers = [{ name: 'w', clientId: 'w', clientSecret: { fromEnv: 'W' }, grants: { default: 'write' }, secret: { name: 'temporal-auth-secrets' } }]), s),
    good: (s) => (
      (s.clients.workers = [{ name: 'w', clientId: 'w', clientSecret: { fromEnv: 'W' }, grants: { default: 'write' }, secret: { name: 'temporal-auth-secrets', namespace: 'workers' } }]), s
    ),
  },
  'unknown-namespace': {
    bad: (s) => ((s.clients.workers = [{ name: 'w', clientId: 'w', grants: { payments: 'write' } }]), s),
    good: (s) => ((s.clients.workers = [{ name: 'w', clientId: 'w', grants: { default: 'write' } }]), s),
  },
  'unknown-role': {
    bad: (s) => ((s.namespaces.default.grants[0].role = 'owner'), s),
    good: (s) => ((s.namespaces.default.grants[0].role = 'admin'), s),
  },
  'template-injection': {
    bad: (s) => ((builtin(s).issuer.audience = 'api://{{ env "HOME" }}'), s),
    good: (s) => ((builtin(s).issuer.audience = 'api://temporal'), s),
  },
  'image-required': {
    bad: (s) => (delete s.server.image, s),
    good: same,
  },
  'groups-claim-required': {
    bad: (s) => ((s.issuer.provider = 'auth0'), s),
    good: (s) => ((s.issuer.provider = 'auth0'), (s.issuer.claims = { groups: 'https://acme.example/groups' }), s),
  },
  'jwks-uri-required': {
    bad: (s) => ((builtin(s).issuer.provider = 'generic'), s),
    good: (s) => ((builtin(s).issuer.provider = 'generic'), (s.issuer.jwksUri = 'https://sso.acme.example/keys'), s),
  },
  'worker-role-builtin': {
    bad: (s) => ((builtin(s).namespaces.default.grants[0].role = 'worker'), s),
    good: (s) => ((s.namespaces.default.grants[0].role = 'worker'), s), // custom mode: the image decides
    severity: 'warning',
  },
  'worker-cannot-poll': {
    bad: (s) => ((s.clients.workers = [{ name: 'w', clientId: 'w', grants: { default: 'read' } }]), s),
    good: (s) => ((s.clients.workers = [{ name: 'w', clientId: 'w', grants: { default: 'write' } }]), s),
    severity: 'warning',
  },
  'worker-token-url': {
    bad: (s) => ((s.clients.workers = [{ name: 'w', clientId: 'w', clientSecret: { fromEnv: 'W_SECRET' }, grants: { default: 'write' } }]), s),
    good: (s) => (
      (s.clients.workers = [{ name: 'w', clientId: 'w', clientSecret: { fromEnv: 'W_SECRET' }, grants: { default: 'write' } }]), (s.issuer.tokenUrl = 'https://auth.example.com/oauth/token'), s
    ),
    severity: 'warning',
  },
  'system-read': {
    bad: (s) => ((builtin(s).system.grants = [{ group: 'temporal-admins', role: 'admin' }]), s),
    good: (s) => builtin(s),
    severity: 'warning',
  },
  'custom-mode-only': {
    bad: (s) => ((builtin(s).server.authorization.principal = { claim: 'email' }), s),
    good: (s) => builtin(s),
  },
  'principal-server-version': {
    bad: (s) => ((s.server.authorization = { principal: { claim: 'email' } }), (s.server.image.tag = '1.30.6-auth.1'), s),
    good: (s) => ((s.server.authorization = { principal: { claim: 'email' } }), s),
  },
  'sealed-secret-churn': {
    bad: (s) => ((s.secrets = { format: 'sealed-secret' }), s),
    good: (s) => ((s.secrets = { format: 'sealed-secret', rolloutKey: { fromEnv: 'TEMPORAL_AUTH_ROLLOUT_KEY' } }), s),
    severity: 'warning',
  },
  'shadow-mode': {
    bad: (s) => ((s.server.authorization = { enforce: false }), s),
    good: (s) => ((s.server.authorization = { enforce: true }), s),
    severity: 'warning',
  },
  'entra-groups': {
    bad: (s) => ((s.issuer = { url: 'https://login.microsoftonline.com/tenant-id/v2.0', provider: 'entra' }), s),
    good: (s) => ((s.issuer = { url: 'https://login.microsoftonline.com/tenant-id/v2.0', provider: 'generic' }), s),
    severity: 'warning',
  },
  'per-service-env': {
    bad: same,
    badValues: { server: { frontend: { additionalEnv: [{ name: 'LOG_LEVEL', value: 'debug' }] } } },
    good: same,
    goodValues: { server: { additionalEnv: [{ name: 'LOG_LEVEL', value: 'debug' }] } },
    severity: 'warning',
  },
  'internal-frontend-open': {
    bad: (s) => ((s.server.internalFrontend = { networkPolicy: false }), s),
    badValues: { server: { config: { tls: { internode: { server: { requireClientAuth: false } } } } } },
    good: (s) => ((s.server.internalFrontend = { networkPolicy: false }), s),
    goodValues: { server: { config: { tls: { internode: { server: { requireClientAuth: true } } } } } },
    severity: 'warning',
  },
  'okta-org-server': {
    bad: (s) => ((s.issuer = { url: 'https://acme.okta.com', provider: 'okta' }), s),
    good: (s) => ((s.issuer = { url: 'https://acme.okta.com/oauth2/default', provider: 'okta' }), s),
    severity: 'warning',
  },
  'auth0-namespaced-claim': {
    bad: (s) => ((s.issuer = { url: 'https://acme.us.auth0.com/', provider: 'auth0', claims: { groups: 'groups' } }), s),
    good: (s) => ((s.issuer = { url: 'https://acme.us.auth0.com/', provider: 'auth0', claims: { groups: 'https://acme.example/groups' } }), s),
    severity: 'warning',
  },
  'google-no-custom-claims': {
    bad: (s) => ((s.server = { authorization: { mode: 'builtin' } }), (s.issuer = { url: 'https://accounts.google.com', provider: 'google' }), s),
    good: (s) => ((s.issuer = { url: 'https://accounts.google.com', provider: 'google', claims: { groups: 'email' } }), s),
    severity: 'warning',
  },
  'server-version-unsupported': {
    bad: (s) => ((s.server.version = '1.21.4'), s),
    good: (s) => ((s.server.version = '1.22.0'), s),
  },
  'system-scope-namespace': {
    bad: (s) => ((builtin(s).namespaces['temporal-system'] = { grants: [{ group: 'ops', role: 'read' }] }), s),
    // Custom mode: the policy maps it to that one namespace only.
    good: (s) => ((s.namespaces['temporal-system'] = { grants: [{ group: 'ops', role: 'read' }] }), s),
  },
  'worker-is-web-client': {
    bad: (s) => ((s.clients.workers = [{ name: 'w', clientId: 'temporal-ui', grants: { default: 'write' } }]), s),
    good: (s) => ((s.clients.workers = [{ name: 'w', clientId: 'temporal-worker', grants: { default: 'write' } }]), s),
  },
  'duplicate-worker': {
    bad: (s) => (
      (s.clients.workers = [
        { name: 'a', clientId: 'w1', grants: { default: 'write' } },
        { name: 'b', clientId: 'w1', grants: { default: 'read' } },
      ]),
      s
    ),
    good: (s) => (
      (s.clients.workers = [
        { name: 'a', clientId: 'w1', grants: { default: 'write' } },
        { name: 'b', clientId: 'w2', grants: { default: 'read' } },
      ]),
      s
    ),
  },
  'worker-identity': {
    bad: (s) => ((withCluster(s).clients.workers = [{ ...saWorker(), clientId: 'w' }]), s),
    good: (s) => ((withCluster(s).clients.workers = [saWorker()]), s),
  },
  'cluster-required': {
    bad: (s) => ((s.clients.workers = [saWorker()]), s),
    good: (s) => ((withCluster(s).clients.workers = [saWorker()]), s),
  },
  'cluster-audience': {
    bad: (s) => ((withCluster(s, 'https://kubernetes.default.svc').clients.workers = [saWorker()]), s),
    good: (s) => ((withCluster(s, 'temporal.acme.example').clients.workers = [saWorker()]), s),
  },
  'service-account-namespace': {
    bad: (s) => ((withCluster(s).clients.workers = [saWorker({ namespace: 'kube-system' })]), s),
    good: (s) => ((withCluster(s).clients.workers = [saWorker({ namespace: 'workers' })]), s),
  },
  'duplicate-grant': {
    bad: (s) => (s.namespaces.default.grants.push({ group: 'engineering', role: 'read' }), s),
    good: (s) => (s.namespaces.default.grants.push({ group: 'engineering', role: 'write' }), s),
    severity: 'warning',
  },
  'permissions-regex': {
    bad: (s) => ((builtin(s).server.authorization.permissionsRegex = '^(?P<ns>[^:]+):(?P<role>\\w+)$'), s),
    good: (s) => ((builtin(s).server.authorization.permissionsRegex = '(?i)^(?P<namespace>[^:]+):(?P<role>\\w+)$'), s),
    severity: 'warning',
  },
  'permissions-regex-unwritable': {
    bad: (s) => ((builtin(s).server.authorization.permissionsRegex = '^(?P<namespace>[^:]+):(?P<role>[a-z]+)\\d$'), s),
    good: (s) => ((builtin(s).server.authorization.permissionsRegex = '^temporal/(?P<namespace>[^/]+)/(?P<role>[a-z]+)$'), s),
  },
  'web-ui-value': {
    bad: (s) => ((s.clients.web.label = 'Sign in: staff'), s),
    good: (s) => ((s.clients.web.label = 'Sign in (staff)'), s),
  },
  'web-ui-version-features': {
    bad: (s) => ((s.clients.web.redirectToProvider = true), (s.chart.version = '0.74.0'), s),
    good: (s) => ((s.clients.web.redirectToProvider = true), (s.chart.version = '1.6.0'), s),
    severity: 'warning',
  },
  'web-ui-id-token': {
    bad: (s) => ((s.clients.web.useIdTokenAsBearer = true), (s.chart.version = '0.64.0'), s),
    good: (s) => ((s.clients.web.useIdTokenAsBearer = true), (s.chart.version = '0.65.0'), s),
  },
  'codec-token-https': {
    bad: (s) => ((s.clients.web.codec = { endpoint: 'http://codec.example.com', passAccessToken: true }), s),
    good: (s) => ((s.clients.web.codec = { endpoint: 'https://codec.example.com', passAccessToken: true }), s),
  },
  'server-version-features': {
    bad: (s) => ((builtin(s).issuer.audience = 'temporal'), (s.chart.version = '0.65.0'), s),
    good: (s) => ((builtin(s).issuer.audience = 'temporal'), s),
    severity: 'warning',
  },
  'version-string': {
    bad: (s) => ((s.chart.version = 1.6), s),
    good: (s) => ((s.chart.version = '1.6.0'), s),
  },
  'issuer-discovery-url': {
    bad: (s) => ((s.issuer.url = 'https://auth.example.com/.well-known/openid-configuration'), s),
    good: same,
  },
  'auth0-issuer-slash': {
    bad: (s) => ((s.issuer = { url: 'https://acme.us.auth0.com', provider: 'auth0', claims: { groups: 'https://acme.example/groups' } }), s),
    good: (s) => ((s.issuer = { url: 'https://acme.us.auth0.com/', provider: 'auth0', claims: { groups: 'https://acme.example/groups' } }), s),
  },
  'auth0-ui-audience': {
    bad: (s) => (
      (s.issuer = { url: 'https://acme.us.auth0.com/', provider: 'auth0', audience: 'https://temporal.acme.example', claims: { groups: 'https://acme.example/groups' } }),
      (s.clients.web.providerOptions = { audience: 'https://other.acme.example' }),
      s
    ),
    good: (s) => (
      (s.issuer = { url: 'https://acme.us.auth0.com/', provider: 'auth0', audience: 'https://temporal.acme.example', claims: { groups: 'https://acme.example/groups' } }),
      (s.clients.web.providerOptions = { audience: 'https://temporal.acme.example' }),
      s
    ),
  },
  // Separately: no audience at all is a warning that names the value to set (see below).
  'multi-tenant-issuer': {
    bad: (s) => (
      (s.server = { authorization: { mode: 'builtin' } }),
      (s.issuer = { url: 'https://login.microsoftonline.com/organizations/v2.0', provider: 'entra', jwksUri: 'https://login.microsoftonline.com/common/discovery/v2.0/keys' }),
      s
    ),
    good: (s) => (
      (s.server = { authorization: { mode: 'builtin' } }),
      (s.issuer = {
        url: 'https://login.microsoftonline.com/organizations/v2.0',
        provider: 'entra',
        audience: '11111111-2222-3333-4444-555555555555',
        jwksUri: 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
      }),
      s
    ),
  },
  'entra-api-scope': {
    bad: (s) => ((s.issuer = { url: 'https://login.microsoftonline.com/tenant-id/v2.0', provider: 'entra', audience: 'app-id', claims: { groups: 'roles' } }), s),
    good: (s) => (
      (s.issuer = { url: 'https://login.microsoftonline.com/tenant-id/v2.0', provider: 'entra', audience: 'app-id', claims: { groups: 'roles' } }),
      (s.clients.web.scopes = ['openid', 'email', 'profile', 'api://app-id/.default']),
      s
    ),
  },
  'public-client-internal-frontend': {
    bad: same,
    badValues: { server: { publicClientHostPort: 'temporal-frontend.temporal.svc:7233' } },
    good: same,
    goodValues: { server: { frontend: { service: { port: 7233 } } } },
  },
  'web-internal-frontend': {
    bad: same,
    badValues: { web: { temporalAddress: 'temporal-internal-frontend.temporal.svc:7236' } },
    good: same,
    goodValues: { web: { temporalAddress: 'temporal-frontend.temporal.svc:7233' } },
  },
  'chart-template-trap': {
    bad: same,
    // Chart 1.6.0 (the quickstart's) fails on any truthy server.internalFrontend (_deprecations.tpl:83-84).
    badValues: { server: { internalFrontend: { enabled: false } } },
    good: same,
    goodValues: { server: { internalFrontend: {}, 'internal-frontend': { enabled: false } } },
  },
  'chart-ignores-auth': {
    bad: same,
    badValues: { server: { frontend: { enabled: false } } },
    good: same,
    goodValues: { server: { frontend: { enabled: true } } },
  },
  'google-id-token': {
    bad: (s) => ((s.issuer = { url: 'https://accounts.google.com', provider: 'google', claims: { groups: 'email' } }), s),
    good: (s) => ((s.issuer = { url: 'https://accounts.google.com', provider: 'google', claims: { groups: 'email' } }), (s.clients.web.useIdTokenAsBearer = true), s),
    severity: 'warning',
  },
  'admintools-external-frontend': {
    bad: same,
    badValues: { admintools: { temporalAddress: 'temporal-frontend:7233' } },
    good: same,
    goodValues: { admintools: { temporalAddress: 'temporal-internal-frontend:7236' } },
    severity: 'warning',
  },
  'dynamic-config-auth': {
    bad: same,
    badValues: { server: { dynamicConfig: { 'frontend.enableTokenNamespaceEnforcement': [{ value: false, constraints: {} }] } } },
    good: same,
    goodValues: { server: { dynamicConfig: { 'frontend.enableTokenNamespaceEnforcement': [{ value: true, constraints: {} }] } } },
    severity: 'warning',
  },
};

async function lint(spec: Spec, values?: object, chart?: RuleCase['chart']) {
  const dir = tempDir();
  const file = writeSpec(spec, dir);
  let valuesFile: string | undefined;
  if (values) {
    valuesFile = join(dir, 'values.yaml');
    writeFileSync(valuesFile, stringify(values));
  }
  return (await validateSpecFile(file, { valuesFile, chart })).findings;
}

describe('lint rules', () => {
  it('every rule has a failing and a passing case', () => {
    expect(Object.keys(CASES).sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  it('custom-mode-only: every custom-only key in builtin mode is an error at its key, and enforce: true is not one', async () => {
    const s = builtin(quickstart());
    s.server.authorization = { mode: 'builtin', enforce: false, audit: { maxLinesPerSecond: 5 }, principal: { claim: 'email' } };
    s.namespaces.default.enforce = true;
    const hits = (await lint(s)).filter((f) => f.rule === 'custom-mode-only');
    expect(hits.map((h) => h.message.split(':')[0])).toEqual(['server.authorization.enforce', 'server.authorization.audit', 'server.authorization.principal', 'namespaces.default.enforce']);
    expect(hits.every((h) => h.severity === 'error' && h.message.includes('mode: custom'))).toBe(true);
    s.server.authorization = { mode: 'builtin', enforce: true };
    delete s.namespaces.default.enforce;
    expect((await lint(s)).filter((f) => f.rule === 'custom-mode-only')).toEqual([]);
  });

  it('principal-server-version names the first version with the dynamic config key; a 1.31.0 image passes', async () => {
    const s = quickstart();
    s.server.authorization = { principal: { claim: 'email' } };
    s.server.image.tag = '1.30.6-auth.1';
    const [hit] = (await lint(s)).filter((f) => f.rule === 'principal-server-version');
    expect(hit!.message).toContain('frontend.enablePrincipalPropagation (added in 1.31.0)');
    s.server.image.tag = '1.31.0-auth.1';
    expect((await lint(s)).filter((f) => f.rule === 'principal-server-version')).toEqual([]);
  });

  it('shadow-mode: says where calls are let through, globally or per namespace; not reported by explain', async () => {
    const s = quickstart();
    s.namespaces.other = { grants: [], enforce: true };
    s.server.authorization = { enforce: false };
    const [global] = (await lint(s)).filter((f) => f.rule === 'shadow-mode');
    expect(global!.message).toContain('every namespace but other');
    s.server.authorization = {};
    s.namespaces.default.enforce = false;
    const hits = (await lint(s)).filter((f) => f.rule === 'shadow-mode');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.message).toContain('shadow mode on default: its calls are let through');
    expect(hits[0]!.message).toContain('Turning auth on without an outage');
    expect(renderOnlyRules().has('shadow-mode')).toBe(true);
  });

  it('auth0-ui-audience: no UI audience is a warning naming issuer.audience as the value to set', async () => {
    const s = quickstart();
    s.issuer = { url: 'https://acme.us.auth0.com/', provider: 'auth0', audience: 'https://temporal.acme.example', claims: { groups: 'https://acme.example/groups' } };
    const hits = (await lint(s)).filter((f) => f.rule === 'auth0-ui-audience');
    expect(hits.map((h) => h.severity)).toEqual(['warning']);
    expect(hits[0]!.message).toContain('providerOptions: { audience: "https://temporal.acme.example" }');
  });

  it('unknown-namespace names at most 20 declared namespaces, and counts the rest', async () => {
    const s = quickstart();
    for (let i = 0; i < 30; i++) s.namespaces[`ns-${String(i).padStart(2, '0')}`] = { grants: [{ group: 'g', role: 'read' }] };
    s.clients.workers = [{ name: 'w', clientId: 'w', grants: { nope: 'write' } }];
    const hit = (await lint(s)).find((f) => f.rule === 'unknown-namespace')!;
    expect(hit.message).toMatch(/\(declared: default, ns-00, .*, ns-18 and 11 more\)$/);
  });

  it('the quickstart is clean', async () => {
    expect(await lint(quickstart())).toEqual([]);
  });

  for (const rule of RULES) {
    const c = CASES[rule.id];
    if (!c) continue;
    it(`${rule.id}: flags the bad spec`, async () => {
      const findings = await lint(c.bad(quickstart()), c.badValues, c.chart);
      const hits = findings.filter((f) => f.rule === rule.id);
      expect(hits.length, JSON.stringify(findings)).toBeGreaterThan(0);
      expect(hits[0]!.severity).toBe(c.severity ?? 'error');
      expect(hits[0]!.line).toBeGreaterThan(0);
    });
    it(`${rule.id}: passes the good spec`, async () => {
      const findings = await lint(c.good(quickstart()), c.goodValues, c.chart);
      expect(findings.filter((f) => f.rule === rule.id)).toEqual([]);
    });
  }

  it('https-callback allows http on localhost as a warning', async () => {
    const s = quickstart();
    s.clients.web.callbackUrl = 'http://localhost:8080/auth/sso/callback';
    const hits = (await lint(s)).filter((f) => f.rule === 'https-callback');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.severity).toBe('warning');
  });

  it('literal-secret never echoes the secret', async () => {
    const s = quickstart();
    s.clients.web.clientSecret = 'canary-8f1c2d';
    const findings = await lint(s);
    expect(JSON.stringify(findings)).not.toContain('canary-8f1c2d');
  });

  it('unsupported-chart-version lists the supported versions', async () => {
    const s = quickstart();
    s.chart.version = '2.0.0';
    const hit = (await lint(s)).find((f) => f.rule === 'unsupported-chart-version');
    expect(hit?.message).toContain(`supported versions: ${SUPPORTED_CHART_VERSIONS.join(', ')}`);
  });

  it('per-service-env points into the values file, at the key', async () => {
    const findings = await lint(quickstart(), CASES['per-service-env']!.badValues);
    const hit = findings.find((f) => f.rule === 'per-service-env')!;
    expect(hit.file).toMatch(/values\.yaml$/);
    expect([hit.line, hit.col]).toEqual([3, 5]);
  });

  it('chart-template-trap and chart-ignores-auth point into the values file, with the chart version, template and line', async () => {
    const trap = (await lint(quickstart(), CASES['chart-template-trap']!.badValues)).find((f) => f.rule === 'chart-template-trap')!;
    expect(trap.file).toMatch(/values\.yaml$/);
    expect([trap.line, trap.col]).toEqual([2, 3]);
    expect(trap.message).toMatch(
      /^server\.internalFrontend: chart 1\.6\.0 fails the render here \(templates\/_deprecations\.tpl:83-84: "'server\.internalFrontend' is no longer supported\. Rename to 'server\.internal-frontend'\. See UPGRADING\.md\."\); rename it to server\.internal-frontend, or remove it: temporal-auth writes the internal frontend under the key this chart reads$/,
    );
    const s = quickstart();
    s.chart.version = '0.74.0';
    const hits = (await lint(s, { web: { enabled: false } })).filter((f) => f.rule === 'chart-ignores-auth');
    expect(hits.map((h) => [h.severity, h.line, h.col])).toEqual([['warning', 2, 12]]);
    expect(hits[0]!.message).toContain('web.enabled: chart 0.74.0 renders no Web UI (templates/web-deployment.yaml:1: {{ if .Values.web.enabled }})');
  });

  it('per-service-env knows the 0.x spelling of the internal frontend', async () => {
    const findings = await lint(quickstart(), { server: { internalFrontend: { additionalEnv: [{ name: 'A', value: '1' }] } } });
    expect(findings.map((f) => f.rule)).toContain('per-service-env');
  });
});

describe('rules that stop grants from silently widening', () => {
  it('duplicate-worker flags a repeated name and a repeated client ID separately, at each second entry', async () => {
    const s = quickstart();
    s.clients.workers = [
      { name: 'a', clientId: 'w1', grants: { default: 'write' } },
      { name: 'a', clientId: 'w2', grants: { default: 'write' } },
      { name: 'c', clientId: 'w1', grants: { default: 'write' } },
    ];
    const hits = (await lint(s)).filter((f) => f.rule === 'duplicate-worker');
    expect(hits.map((h) => h.message.split(':')[0])).toEqual(['clients.workers.1.name', 'clients.workers.2.clientId']);
  });

  it('duplicate-worker flags two workers with one service account (the release namespace by default), not one service account name in two namespaces', async () => {
    const s = withCluster(quickstart());
    s.clients.workers = [
      { name: 'a', serviceAccount: { name: 'sa' }, grants: { default: 'write' } },
      { name: 'b', serviceAccount: { name: 'sa', namespace: 'temporal' }, grants: { default: 'read' } },
      { name: 'c', serviceAccount: { name: 'sa', namespace: 'workers' }, grants: { default: 'read' } },
    ];
    const hits = (await lint(s)).filter((f) => f.rule === 'duplicate-worker');
    expect(hits.map((h) => h.message)).toEqual([
      "clients.workers.1.serviceAccount.name: service account temporal/sa is already clients.workers[0]'s; its token maps to one worker: merge the two entries' grants into one, or give each worker its own service account",
    ]);
  });

  it('duplicate-grant names the role that wins, whichever comes first', async () => {
    const s = quickstart();
    s.namespaces.default.grants = [
      { group: 'ops', role: 'admin' },
      { group: 'ops', role: 'read' },
    ];
    s.system.grants.push({ group: 'engineering', role: 'write' });
    const hits = (await lint(s)).filter((f) => f.rule === 'duplicate-grant');
    expect(hits).toHaveLength(2);
    expect(hits[0]!.message).toContain('admin wins');
    expect(hits[1]!.message).toContain('system scope');
    expect(hits[1]!.message).toContain('write wins');
  });

  it('system-scope-namespace uses the spelling of the server version', async () => {
    const s = builtin(quickstart());
    s.server.version = '1.20.0';
    s.namespaces.system = { grants: [{ group: 'ops', role: 'read' }] };
    const rules = (await lint(s)).map((f) => f.rule);
    // 1.20 is refused outright; the rule still sees `system` as the scope there.
    expect(rules).toContain('server-version-unsupported');
    expect(rules).toContain('system-scope-namespace');
  });

  it('permissions-regex: an invalid RE2 is a located warning, not a crash', async () => {
    const s = builtin(quickstart());
    s.server.authorization.permissionsRegex = '(?P<namespace>[a-z]+:(?P<role>\\w+)';
    const hit = (await lint(s)).find((f) => f.rule === 'permissions-regex');
    expect(hit?.message).toContain('does not compile');
    expect(hit!.line).toBeGreaterThan(0);
  });

  it('permissions-regex: Perl-only syntax (lookahead) is invalid under RE2', async () => {
    const s = builtin(quickstart());
    s.server.authorization.permissionsRegex = '^(?P<namespace>(?!x)[a-z]+):(?P<role>\\w+)$';
    expect((await lint(s)).map((f) => f.rule)).toContain('permissions-regex');
  });
});

describe('https-issuer covers the JWKS URL too', () => {
  it('an http issuer.jwksUri is an error at validate time', async () => {
    const s = builtin(quickstart());
    s.issuer.jwksUri = 'http://sso.acme.example/realms/acme/protocol/openid-connect/certs';
    const hit = (await lint(s)).find((f) => f.rule === 'https-issuer');
    expect(hit?.message).toMatch(/^issuer\.jwksUri: JWKS URL http:/);
  });
});

describe('template-injection, on its own', () => {
  // The schema already refuses braces in URLs; the rule must not rely on that.
  it('flags every value that lands in server.config, URLs included', async () => {
    const { templateInjection } = await import('../src/input/rules/template-injection.js');
    const spec: any = builtin(quickstart());
    spec.issuer = { ...spec.issuer, url: 'https://a/{{x}}', jwksUri: 'https://a/{{y}}', audience: '{{z}}', claims: { permissions: '{{p}}' } };
    spec.server.authorization.permissionsRegex = '{{r}}';
    const paths = templateInjection.check!({ spec, chartVersion: '1.6.0' }).map((h) => h.path.join('.'));
    expect(paths.sort()).toEqual(['issuer.audience', 'issuer.claims.permissions', 'issuer.jwksUri', 'issuer.url', 'server.authorization.permissionsRegex']);
  });
});

describe('rules on odd but schema-valid input', () => {
  it('a non-http URI as issuer or callback is an error, not a crash', async () => {
    const s = quickstart();
    s.issuer.url = 'urn:example:issuer';
    s.clients.web.callbackUrl = 'mailto:someone@example.com';
    const rules = (await lint(s)).map((f) => f.rule);
    expect(rules).toContain('https-issuer');
    expect(rules).toContain('https-callback');
  });

  it('a literal secret on a worker client is refused too', async () => {
    const s = quickstart();
    s.clients.workers = [{ name: 'w', clientId: 'w', clientSecret: 'pasted', grants: { default: 'write' } }];
    expect((await lint(s)).map((f) => f.rule)).toContain('literal-secret');
  });
});

describe('workload identity: the traps the rules catch', () => {
  /** The findings of `rule` for a spec: each as `path: message` (its first part) and severity. */
  const hitsOf = async (s: Spec, rule: string) => (await lint(s)).filter((f) => f.rule === rule);
  const oneLine = (messages: string[]) => {
    for (const m of messages) expect(m).not.toMatch(/\n/);
  };

  it('worker-identity: neither identity, both, and the OAuth settings a service account has no use for, each at its key', async () => {
    const s = withCluster(quickstart());
    s.clients.workers = [
      { name: 'none', grants: { default: 'write' } },
      { ...saWorker(), name: 'both', clientId: 'both-client' },
      { ...saWorker({ name: 'sa' }), name: 'extra', clientSecret: { fromEnv: 'X' }, scopes: ['temporal.worker'], secret: { name: 'x' } },
    ];
    const hits = await hitsOf(s, 'worker-identity');
    expect(hits.map((h) => [h.severity, h.message.split(':')[0]])).toEqual([
      ['error', 'clients.workers.0.name'],
      ['error', 'clients.workers.1.clientId'],
      ['error', 'clients.workers.2.clientSecret'],
      ['error', 'clients.workers.2.scopes'],
      ['error', 'clients.workers.2.secret'],
    ]);
    oneLine(hits.map((h) => h.message));
    expect(hits[0]!.message).toContain('set serviceAccount { name }');
    expect(hits[1]!.message).toContain('granted two ways');
    expect(hits[2]!.message).toContain('remove clientSecret');
    // An OAuth worker alone, and a service-account worker alone, pass.
    s.clients.workers = [{ name: 'oauth', clientId: 'o', grants: { default: 'write' } }, saWorker()];
    expect(await hitsOf(s, 'worker-identity')).toEqual([]);
  });

  it('cluster-required: a service-account worker without cluster; cluster in builtin mode; a JWKS file missing or ignored', async () => {
    const s = quickstart();
    s.clients.workers = [saWorker()];
    expect((await hitsOf(s, 'cluster-required')).map((h) => h.message.split(':')[0])).toEqual(['clients.workers.0.serviceAccount']);

    const b = withCluster(builtin(quickstart()));
    const [inBuiltin] = await hitsOf(b, 'cluster-required');
    expect(inBuiltin!.message).toMatch(/^cluster: cluster is read by the custom-auth server only.*switch to custom mode$/);

    const f = withCluster(quickstart());
    f.cluster.jwks = { source: 'file' };
    expect((await hitsOf(f, 'cluster-required')).map((h) => h.message)).toEqual([
      'cluster.jwks.source: cluster.jwks.source is file, but cluster.jwks.file is not set; save the JWKS (kubectl get --raw /openid/v1/jwks > FILE) and set file',
    ]);
    f.cluster.jwks = { file: 'jwks.json' };
    expect((await hitsOf(f, 'cluster-required')).map((h) => h.message.split(':')[0])).toEqual(['cluster.jwks.file']);
    f.cluster.jwks = { source: 'file', file: 'jwks.json' };
    expect(await hitsOf(f, 'cluster-required')).toEqual([]);
  });

  it("cluster-audience: the issuer itself, every spelling of the API server's Service, and other systems' workload identity audiences", async () => {
    const bad = [
      'https://kubernetes.default.svc.cluster.local/',
      'https://kubernetes.default.svc',
      'kubernetes.default.svc',
      'kubernetes',
      'https://kubernetes.default.svc.corp.internal',
      'HTTPS://Kubernetes.Default.Svc',
      'sts.amazonaws.com',
      'api://AzureADTokenExchange',
      'my-project.svc.id.goog',
    ];
    for (const audience of bad) {
      const hits = await hitsOf(withCluster(quickstart(), audience), 'cluster-audience');
      expect(
        hits.map((h) => [h.severity, h.message.split(':')[0]]),
        audience,
      ).toEqual([['error', 'cluster.audience']]);
      expect(hits[0]!.message, audience).toContain('pick a name of its own for Temporal');
    }
    const eks = quickstart();
    eks.cluster = { issuer: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC', audience: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC' };
    expect(await hitsOf(eks, 'cluster-audience')).toHaveLength(1);
    for (const audience of ['temporal.acme.example', 'temporal', 'https://temporal.acme.example', 'kubernetes-temporal']) {
      expect(await hitsOf(withCluster(quickstart(), audience), 'cluster-audience'), audience).toEqual([]);
    }
  });

  it('service-account-namespace: a control-plane namespace, named or the release namespace by default', async () => {
    for (const namespace of ['kube-system', 'kube-public', 'kube-node-lease']) {
      const s = withCluster(quickstart());
      s.clients.workers = [saWorker({ namespace })];
      const [hit] = await hitsOf(s, 'service-account-namespace');
      expect(hit!.message.split(':')[0]).toBe('clients.workers.0.serviceAccount.namespace');
      expect(hit!.message).toContain(`is in ${namespace}, a namespace of the Kubernetes control plane`);
    }
    const s = withCluster(quickstart());
    s.release.namespace = 'kube-system';
    s.clients.workers = [saWorker()];
    expect((await hitsOf(s, 'service-account-namespace')).map((h) => h.message.split(':')[0])).toEqual(['release.namespace']);
  });

  it('https-issuer: the cluster issuer must be https too', async () => {
    const s = withCluster(quickstart());
    s.cluster.issuer = 'http://kubernetes.default.svc.cluster.local';
    expect((await hitsOf(s, 'https-issuer')).map((h) => h.message.split(':')[0])).toEqual(['cluster.issuer']);
  });

  it('examples/workload-identity.yaml passes every rule', async () => {
    const { exampleData } = await import('./helpers.js');
    expect((await lint(exampleData('workload-identity'))).filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('chart-version-differs', () => {
  it('names the chart, its version and the one the spec says; without --chart a spec version is never questioned', async () => {
    const s = quickstart();
    s.chart.version = '1.5.0';
    const [hit] = (await lint(s, undefined, chartFolder('1.6.0'))).filter((f) => f.rule === 'chart-version-differs');
    expect(hit!.message).toBe('chart.version: the chart at charts/temporal is version 1.6.0 (its Chart.yaml), so the output is for 1.6.0, not 1.5.0; set chart.version: "1.6.0"');
    expect((await lint(s)).filter((f) => f.rule === 'chart-version-differs')).toEqual([]);
  });
});
