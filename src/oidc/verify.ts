import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { discover } from './discovery.js';
import { getJson, type HttpOptions } from './http.js';

export type VerifyResult = { ok: true; payload: JWTPayload } | { ok: false; reason: string };

/**
 * Verifies a token the way a careful server would: signature against the
 * issuer's JWKS (found by discovery), exact issuer, audience when the spec
 * names one, exp/nbf with the given clock skew.
 */
export async function verifyToken(
  token: string,
  expect: { issuer: string; audience?: string; jwksUri?: string; clockSkewSeconds: number },
  http: Omit<HttpOptions, 'method' | 'body'>,
): Promise<VerifyResult> {
  const jwksUri = expect.jwksUri ?? String((await discover(expect.issuer, http)).jwks_uri ?? '');
  if (!jwksUri) return { ok: false, reason: 'the issuer publishes no jwks_uri' };
  const jwks = createLocalJWKSet((await getJson(jwksUri, http)) as JSONWebKeySet);
  try {
    const { payload } = await jwtVerify(token, jwks, {
      issuer: expect.issuer,
      audience: expect.audience,
      clockTolerance: expect.clockSkewSeconds,
      algorithms: ['RS256', 'ES256', 'RS384', 'RS512', 'ES384', 'PS256'],
    });
    return { ok: true, payload };
  } catch (err) {
    return { ok: false, reason: describeJoseError(err) };
  }
}

function describeJoseError(err: unknown): string {
  if (err instanceof errors.JWTExpired) return `expired (exp ${new Date(Number(err.payload.exp) * 1000).toISOString()})`;
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'iss') return `wrong issuer (${JSON.stringify(err.payload.iss)}, expected the spec's issuer.url)`;
    if (err.claim === 'aud') return `wrong audience (${JSON.stringify(err.payload.aud)}, expected the spec's issuer.audience)`;
    if (err.claim === 'nbf') return 'not valid yet (nbf is in the future)';
    return `claim ${err.claim} failed: ${err.reason}`;
  }
  if (err instanceof errors.JWKSNoMatchingKey) return "signed by a key that is not in the issuer's JWKS";
  if (err instanceof errors.JWSSignatureVerificationFailed) return "signature does not verify against the issuer's key";
  if (err instanceof errors.JOSEAlgNotAllowed) return 'signed with an algorithm Temporal does not accept';
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return 'not a well-formed JWT';
  return (err as Error).message.split('\n')[0]!;
}
