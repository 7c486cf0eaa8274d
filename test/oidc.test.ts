import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, generateKeyPair, importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type CliRun, quickstart, runCli, tempDir, writeSpec } from './helpers.js';
import { TestOpenIdProvider } from './support/oidc-op.js';

const WORKER_SECRET = 'canary-worker-secret-d41f';
let op: TestOpenIdProvider;
let dir: string;
let caFile: string;
const runs: CliRun[] = [];

beforeAll(async () => {
  op = await new TestOpenIdProvider([
    { clientId: 'payroll-client', clientSecret: WORKER_SECRET, claims: { groups: ['payroll-engineers'], permissions: ['payroll:write', 'temporal-system:read'] } },
  ]).start();
  // Not tempDir(): that is emptied after every test, and the CA must outlive them.
  dir = mkdtempSync(join(tmpdir(), 'temporal-auth-oidc-'));
  caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, op.pki!.caPem);
});
afterAll(async () => {
  await op.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A spec for the test issuer; `issuerUrl` lets a test put a trailing slash on it. */
function spec(options: { issuerUrl?: string; mode?: 'custom' | 'builtin'; tokenUrl?: string } = {}) {
  const s = quickstart();
  s.issuer = { url: options.issuerUrl ?? op.issuer, provider: 'generic', audience: 'api://temporal' };
  if (options.tokenUrl) s.issuer.tokenUrl = options.tokenUrl;
  if (options.mode === 'builtin') {
    s.server = { authorization: { mode: 'builtin' } };
    s.issuer.jwksUri = `${op.issuer}/jwks`; // the generic preset cannot derive it
  }
  s.namespaces = { payroll: { grants: [{ group: 'payroll-engineers', role: 'write' }] }, default: { grants: [{ group: 'engineering', role: 'write' }] } };
  s.clients.workers = [{ name: 'payroll-worker', clientId: 'payroll-client', clientSecret: { fromEnv: 'PAYROLL_WORKER_SECRET' }, grants: { payroll: 'write' } }];
  return writeSpec(s, tempDir());
}

/** GET a JSON document from the test issuer, trusting its CA. */
async function fetchJson(url: string): Promise<Record<string, unknown>> {
  const { request } = await import('node:https');
  return new Promise((resolve, reject) => {
    request(url, { ca: op.pki!.caPem }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(JSON.parse(body)));
    })
      .on('error', reject)
      .end();
  });
}

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = await runCli(args, { env: { PAYROLL_WORKER_SECRET: WORKER_SECRET, ...env } });
  runs.push(run);
  return run;
}

async function mint(): Promise<string> {
  const run = await cli(['token', spec(), '--client', 'payroll-worker', '--ca-file', caFile, '--no-snippets']);
  expect(run.code, run.stderr).toBe(0);
  return run.stdout.trim();
}

