// A reset connection to the issuer. Node's https agent keeps connections
// alive, so a long-running process (explain({ verify }) 1,500 times) can send
// a GET on a connection the issuer closed as idle in the same instant: the
// request fails with ECONNRESET ("socket hang up") before any answer. An
// idempotent GET (discovery, JWKS) is retried once on such a reset, within
// the same deadline; a POST (the token endpoint) and a connection cut
// mid-answer are not.
//
// The servers here IMITATE that race by destroying the socket on purpose when
// a request arrives: a real issuer never resets on purpose, it closes idle
// keep-alive connections, and the race with the client's reuse is what
// resets. Every server listens on 127.0.0.1 and stops after each test.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { explain, IssuerError, workerToken } from '../src/index.js';
import { getJson, HttpError, httpCall } from '../src/oidc/http.js';
import { quickstart } from './helpers.js';
import { listenOnLoopback } from './support/loopback.js';
import { makeTestPki, type TestPki } from './support/tls.js';

let pki: TestPki;
let signingKey: CryptoKey;
let publicJwk: JWK;
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  pki = await makeTestPki();
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  signingKey = privateKey;
  publicJwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
});
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

type Handler = (req: IncomingMessage, res: ServerResponse, base: string) => void;

/**
 * An issuer on loopback that resets the connection of the requests whose
 * (0-based) number `reset` accepts, and answers the others with `handler`.
 * `seen` lists `METHOD path` of every request, reset or not.
 */
async function issuer(reset: (n: number, req: IncomingMessage) => boolean, handler?: Handler) {
  const seen: string[] = [];
  const server: Server = createServer({ cert: pki.certPem, key: pki.keyPem });
  let base = '';
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const n = seen.length;
    seen.push(`${req.method} ${req.url}`);
    // Imitation: the socket goes away before any byte of an answer, as an idle close racing a reuse does.
    if (reset(n, req)) {
      req.socket.destroy();
      return;
    }
    (handler ?? issuerHandler)(req, res, base);
  });
  const { port, stop } = await listenOnLoopback(server, 30_000);
  stops.push(stop);
  base = `https://127.0.0.1:${port}`;
  return { base, seen };
}

function issuerHandler(req: IncomingMessage, res: ServerResponse, base: string) {
  const body =
    req.url === '/.well-known/openid-configuration'
      ? { issuer: base, jwks_uri: `${base}/jwks`, token_endpoint: `${base}/token`, grant_types_supported: ['client_credentials'] }
      : req.url === '/jwks'
        ? { keys: [publicJwk] }
        : req.url === '/token'
          ? { access_token: 'a.b.c', token_type: 'Bearer', expires_in: 60 }
          : undefined;
  res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body ?? {}));
}

function spec(base: string) {
  const s = quickstart();
  s.issuer = { url: base, provider: 'generic', audience: 'api://temporal', tokenUrl: `${base}/token` };
  s.clients.workers = [{ name: 'w', clientId: 'w-client', clientSecret: { fromEnv: 'W' }, grants: { default: 'write' } }];
  return { data: s };
}

const token = (base: string) =>
  new SignJWT({ sub: 'u1', groups: ['engineering'] })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(base)
    .setAudience('api://temporal')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(signingKey);

describe('a GET to the issuer on a reset connection is retried once', () => {
  it('explain({ verify }): the first connection reset, discovery and JWKS answered, the token verified', async () => {
    const op = await issuer((n) => n === 0);
    const result = await explain(spec(op.base), { who: { token: await token(op.base), verify: { ca: pki.caPem, timeoutMs: 5_000 } }, api: 'StartWorkflowExecution', namespace: 'default' });
    expect(result.verification?.ok, JSON.stringify(result.verification)).toBe(true);
    expect(result.decision?.allowed).toBe(true);
    expect(op.seen).toEqual(['GET /.well-known/openid-configuration', 'GET /.well-known/openid-configuration', 'GET /jwks']);
  });

  it('a reset on the JWKS GET too: each GET gets its own one retry', async () => {
    const op = await issuer((n) => n === 0 || n === 2);
    const result = await explain(spec(op.base), { who: { token: await token(op.base), verify: { ca: pki.caPem, timeoutMs: 5_000 } } });
    expect(result.verification?.ok).toBe(true);
    expect(op.seen).toHaveLength(4);
  });

  it('once only: an issuer that resets every connection is an IssuerError naming the reset, after two tries', async () => {
    const op = await issuer(() => true);
    const err = await explain(spec(op.base), { who: { token: await token(op.base), verify: { ca: pki.caPem, timeoutMs: 5_000 } } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IssuerError);
    expect((err as Error).message).toMatch(/cannot reach https:\/\/127\.0\.0\.1:\d+\/\.well-known\/openid-configuration \((ECONNRESET|socket hang up)\)/);
    expect(op.seen).toEqual(['GET /.well-known/openid-configuration', 'GET /.well-known/openid-configuration']);
  });

  it('a POST is not retried (the token endpoint may have acted on it)', async () => {
    const op = await issuer((_n, req) => req.method === 'POST');
    const err = await workerToken(spec(op.base), { client: 'w', secrets: async () => ({ ok: true, value: 'canary-reset-secret' }), ca: pki.caPem, timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IssuerError);
    expect((err as Error).message).not.toContain('canary-reset-secret');
    expect(op.seen).toEqual(['POST /token']);
  });

  it('a connection cut mid-answer is not retried', async () => {
    const op = await issuer(
      () => false,
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"keys": [');
        setTimeout(() => res.socket?.destroy(), 20);
      },
    );
    const err = await getJson(`${op.base}/jwks`, { ca: pki.caPem, timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as Error).message).toMatch(/closed the connection mid-answer|aborted|ECONNRESET/);
    expect(op.seen).toHaveLength(1);
  });

  it('the retry stays within the same deadline', async () => {
    // The first connection is reset after 600 ms, the second is answered after 1.5 s: with a 1 s deadline, no answer.
    const op = await issuer(
      () => false,
      (req, res, base) => {
        if (op.seen.length === 1) setTimeout(() => req.socket.destroy(), 600);
        else setTimeout(() => issuerHandler(req, res, base), 1_500);
      },
    );
    const started = Date.now();
    const err = await httpCall(`${op.base}/jwks`, { ca: pki.caPem, timeoutMs: 1_000 }).catch((e: unknown) => e);
    const took = Date.now() - started;
    expect(err).toBeInstanceOf(HttpError);
    expect((err as Error).message).toContain('did not answer in full within 1s');
    expect(op.seen).toHaveLength(2);
    // A fresh budget for the retry would have taken 600 ms + 1 s.
    expect(took).toBeLessThan(1_400);
  });
});
