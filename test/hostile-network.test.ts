// A hostile network: issuers and Kubernetes API servers that answer with
// plain-http URLs, drip, send too much, redirect, print terminal controls,
// echo secrets, or send JSON of the wrong shape. Every server here listens on
// 127.0.0.1 and stops by itself (listenOnLoopback), and after each test.

import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { emitValues } from '../src/emit/values.js';
import { decodeRelease, RELEASE_DECOMPRESSED_LIMIT_BYTES } from '../src/live/helm-release.js';
import { printable, printableJson } from '../src/util/printable.js';
import { REDACTED, scrubSecrets } from '../src/util/scrub.js';
import { type CliRun, examplePath, modelOf, quickstart, runCli, tempDir, writeSpec } from './helpers.js';
import { type HelmReleaseFixture, helmEncode, releaseJson, releaseSecret } from './support/helm-release.js';
import { listenOnLoopback } from './support/loopback.js';
import { makeTestPki, type TestPki } from './support/tls.js';

const MiB = 1024 * 1024;
const WORKER_SECRET = 'canary-net-secret/7e1f+&=x';
const ENV = { PAYROLL_WORKER_SECRET: WORKER_SECRET, OKTA_WEB_CLIENT_SECRET: 'canary-net-web-4b4b' };
/** Terminal controls that must never reach output raw (newline aside). */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

// ---------------------------------------------------------------- TLS and servers

type Handler = (req: IncomingMessage, res: ServerResponse, base: string) => void;

interface Running {
  base: string;
  port: number;
  /** `METHOD path authorization` of every request received. */
  requests: string[];
}

let pki: TestPki;
let dir: string;
let caFile: string;
let signingKey: CryptoKey;
let publicJwk: JWK;
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  // Two hosts, one loopback server: keys served from `localhost` are another host than the issuer's 127.0.0.1.
  pki = await makeTestPki({ dnsNames: ['localhost'] });
  dir = mkdtempSync(join(tmpdir(), 'temporal-auth-net-'));
  caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, pki.caPem);
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  signingKey = privateKey;
  publicJwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
});
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A loopback server (HTTPS with the test CA unless `plain`); it stops after the test. */
async function serve(handler: Handler, options: { plain?: boolean } = {}): Promise<Running> {
  const requests: string[] = [];
  const server = options.plain ? createHttpServer() : createHttpsServer({ cert: pki.certPem, key: pki.keyPem });
  const running: Running = { base: '', port: 0, requests };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    requests.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    try {
      handler(req, res, running.base);
    } catch {
      res.destroy();
    }
  });
  const { port, stop } = await listenOnLoopback(server as never, 40_000);
  stops.push(stop);
  running.port = port;
  running.base = `${options.plain ? 'http' : 'https'}://127.0.0.1:${port}`;
  return running;
}

function json(res: ServerResponse, status: number, body: unknown) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Headers, then one byte every 100 ms for 20 s: never idle, never done. */
function drip(_req: IncomingMessage, res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{');
  const timer = setInterval(() => res.write(' '), 100);
  res.on('close', () => clearInterval(timer));
  setTimeout(() => {
    clearInterval(timer);
    res.end('}');
  }, 20_000).unref();
}

/** A chunked body of `total` bytes (no Content-Length), sent as fast as the client reads. */
function flood(prefix: string, total: number) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write(prefix);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end(']}');
    };
    pump();
  };
}

// ---------------------------------------------------------------- issuers

type Routes = Record<string, Handler>;

/**
 * A fake OpenID Provider: discovery (overridable), a JWKS with the test key,
 * and a token endpoint that mints nothing unless a route says so.
 */
async function issuer(routes: Routes = {}, metadata: (base: string) => unknown = defaultMetadata): Promise<Running> {
  return serve((req, res, base) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const route = routes[path];
    if (route) return route(req, res, base);
    if (path === '/.well-known/openid-configuration') return json(res, 200, metadata(base));
    if (path === '/jwks') return json(res, 200, { keys: [publicJwk] });
    json(res, 404, { error: 'not_found' });
  });
}

