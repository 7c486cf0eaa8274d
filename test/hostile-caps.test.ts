// The caps on what an issuer may send, tested exactly at the cap and one
// past it (an off-by-one in either direction is a bug): the response body
// (1 MiB, declared by Content-Length or streamed without one) and the number
// of keys read from a JWKS. Every server listens on 127.0.0.1.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { asKeySet, MAX_JWKS_KEYS } from '../src/oidc/discovery.js';
import { getJson, HttpError, httpCall, ISSUER_RESPONSE_LIMIT_BYTES } from '../src/oidc/http.js';
import { listenOnLoopback } from './support/loopback.js';
import { makeTestPki, type TestPki } from './support/tls.js';

let pki: TestPki;
const stops: (() => Promise<void>)[] = [];
beforeAll(async () => {
  pki = await makeTestPki();
});
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** A JSON document of exactly `size` bytes: {"p":"xxx..."}. */
const jsonOf = (size: number) => `{"p":"${'x'.repeat(size - 8)}"}`;

/** Serves `body` at every path, with a Content-Length (`declared`) or chunked in 64 KiB pieces. */
async function serve(body: string, declared: boolean) {
  const server = createServer({ cert: pki.certPem, key: pki.keyPem }, (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json', ...(declared ? { 'content-length': String(Buffer.byteLength(body)) } : {}) });
    const data = Buffer.from(body);
    let at = 0;
    const next = () => {
      if (at >= data.length) return void res.end();
      const piece = data.subarray(at, at + 65_536);
      at += piece.length;
      if (res.write(piece)) setImmediate(next);
      else res.once('drain', next);
    };
    next();
  });
  const { port, stop } = await listenOnLoopback(server as never, 30_000);
  stops.push(stop);
  return `https://127.0.0.1:${port}/doc`;
}

const fetchBody = (url: string, maxBytes?: number) => httpCall(url, { ca: pki.caPem, timeoutMs: 10_000, ...(maxBytes === undefined ? {} : { maxBytes }) });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('the response body cap', () => {
  it('is 1 MiB, what the custom-auth server reads', () => expect(ISSUER_RESPONSE_LIMIT_BYTES).toBe(1024 * 1024));

  for (const declared of [true, false]) {
    const how = declared ? 'with Content-Length' : 'streamed, no Content-Length';
    it(`${how}: exactly the cap is read in full, one byte more is refused`, async () => {
      const cap = ISSUER_RESPONSE_LIMIT_BYTES;
      const at = await fetchBody(await serve(jsonOf(cap), declared));
      expect(at.text.length).toBe(cap);
      const over = await failure(fetchBody(await serve(jsonOf(cap + 1), declared)));
      expect(over).toBeInstanceOf(HttpError);
      expect((over as Error).message).toMatch(declared ? /answered with 1 MiB, more than the 1 MiB temporal-auth reads/ : /answered with more than the 1 MiB temporal-auth reads/);
    });

    it(`${how}: a caller's smaller cap, exactly and one past`, async () => {
      expect((await getJson(await serve(jsonOf(100), declared), { ca: pki.caPem, timeoutMs: 5_000, maxBytes: 100 })) as object).toEqual({ p: 'x'.repeat(92) });
      expect(await failure(getJson(await serve(jsonOf(101), declared), { ca: pki.caPem, timeoutMs: 5_000, maxBytes: 100 }))).toBeInstanceOf(HttpError);
      // Streamed in one piece smaller than the cap, then more: the running total counts.
      expect((await fetchBody(await serve(jsonOf(65_536 * 2), declared), 65_536 * 2)).text.length).toBe(65_536 * 2);
      expect(await failure(fetchBody(await serve(jsonOf(65_536 * 2 + 1), declared), 65_536 * 2))).toBeInstanceOf(HttpError);
    });
  }
});

describe('the JWKS key count cap', () => {
  const key = (i: number) => ({ kty: 'RSA', kid: `k${i}`, n: 'AQAB', e: 'AQAB' });
  it(`${MAX_JWKS_KEYS} keys are read, ${MAX_JWKS_KEYS + 1} refused`, () => {
    expect(MAX_JWKS_KEYS).toBe(100);
    expect(asKeySet({ keys: Array.from({ length: MAX_JWKS_KEYS }, (_, i) => key(i)) }, 'https://idp/jwks').keys).toHaveLength(MAX_JWKS_KEYS);
    expect(() => asKeySet({ keys: Array.from({ length: MAX_JWKS_KEYS + 1 }, (_, i) => key(i)) }, 'https://idp/jwks')).toThrow(/lists 101 keys, more than the 100 temporal-auth reads/);
  });

  it('keeps only string, boolean and string-list members of each key', () => {
    const [k] = asKeySet({ keys: [{ kty: 'RSA', kid: 'a', ext: true, key_ops: ['verify'], x5c: ['MII'], n: { nested: 1 }, e: 3, oth: [{}] }] }, 'https://idp/jwks').keys;
    expect(k).toEqual({ kty: 'RSA', kid: 'a', ext: true, key_ops: ['verify'], x5c: ['MII'] });
  });
});