/** Signs a token with the provider's own key (or another), to make edge cases the provider would not issue. */
async function forge(claims: Record<string, unknown>, options: { otherKey?: boolean; expiresIn?: string } = {}) {
  const key = options.otherKey ? (await generateKeyPair('RS256')).privateKey : await importJWK(op.signingKey!, 'RS256');
  const kid = options.otherKey ? 'test-key-1' : op.signingKey!.kid!; // same kid, different key: the signature must fail
  return new SignJWT({ groups: ['payroll-engineers'], client_id: 'payroll-client', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuer(String(claims.iss ?? op.issuer))
    .setAudience(String(claims.aud ?? 'api://temporal'))
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '10m')
    .sign(key);
}

describe('check', () => {
  it('passes against a well-configured issuer, one line per check', async () => {
    const run = await cli(['check', spec(), '--ca-file', caFile]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(':')[0])).toEqual(['ok   discovery', 'ok   issuer', 'ok   jwks', 'ok   client-credentials']);
  });

  it("compares issuer.tokenUrl, which the worker Secrets carry, with discovery's token_endpoint", async () => {
    const { token_endpoint: endpoint } = await fetchJson(`${op.issuer}/.well-known/openid-configuration`);
    const same = await cli(['check', spec({ tokenUrl: String(endpoint) }), '--ca-file', caFile]);
    expect(same.code, same.stdout + same.stderr).toBe(0);
    expect(same.stdout).toContain(`ok   token-url: issuer.tokenUrl equals discovery's token_endpoint (${endpoint})`);
    const other = await cli(['check', spec({ tokenUrl: `${op.issuer}/oauth/token` }), '--ca-file', caFile]);
    expect(other.code).toBe(1);
    expect(other.stdout).toContain(
      `FAIL token-url: the worker Secrets carry issuer.tokenUrl "${op.issuer}/oauth/token" but discovery publishes token_endpoint "${endpoint}"; set issuer.tokenUrl to it`,
    );
  });

  it('fails when the discovery issuer differs from the spec (trailing slash)', async () => {
    const run = await cli(['check', spec({ issuerUrl: `${op.issuer}/` }), '--ca-file', caFile]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL issuer: discovery says issuer "https:\/\/127\.0\.0\.1:\d+" but the spec has "https:\/\/127\.0\.0\.1:\d+\/"/);
  });

  it('fails on TLS when the private CA is not trusted', async () => {
    const run = await cli(['check', spec()]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL discovery: cannot reach .*(SELF_SIGNED|UNABLE_TO_VERIFY|CERT)/);
    expect(run.stdout).toContain('pass it with --ca-file');
  });

  it('fails when the issuer is unreachable', async () => {
    const s = quickstart();
    s.issuer = { url: 'https://127.0.0.1:9', provider: 'generic' };
    const run = await cli(['check', writeSpec(s, tempDir()), '--timeout', '2s']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAIL discovery: cannot reach');
  });
});

describe("render --discover: the worker Secrets' token endpoint from discovery", () => {
  const env = { PAYROLL_WORKER_SECRET: WORKER_SECRET, TEMPORAL_UI_CLIENT_SECRET: 'ui-secret' };
  const workerSecret = (out: string) => parse(readFileSync(join(out, 'worker-secrets.yaml'), 'utf8'));
  const decoded = (data: Record<string, string>) => Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]));

  it('fills TEMPORAL_AUTH_TOKEN_URL with the token_endpoint the issuer publishes; offline, no Secret and a warning', async () => {
    const { token_endpoint: endpoint } = await fetchJson(`${op.issuer}/.well-known/openid-configuration`);
    const s = spec();
    const out = join(tempDir(), 'out');
    const run = await cli(['render', s, '--out', out, '--discover', '--ca-file', caFile], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('worker-token-url');
    expect(decoded(workerSecret(out).data)).toMatchObject({ TEMPORAL_AUTH_TOKEN_URL: endpoint, TEMPORAL_AUTH_CLIENT_ID: 'payroll-client', TEMPORAL_AUTH_CLIENT_SECRET: WORKER_SECRET });
    const offline = join(tempDir(), 'out');
    const quiet = await cli(['render', s, '--out', offline], env);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toContain('warning worker-token-url');
    expect(quiet.stderr).toContain('or render with --discover');
    expect(() => readFileSync(join(offline, 'worker-secrets.yaml'))).toThrow();
  });

  it('issuer.tokenUrl wins: the issuer is not contacted', async () => {
    const s = spec({ tokenUrl: 'https://127.0.0.1:9/token' });
    const out = join(tempDir(), 'out');
    // No --ca-file: reaching the issuer would fail on its private CA.
    const run = await cli(['render', s, '--out', out, '--discover'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(decoded(workerSecret(out).data).TEMPORAL_AUTH_TOKEN_URL).toBe('https://127.0.0.1:9/token');
  });

  it('an issuer that cannot be read is one line, exit 1, and nothing written', async () => {
    const out = join(tempDir(), 'out');
    const run = await cli(['render', spec(), '--out', out, '--discover'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^temporal-auth: the worker Secrets' token endpoint: cannot reach .*; set issuer.tokenUrl, or check the issuer \(temporal-auth check\)\nnothing written\n$/);
    expect(() => readFileSync(join(out, 'values.auth.yaml'))).toThrow();
    expect(run.stderr).not.toContain(WORKER_SECRET);
  });
});

describe('token', () => {
  it('mints a JWT access token for a declared worker client', async () => {
    const token = await mint();
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ iss: op.issuer, aud: 'api://temporal', client_id: 'payroll-client', groups: ['payroll-engineers'] });
  });

  it('--output json carries the expiry; snippets go to stderr', async () => {
    const run = await cli(['token', spec(), '--client', 'payroll-worker', '--ca-file', caFile, '-o', 'json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.expiresIn).toBe(3600);
    expect(Date.parse(out.expiresAt)).toBeGreaterThan(Date.now());
    expect(run.stderr).toContain('HeadersProvider');
    expect(run.stderr).toContain('setApiKey');
    expect(run.stderr).toContain('payroll-client');
  });

  it('a wrong secret is refused with the provider error, not the secret', async () => {
    const run = await cli(['token', spec(), '--client', 'payroll-worker', '--ca-file', caFile], { PAYROLL_WORKER_SECRET: 'canary-wrong-secret-0a0a' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('refused the client_credentials grant for payroll-client (invalid_client');
    expect(run.stderr).not.toContain('canary-wrong-secret-0a0a');
  });

  it('uses issuer.tokenUrl when the spec names it (the endpoint the worker Secret carries)', async () => {
    const withUrl = (url: string) => {
      const file = spec();
      const s = parse(readFileSync(file, 'utf8'));
      s.issuer.tokenUrl = url;
      return writeSpec(s, tempDir());
    };
    const discovered = (await (await fetchJson(`${op.issuer}/.well-known/openid-configuration`)).token_endpoint) as string;
    const ok = await cli(['token', withUrl(discovered), '--client', 'payroll-worker', '--ca-file', caFile, '--no-snippets']);
    expect(ok.code, ok.stderr).toBe(0);
    const wrong = await cli(['token', withUrl(`${op.issuer}/not-the-token-endpoint`), '--client', 'payroll-worker', '--ca-file', caFile, '--no-snippets']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('not-the-token-endpoint');
  });

  it('an unknown client and a missing secret variable are one-line errors', async () => {
    const unknown = await cli(['token', spec(), '--client', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no worker client named nope (declared: payroll-worker)');
    const missing = await cli(['token', spec(), '--client', 'payroll-worker'], { PAYROLL_WORKER_SECRET: '' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/:\d+:\d+ error secret-source environment variable PAYROLL_WORKER_SECRET is empty/);
  });
});

describe('explain --token --verify', () => {
  const verify = async (token: string, extra: string[] = [], specFile = spec()) => cli(['explain', specFile, '--token', token, '--verify', '--ca-file', caFile, ...extra]);

  it('a real token: verified, mapped through the policy and the builtin mapper, allowed to poll', async () => {
    const run = await verify(await mint(), ['-n', 'payroll', '--api', 'PollWorkflowTaskQueue']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('ALLOW');
    expect(run.stdout).toContain('Verified: yes');
    expect(run.stdout).toContain('Groups (groups): payroll-engineers');
    expect(run.stdout).toContain('Policy grants: payroll write');
    expect(run.stdout).toContain('Builtin JWT mapper (claim permissions): payroll write, system read');
  });

  it('builtin mode decides from the permissions claim', async () => {
    const run = await verify(await mint(), ['--api', 'GetSearchAttributes'], spec({ mode: 'builtin' }));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ALLOW');
    // GetSearchAttributes: cluster-scoped, and not a Web UI call the custom server widens (schemas/ui-calls.json).
    const custom = await verify(await mint(), ['--api', 'GetSearchAttributes']);
    expect(custom.code).toBe(2); // the policy gives no system role
  });

  it("an expired token is rejected beyond the custom server's 60 s leeway; clock skew can admit it", async () => {
    const token = await forge({}, { expiresIn: '-90s' });
    const run = await verify(token, ['-n', 'payroll', '--api', 'StartWorkflowExecution']);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('DENY');
    expect(run.stdout).toContain('the token is rejected (expired');
    expect(run.stdout).toContain('rules: the custom-auth server');
    const lenient = await verify(token, ['--clock-skew', '120', '-n', 'payroll', '--api', 'StartWorkflowExecution']);
    expect(lenient.code).toBe(0);
    // Within the leeway the custom server still accepts it.
    expect((await verify(await forge({}, { expiresIn: '-30s' }), ['-n', 'payroll', '--api', 'StartWorkflowExecution'])).code).toBe(0);
  });

  it("builtin mode applies the stock mapper's rules: no leeway, issuer only a warning, and a rejected token fails even the health check", async () => {
    const builtinSpec = spec({ mode: 'builtin' });
    const expired = await verify(await forge({}, { expiresIn: '-30s' }), ['--api', '/grpc.health.v1.Health/Check'], builtinSpec);
    expect(expired.code).toBe(2);
    expect(expired.stdout).toContain('DENY');
    expect(expired.stdout).toContain('health checks included');
    expect(expired.stdout).toContain("rules: Temporal's default claim mapper");
    const otherIssuer = await verify(await forge({ iss: 'https://evil.example', sub: 'u1', permissions: ['temporal-system:read'] }), ['--api', 'ListNamespaces'], builtinSpec);
    expect(otherIssuer.code, otherIssuer.stdout).toBe(0);
    expect(otherIssuer.stdout).toContain('Warning: the server would accept this token, but its issuer "https://evil.example" differs');
    const noSub = await verify(await forge({}), ['--api', 'ListNamespaces'], builtinSpec);
    expect(noSub.code).toBe(2);
    expect(noSub.stdout).toContain('sub claim is missing');
  });

  it('the exit code follows the printed decision: a rejected token on an always-allowed method is ALLOW and 0 (custom mode), DENY and 2 (builtin mode)', async () => {
    const expired = await forge({ sub: 'u1' }, { expiresIn: '-300s' });
    for (const api of ['/grpc.health.v1.Health/Check', 'GetSystemInfo']) {
      // The custom-auth server leaves a rejected token without roles, and the default authorizer lets these through without any.
      const custom = await verify(expired, ['--api', api]);
      expect(custom.stdout, api).toMatch(/^ALLOW: /);
      expect(custom.stdout).toContain('Verified: no: expired');
      expect(custom.code, api).toBe(0);
      const json = await verify(expired, ['--api', api, '-o', 'json']);
      expect(JSON.parse(json.stdout).decision.allowed).toBe(true);
      expect(json.code, api).toBe(0);
      // The stock claim mapper fails every call on a rejected token, health checks included.
      const builtin = await verify(expired, ['--api', api], spec({ mode: 'builtin' }));
      expect(builtin.stdout, api).toMatch(/^DENY: /);
      expect(builtin.code, api).toBe(2);
    }
    // Without --api there is no decision: a rejected token is exit 2 in both modes.
    expect((await verify(expired)).code).toBe(2);
    expect((await verify(expired, [], spec({ mode: 'builtin' }))).code).toBe(2);
  });

  it('a wrong audience is rejected', async () => {
    const run = await verify(await forge({ aud: 'api://other' }));
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Verified: no: wrong audience ("api://other", expected "api://temporal" from issuer.audience)');
  });

  it('a wrong issuer is rejected', async () => {
    const run = await verify(await forge({ iss: 'https://evil.example' }));
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Verified: no: wrong issuer ("https://evil.example"');
  });

  it('a token signed by another key is rejected', async () => {
    const run = await verify(await forge({}, { otherKey: true }));
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("Verified: no: signature does not verify against the issuer's key");
  });

  it('without --verify the token is only decoded', async () => {
    const run = await cli(['explain', spec(), '--token', await forge({ iss: 'https://evil.example' })]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Verified: not checked (pass --verify)');
  });

  it('a token that is not a JWT is bad input', async () => {
    const run = await cli(['explain', spec(), '--token', 'not-a-jwt']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--token is not a JWT');
  });
});

describe('secret canary', () => {
  it('no client secret appeared in any output', () => {
    expect(runs.length).toBeGreaterThan(10);
    for (const run of runs) {
      for (const canary of [WORKER_SECRET, 'canary-wrong-secret-0a0a']) {
        expect(run.stdout).not.toContain(canary);
        expect(run.stderr).not.toContain(canary);
      }
    }
  });
});