function defaultMetadata(base: string) {
  return { issuer: base, jwks_uri: `${base}/jwks`, token_endpoint: `${base}/token`, grant_types_supported: ['client_credentials'] };
}

function specFor(issuerUrl: string) {
  const s = quickstart();
  s.issuer = { url: issuerUrl, provider: 'generic', audience: 'api://temporal' };
  s.namespaces = { payroll: { grants: [{ group: 'payroll-engineers', role: 'write' }] }, default: { grants: [{ group: 'engineering', role: 'write' }] } };
  s.clients.workers = [{ name: 'payroll-worker', clientId: 'payroll-client', clientSecret: { fromEnv: 'PAYROLL_WORKER_SECRET' }, grants: { payroll: 'write' } }];
  return writeSpec(s, tempDir());
}

async function signedToken(iss: string, kid = 'k1') {
  return new SignJWT({ groups: ['payroll-engineers'], client_id: 'payroll-client' })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuer(iss)
    .setAudience('api://temporal')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(signingKey);
}

const runs: CliRun[] = [];
async function cli(args: string[]): Promise<CliRun & { ms: number }> {
  const started = Date.now();
  const run = await runCli(args, { env: ENV });
  runs.push(run);
  return { ...run, ms: Date.now() - started };
}
const check = (spec: string, ...extra: string[]) => cli(['check', spec, '--ca-file', caFile, ...extra]);
const token = (spec: string, ...extra: string[]) => cli(['token', spec, '--client', 'payroll-worker', '--ca-file', caFile, '--no-snippets', ...extra]);
const verify = (spec: string, jwt: string, ...extra: string[]) => cli(['explain', spec, '--token', jwt, '--verify', '--ca-file', caFile, ...extra]);

/** One line on stderr, the given exit code, no stack, no raw terminal control. */
function oneLine(run: CliRun, code: number) {
  expect(run.code, run.stderr).toBe(code);
  expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stderr).not.toContain('internal error');
  expect(run.stderr).not.toMatch(RAW_CONTROL);
}

// ---------------------------------------------------------------- 1. https only

describe('URLs from discovery must be https', () => {
  it('token refuses a plain-http token_endpoint and sends the secret nowhere', async () => {
    const plain = await serve((_req, res) => json(res, 200, { access_token: 'stolen', token_type: 'Bearer' }), { plain: true });
    const op = await issuer({}, (base) => ({ ...defaultMetadata(base), token_endpoint: `${plain.base}/token` }));
    const run = await token(specFor(op.base));
    oneLine(run, 1);
    expect(run.stderr).toContain(`token_endpoint ${plain.base}/token is not https`);
    expect(run.stdout).toBe('');
    expect(plain.requests).toEqual([]);
  });

  it('explain --verify refuses keys from a plain-http jwks_uri', async () => {
    const plain = await serve((_req, res) => json(res, 200, { keys: [publicJwk] }), { plain: true });
    const op = await issuer({}, (base) => ({ ...defaultMetadata(base), jwks_uri: `${plain.base}/jwks` }));
    const run = await verify(specFor(op.base), await signedToken(op.base));
    oneLine(run, 1);
    expect(run.stderr).toContain(`jwks_uri ${plain.base}/jwks is not https`);
    expect(run.stdout).not.toContain('Verified: yes');
    expect(plain.requests).toEqual([]);
  });

  it('check fails plain-http jwks_uri and token_endpoint, naming each field', async () => {
    const plain = await serve((_req, res) => json(res, 200, { keys: [publicJwk] }), { plain: true });
    const op = await issuer({}, (base) => ({ ...defaultMetadata(base), jwks_uri: `${plain.base}/jwks`, token_endpoint: `${plain.base}/token` }));
    const run = await check(specFor(op.base));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`FAIL jwks: discovery's jwks_uri ${plain.base}/jwks is not https`);
    expect(run.stdout).toContain(`FAIL client-credentials: discovery's token_endpoint ${plain.base}/token is not https`);
    expect(run.stdout).not.toMatch(/^ok {3}jwks/m);
    expect(plain.requests).toEqual([]);
  });

  it('check warns (and still passes) when the keys come from another host than the issuer', async () => {
    const op = await issuer({}, (base) => ({ ...defaultMetadata(base), jwks_uri: base.replace('127.0.0.1', 'localhost') + '/jwks' }));
    const run = await check(specFor(op.base));
    expect(run.stdout).toMatch(/^warn jwks-host: keys come from localhost, not the issuer's host 127\.0\.0\.1/m);
    expect(run.stdout).toMatch(/^ok {3}jwks: /m);
    expect(run.code, run.stdout).toBe(0);
  });
});

