import type { JSONWebKeySet } from 'jose';
import { discover } from './discovery.js';
import { getJson, type HttpOptions } from './http.js';
import { checkToken, type TokenCheck, type TokenVerdict } from './token-rules.js';

/**
 * Verifies a token against the issuer's live keys (JWKS from `jwksUri`, else
 * from discovery) under the rules of the server that will see it.
 */
export async function verifyToken(
  token: string,
  expect: Omit<TokenCheck, 'now'> & { jwksUri?: string; now?: Date },
  http: Omit<HttpOptions, 'method' | 'body'>,
): Promise<TokenVerdict> {
  const jwksUri = expect.jwksUri ?? String((await discover(expect.issuer, http)).jwks_uri ?? '');
  if (!jwksUri) return { ok: false, rules: expect.rules, reason: 'the issuer publishes no jwks_uri', warnings: [] };
  const jwks = (await getJson(jwksUri, http)) as JSONWebKeySet;
  return checkToken(token, jwks, { ...expect, now: expect.now ?? new Date() });
}