// ---------------------------------------------------------------- 2. deadlines

describe('every issuer exchange ends within --timeout, even when the issuer drips', () => {
  it('check: discovery dripping one byte at a time', async () => {
    const op = await issuer({ '/.well-known/openid-configuration': drip });
    const run = await check(specFor(op.base), '--timeout', '500ms');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL discovery: .*did not answer in full within 0\.5s/m);
    expect(run.ms).toBeLessThan(2_500);
  });

  it('check: the deadline covers the whole run, not each request', async () => {
    const slow = (body: (base: string) => unknown) => (_req: IncomingMessage, res: ServerResponse, base: string) => void setTimeout(() => json(res, 200, body(base)), 700);
    const op = await issuer({ '/.well-known/openid-configuration': slow(defaultMetadata), '/jwks': slow(() => ({ keys: [publicJwk] })) });
    const run = await check(specFor(op.base), '--timeout', '1s');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ok {3}discovery/m);
    // Each answer alone is within --timeout; together they are not.
    expect(run.stdout).toMatch(/^FAIL jwks: .*did not answer in full within 1s/m);
    expect(run.ms).toBeLessThan(3_000);
  });

  it('token: the token endpoint dripping', async () => {
    const op = await issuer({ '/token': drip });
    const run = await token(specFor(op.base), '--timeout', '500ms');
    oneLine(run, 1);
    expect(run.stderr).toContain('did not answer in full within 0.5s');
    expect(run.ms).toBeLessThan(2_500);
  });

  it('explain --verify: the JWKS dripping', async () => {
    const op = await issuer({ '/jwks': drip });
    const run = await verify(specFor(op.base), await signedToken(op.base), '--timeout', '500ms');
    oneLine(run, 1);
    expect(run.stderr).toContain('did not answer in full within 0.5s');
    expect(run.ms).toBeLessThan(2_500);
  });
});

// ---------------------------------------------------------------- 3. size caps

describe('answers are size-capped', () => {
  it('check: a 3 MiB discovery document is refused', async () => {
    const op = await issuer({}, (base) => ({ ...defaultMetadata(base), padding: 'x'.repeat(3 * MiB) }));
    const run = await check(specFor(op.base));
    expect(run.code).toBe(1);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toMatch(/^FAIL discovery: .* answered with 3 MiB, more than the 1 MiB temporal-auth reads/);
  });

  it('explain --verify: an endless JWKS (no Content-Length) is cut off at 1 MiB', async () => {
    const op = await issuer({ '/jwks': flood('{"keys":[', 50 * MiB) });
    const run = await verify(specFor(op.base), await signedToken(op.base));
    oneLine(run, 1);
    expect(run.stderr).toContain('answered with more than the 1 MiB temporal-auth reads');
    expect(run.ms).toBeLessThan(5_000);
  });

  it('token: a 3 MiB token answer is refused', async () => {
    const op = await issuer({ '/token': (_req, res) => json(res, 200, { access_token: 'a'.repeat(3 * MiB), token_type: 'Bearer' }) });
    const run = await token(specFor(op.base));
    oneLine(run, 1);
    expect(run.stderr).toContain('more than the 1 MiB temporal-auth reads');
    expect(run.stdout).toBe('');
  });
});

// ---------------------------------------------------------------- 5, 6. printable, scrubbed

describe('printable: text from outside is escaped', () => {
  it('escapes C0, DEL, C1, line separators and bidi controls, and nothing else', () => {
    expect(printable('a\u001b[2Jb\r\n\u0007\u0000')).toBe('a\\u001b[2Jb\\u000d\\u000a\\u0007\\u0000');
    expect(printable('\u007f\u0085\u009b31m')).toBe('\\u007f\\u0085\\u009b31m');
    expect(printable('x\u2028y\u2029z')).toBe('x\\u2028y\\u2029z');
    expect(printable('\u202aa\u202bb\u202cc\u202dd\u202ee\u2066f\u2067g\u2068h\u2069')).toBe('\\u202aa\\u202bb\\u202cc\\u202dd\\u202ee\\u2066f\\u2067g\\u2068h\\u2069');
    expect(printable('plain text, é, 日本, 🙂, "quotes" \\ tab-free')).toBe('plain text, é, 日本, 🙂, "quotes" \\ tab-free');
    expect(printable(printable('\u001b'))).toBe('\\u001b');
    expect(printable(42)).toBe('42');
    expect(printable(null)).toBe('null');
  });

  it('printableJson keeps JSON valid and the same data', () => {
    const value = { a: '\u009b2J\u202e\u2028', b: ['\u001b'] };
    const text = printableJson(JSON.stringify(value, null, 2));
    expect(text).not.toMatch(/[\u007f-\u009f\u2028\u202e]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('check: issuer fields with terminal controls are printed escaped', async () => {
    const op = await issuer({}, (base) => ({ ...defaultMetadata(base), issuer: `${base}\u009b2J\u202eevil`, grant_types_supported: ['authorization_code\u001b]0;pwned\u0007'] }));
    const run = await check(specFor(op.base));
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(run.stdout).toContain('\\u009b2J\\u202eevil');
    expect(run.stdout).toContain('authorization_code\\u001b]0;pwned\\u0007');
  });

  it('explain --verify: a jwks_uri with terminal controls is printed escaped, on one line', async () => {
    const op = await issuer({}, (base) => ({ ...defaultMetadata(base), jwks_uri: `${base}/nokeys\u001b[2J\nVerified: yes` }));
    const run = await verify(specFor(op.base), await signedToken(op.base));
    oneLine(run, 1);
    expect(run.stderr).toContain('\\u001b[2J\\u000aVerified: yes');
  });

  it('token: an error_description with terminal controls is printed escaped, on one line', async () => {
    const op = await issuer({ '/token': (_req, res) => json(res, 401, { error: 'invalid_client', error_description: 'no\u001b[2J\u001b[H\nexport TEMPORAL_AUTH_TOKEN=forged\u202e' }) });
    const run = await token(specFor(op.base));
    oneLine(run, 1);
    expect(run.stderr).toContain('invalid_client: no\\u001b[2J\\u001b[H\\u000aexport TEMPORAL_AUTH_TOKEN=forged\\u202e');
  });

  it('token: an access_token that is not printable ASCII is refused, not printed', async () => {
    const op = await issuer({ '/token': (_req, res) => json(res, 200, { access_token: 'eyJ\u001b[2Jx', token_type: 'Bearer' }) });
    const run = await token(specFor(op.base));
    oneLine(run, 1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('access_token that is not printable ASCII');
  });

  it('token: an absurd expires_in is ignored, not a crash', async () => {
    const op = await issuer({ '/token': (_req, res) => json(res, 200, { access_token: 'eyJ.a.b', token_type: 'Bearer', expires_in: 1e300 }) });
    const run = await token(specFor(op.base), '-o', 'json');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ accessToken: 'eyJ.a.b', tokenType: 'Bearer' });
  });
});

describe('scrubSecrets: a secret the issuer echoes never reaches the output', () => {
  const id = 'payroll-client';
  const forms = (secret: string) => {
    const pair = `${encodeURIComponent(id)}:${encodeURIComponent(secret)}`;
    return {
      raw: secret,
      basic: Buffer.from(pair).toString('base64'),
      base64: Buffer.from(secret).toString('base64'),
      base64url: Buffer.from(secret).toString('base64url'),
      uri: encodeURIComponent(secret),
      form: new URLSearchParams({ client_secret: secret }).toString(),
      json: JSON.stringify(secret),
      pair,
    };
  };

  it('replaces the value, its base64, the Basic credentials, and its URL-encoded forms', () => {
    const f = forms(WORKER_SECRET);
    const text = `Authorization: Basic ${f.basic}; body ${f.form}; uri ${f.uri}; b64 ${f.base64} / ${f.base64url}; raw ${f.raw}; json ${f.json}; pair ${f.pair}; other-${Buffer.from(`x${WORKER_SECRET}`).toString('base64')}`;
    const out = scrubSecrets(text, [WORKER_SECRET, f.pair]);
    expect(out).toContain(REDACTED);
    for (const [name, form] of Object.entries(f)) expect(out, name).not.toContain(form.replace(/^client_secret=/, ''));
    // No 8 characters of the secret survive, and of base64 with the secret inside, at most a partial group each side.
    for (let i = 0; i + 8 <= WORKER_SECRET.length; i++) expect(out).not.toContain(WORKER_SECRET.slice(i, i + 8));
    expect(out).toMatch(/other-[A-Za-z0-9+/=]{0,4}\[redacted\][A-Za-z0-9+/=]{0,4}$/);
    expect(out).toContain('Authorization: Basic [redacted]');
  });

  it('leaves text without secrets alone, and ignores empty secrets', () => {
    expect(scrubSecrets('invalid_client: bad credentials', [WORKER_SECRET, ''])).toBe('invalid_client: bad credentials');
  });

  it('token: an issuer echoing the Authorization header and the form body puts no secret on stderr', async () => {
    const op = await issuer({
      '/token': (req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () =>
          json(res, 401, {
            error: 'invalid_client',
            error_description: `rejected ${req.headers.authorization} with body ${body}&client_secret=${encodeURIComponent(WORKER_SECRET)} secret=${WORKER_SECRET} b64=${Buffer.from(WORKER_SECRET).toString('base64')}`,
          }),
        );
      },
    });
    const run = await token(specFor(op.base));
    oneLine(run, 1);
    expect(run.stderr).toContain('rejected Basic [redacted]');
    for (const [name, form] of Object.entries(forms(WORKER_SECRET))) expect(run.stderr, name).not.toContain(form.replace(/^client_secret=/, ''));
  });
});

// ---------------------------------------------------------------- 7. wrong shapes: exit 1, never 70

describe('a wrong answer from the issuer is exit 1 with one line, never an internal error', () => {
  const discoveryAnswers: [string, string][] = [
    ['null', 'null'],
    ['[]', '[]'],
    ['a string', '"https://evil.example"'],
    ['invalid JSON', '{"issuer": '],
    ['a number', '42'],
  ];

  for (const [what, body] of discoveryAnswers) {
    it(`token: discovery answers ${what}`, async () => {
      const op = await issuer({ '/.well-known/openid-configuration': (_req, res) => json(res, 200, body) });
      const run = await token(specFor(op.base));
      oneLine(run, 1);
      expect(run.stderr).toContain('/.well-known/openid-configuration');
    });

    it(`check and explain --verify: discovery answers ${what}`, async () => {
      const op = await issuer({ '/.well-known/openid-configuration': (_req, res) => json(res, 200, body) });
      const spec = specFor(op.base);
      const checked = await check(spec);
      expect(checked.code).toBe(1);
      expect(checked.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^FAIL discovery: /)]);
      oneLine(await verify(spec, await signedToken(op.base)), 1);
    });
  }

  it('token: discovery with a token_endpoint that is not a string', async () => {
    const op = await issuer({}, (base) => ({ ...defaultMetadata(base), token_endpoint: { href: `${base}/token` } }));
    const run = await token(specFor(op.base));
    oneLine(run, 1);
    expect(run.stderr).toContain('an object as token_endpoint');
  });

  for (const [what, body] of [
    ['null', 'null'],
    ['a list', '[{"access_token": "x"}]'],
    ['invalid JSON', '{"access_token": '],
  ] as const) {
    it(`token: the token endpoint answers 200 with ${what}`, async () => {
      const op = await issuer({ '/token': (_req, res) => json(res, 200, body) });
      const run = await token(specFor(op.base));
      oneLine(run, 1);
      expect(run.stderr).toContain('refused the client_credentials grant for payroll-client (HTTP 200, no access_token');
    });
  }

  const jwksAnswers: [string, unknown, RegExp][] = [
    ['null', null, /returned null, not a JSON Web Key Set/],
    ['a list', [{ kty: 'RSA', kid: 'k1' }], /returned a list, not a JSON Web Key Set/],
    ['keys as a string', { keys: 'k1' }, /keys is a string, not a list/],
    ['keys that are not objects', { keys: [1, 'x', null] }, /key 1 is a number, not a JWK object/],
  ];
  for (const [what, body, message] of jwksAnswers) {
    it(`explain --verify and check: a JWKS that is ${what}`, async () => {
      const op = await issuer({ '/jwks': (_req, res) => json(res, 200, body) });
      const spec = specFor(op.base);
      const run = await verify(spec, await signedToken(op.base));
      oneLine(run, 1);
      expect(run.stderr).toMatch(message);
      const checked = await check(spec);
      expect(checked.code).toBe(1);
      expect(checked.stdout).toMatch(new RegExp(`^FAIL jwks: .*${message.source}`, 'm'));
    });
  }

  it('explain --verify and check: a JWKS whose key cannot be imported', async () => {
    // No exponent: no verifier can import it. (The nested member is dropped before jose sees it.)
    const broken = { kty: 'RSA', kid: 'k1', alg: 'RS256', use: 'sig', n: 'AQAB', nested: { deep: [[[1]]] } };
    const op = await issuer({ '/jwks': (_req, res) => json(res, 200, { keys: [broken] }) });
    const spec = specFor(op.base);
    const run = await verify(spec, await signedToken(op.base));
    oneLine(run, 1);
    expect(run.stderr).toContain('key "k1" cannot be used');
    const checked = await check(spec);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(/^FAIL jwks: .*no RS256\/ES256 signing key with a kid among 1 key\(s\) \(1 that cannot be imported as public keys\)/m);
  });

  it('explain --verify: a JWKS publishing a private key is refused', async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const leaked = { ...(await exportJWK(privateKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const op = await issuer({ '/jwks': (_req, res) => json(res, 200, { keys: [leaked] }) });
    const run = await verify(specFor(op.base), await signedToken(op.base));
    oneLine(run, 1);
    expect(run.stderr).toContain('is a private key, not a public key');
  });

  it('a well-behaved fake issuer still verifies (the checks above are not over-eager)', async () => {
    const op = await issuer();
    const spec = specFor(op.base);
    const run = await verify(spec, await signedToken(op.base), '-n', 'payroll', '--api', 'StartWorkflowExecution');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Verified: yes');
    const checked = await check(spec);
    expect(checked.code, checked.stdout).toBe(0);
  });
});

// ---------------------------------------------------------------- the Kubernetes API

function kubeconfigFor(server: string): string {
  const d = tempDir();
  const file = join(d, 'kubeconfig.yaml');
  writeFileSync(
    file,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'test', cluster: { server, 'certificate-authority-data': Buffer.from(pki.caPem).toString('base64') } }],
      users: [{ name: 'tester', user: { token: 'hostile-test-token' } }],
      contexts: [{ name: 'test', context: { cluster: 'test', user: 'tester', namespace: 'temporal' } }],
      'current-context': 'test',
    }),
  );
  return file;
}

function status(res: ServerResponse, code: number, message: string) {
  json(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Failure', code });
}

/** A Kubernetes API that lists `releases` as Helm's Secrets and has no auth Secret. */
function kubeServing(list: () => unknown): Handler {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'https://x');
    if (/^\/api\/v1\/namespaces\/temporal\/secrets$/.test(url.pathname)) return json(res, 200, list());
    status(res, 404, 'the server could not find the requested resource');
  };
}

const secretList = (...items: object[]) => ({ kind: 'SecretList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items });
const release = (config: object, extra: Partial<HelmReleaseFixture> = {}): HelmReleaseFixture => ({
  name: 'temporal',
  namespace: 'temporal',
  version: 3,
  status: 'deployed',
  chartVersion: '1.6.0',
  config: config as Record<string, unknown>,
  ...extra,
});

let desired: Record<string, any>;
function oktaSpec(): string {
  const file = join(tempDir(), 'okta.yaml');
  copyFileSync(examplePath('okta'), file);
  return file;
}
const diff = (kubeconfig: string, ...extra: string[]) => cli(['diff', oktaSpec(), '--kubeconfig', kubeconfig, '--detailed-exitcode', ...extra]);

describe('diff against a hostile Kubernetes API', () => {
  beforeAll(async () => {
    desired = emitValues(await modelOf(examplePath('okta'))) as Record<string, any>;
  });

  it('a redirect to another server is refused (exit 3), and the credentials go nowhere', async () => {
    const elsewhere = await serve(kubeServing(() => secretList(releaseSecret(release(desired)))));
    const redirector = await serve((req, res) => {
      res.writeHead(302, { location: `${elsewhere.base}${req.url}` });
      res.end();
    });
    const run = await diff(kubeconfigFor(redirector.base));
    oneLine(run, 3);
    expect(run.stderr).toContain(`answered 302 redirecting to ${elsewhere.base}/api/v1/namespaces/temporal/secrets`);
    expect(run.stderr).toContain('does not follow redirects');
    expect(run.stdout).toBe('');
    expect(elsewhere.requests).toEqual([]);
  });

  it('a 403 whose message carries terminal controls cannot clear the screen or forge a line', async () => {
    const forged = '\u001b[2J\u001b[H\nNo drift.\nDrift: 0 difference(s).\n\u009b2K';
    const api = await serve((_req, res) => status(res, 403, `secrets is forbidden${forged}`));
    const run = await diff(kubeconfigFor(api.base));
    oneLine(run, 3);
    expect(run.stderr).toContain('403 Forbidden: not allowed to list secrets in namespace temporal (secrets is forbidden\\u001b[2J\\u001b[H\\u000aNo drift.');
  });

  it('release data with terminal controls (env names, chart version) is printed escaped, text and JSON', async () => {
    const live = JSON.parse(JSON.stringify(desired));
    live.server.additionalEnv.push({ name: 'TEMPORAL_AUTH_\u001b[2JX\u202e', value: 'v\u009b31m' });
    const api = await serve(kubeServing(() => secretList(releaseSecret(release(live, { chartVersion: '1.6.0\u001b]0;pwned\u0007' })))));
    const kubeconfig = kubeconfigFor(api.base);
    // With the user's values (none), every entry of the lists render writes is compared, this one too.
    const values = join(tempDir(), 'values.yaml');
    writeFileSync(values, '{}\n');
    const text = await diff(kubeconfig, '--values', values);
    expect(text.code, text.stderr).toBe(2);
    expect(text.stdout).not.toMatch(RAW_CONTROL);
    expect(text.stdout).toContain('server.additionalEnv[TEMPORAL_AUTH_\\u001b[2JX\\u202e]');
    expect(text.stdout).toContain('chart 1.6.0\\u001b]0;pwned\\u0007');
    const asJson = await diff(kubeconfig, '-o', 'json', '--values', values);
    expect(asJson.stdout).not.toMatch(RAW_CONTROL);
    const report = JSON.parse(asJson.stdout);
    expect(report.chart.live).toBe('1.6.0\u001b]0;pwned\u0007'); // the same data, escaped only in the text
    expect(report.changes[0].live.value).toBe('v\u009b31m');
  });

  let bombCache: Buffer | undefined;
  /** A valid Helm release record whose manifest is 100 MiB of "a": 100 kB gzipped. */
  const gzipBomb = () => {
    if (bombCache) return bombCache;
    const head = Buffer.from(releaseJson(release({})).replace(/"manifest":"[^"]*"/, '"manifest":"'));
    const cut = head.indexOf('"manifest":"') + '"manifest":"'.length;
    bombCache = gzipSync(Buffer.concat([head.subarray(0, cut), Buffer.alloc(100 * MiB, 0x61), head.subarray(cut)]));
    return bombCache;
  };

  it('a gzip bomb in the release is refused (exit 3), not decompressed', async () => {
    const bomb = gzipBomb();
    expect(bomb.length).toBeLessThan(MiB);
    const api = await serve(kubeServing(() => secretList(releaseSecret(release({}), bomb.toString('base64')))));
    const run = await diff(kubeconfigFor(api.base));
    oneLine(run, 3);
    expect(run.stderr).toContain(`release data in sh.helm.release.v1.temporal.v3 cannot be decoded (it decompresses to more than 64 MiB)`);
  });

  it('decodeRelease stops at the named limit', () => {
    expect(RELEASE_DECOMPRESSED_LIMIT_BYTES).toBe(64 * MiB);
    expect(() => decodeRelease({ objectName: 'x', labels: {}, payload: gzipBomb().toString('base64') })).toThrow(/decompresses to more than 64 MiB/);
    const fine = helmEncode(releaseJson(release({ a: 1 })));
    expect(decodeRelease({ objectName: 'x', labels: {}, payload: fine }).config).toEqual({ a: 1 });
  });

  it('release values nesting 2,000 deep are refused (exit 3), not a stack overflow', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 2_000; i++) deep = { a: deep };
    const api = await serve(kubeServing(() => secretList(releaseSecret(release({ ...desired, deep })))));
    const run = await diff(kubeconfigFor(api.base));
    oneLine(run, 3);
    expect(run.stderr).toContain('its values nest deeper than 100 levels');
  });

  it('a --values-file nesting past the limit is bad input (exit 1), one located line', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 150; i++) deep = { a: deep };
    const file = join(tempDir(), 'live.yaml');
    writeFileSync(file, JSON.stringify({ ...desired, deep }));
    const run = await cli(['diff', oktaSpec(), '--values-file', file]);
    oneLine(run, 1);
    expect(run.stderr).toMatch(/live\.yaml:1:1 error values the values nest deeper than 100 levels/);
    expect(run.stdout).toBe('');
  });

  it('answers of the wrong shape are exit 3 with one line', async () => {
    const answers: [string, () => unknown][] = [
      ['no items', () => ({ kind: 'SecretList' })],
      ['items not a list', () => ({ kind: 'SecretList', items: 'x' })],
      ['items not objects', () => secretList(null as never, 5 as never)],
      ['data.release not a string', () => secretList({ ...releaseSecret(release(desired)), data: { release: 5 } })],
      ['labels not strings', () => secretList({ ...releaseSecret(release(desired)), metadata: { name: 'x', labels: { status: ['deployed'], version: 3 } } })],
    ];
    for (const [what, list] of answers) {
      const api = await serve(kubeServing(list));
      const run = await diff(kubeconfigFor(api.base));
      expect(run.code, `${what}: ${run.stderr}`).toBe(3);
      expect(run.stderr.trim().split('\n'), what).toHaveLength(1);
      expect(run.stderr, what).not.toContain('internal error');
    }
    const notJson = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('<html>login</html>');
    });
    const run = await diff(kubeconfigFor(notJson.base));
    oneLine(run, 3);
  });

  it('an endless answer from the API is cut off (exit 3)', async () => {
    const api = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(200 * MiB) });
      res.end('{');
    });
    const run = await diff(kubeconfigFor(api.base));
    oneLine(run, 3);
    expect(run.stderr).toContain('more than 128 MiB');
  });
});

describe('secret canary', () => {
  it('no client secret appeared in any output', () => {
    expect(runs.length).toBeGreaterThan(20);
    for (const run of runs) {
      for (const canary of [WORKER_SECRET, encodeURIComponent(WORKER_SECRET), Buffer.from(WORKER_SECRET).toString('base64'), ENV.OKTA_WEB_CLIENT_SECRET]) {
        expect(run.stdout).not.toContain(canary);
        expect(run.stderr).not.toContain(canary);
      }
    }
  });
});
