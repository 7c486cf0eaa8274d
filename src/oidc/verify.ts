import { decodeProtectedHeader, importJWK, type JSONWebKeySet, type JWK } from 'jose';
import { printable } from '../util/printable.js';
import { asKeySet, discover, metadataUrl } from './discovery.js';
import { getJson, HttpError, type HttpOptions, requireHttps, withDeadline } from './http.js';
import { checkToken, TOKEN_ALGORITHMS, type TokenCheck, type TokenVerdict } from './token-rules.js';

/** Which keys jose would try for a token with this header (jwks/local.js isUsableJWK, for RSA and EC algorithms). */
function candidates(jwks: JSONWebKeySet, alg: string, kid: string): JWK[] {
  const kty = alg.startsWith('ES') ? 'EC' : 'RSA';
  const crv = alg === 'ES384' ? 'P-384' : 'P-256';
  return jwks.keys.filter((k) => k.kid === kid && k.kty === kty && (k.use === undefined || k.use === 'sig') && (k.alg === undefined || k.alg === alg) && (kty !== 'EC' || k.crv === crv));
}

/**
 * The key the token names must import as a public key: a key the issuer
 * publishes but no verifier can use (bad numbers, a private key) is the
 * issuer's fault, said in one line, not a verdict on the token.
 */
async function checkNamedKey(token: string, jwks: JSONWebKeySet, url: string): Promise<void> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return; // checkToken says the token is malformed
  }
  const { alg, kid } = header;
  if (typeof alg !== 'string' || typeof kid !== 'string' || !TOKEN_ALGORITHMS.stock.concat(TOKEN_ALGORITHMS.custom).includes(alg)) return;
  for (const jwk of candidates(jwks, alg, kid)) {
    let type: string;
    try {
      const key = await importJWK(jwk, alg);
      type = key instanceof Uint8Array ? 'secret' : key.type;
    } catch (err) {
      throw new HttpError(
        `${printable(url)}: key ${printable(JSON.stringify(kid))} cannot be used (${printable(String((err as Error)?.message ?? err).split('\n')[0])}); the issuer publishes a broken key`,
      );
    }
    if (type !== 'public') throw new HttpError(`${printable(url)}: key ${printable(JSON.stringify(kid))} is a ${type} key, not a public key; the issuer's JWKS must hold public keys only`);
  }
}

/**
 * Verifies a token against a key set already read (the cluster's JWKS file),
 * under the custom-auth server's rules; `where` names the keys' source in an
 * HttpError about a key that cannot be used. Problems with the token are the verdict.
 */
export async function verifyTokenWithKeys(token: string, jwks: JSONWebKeySet, where: string, expect: Omit<TokenCheck, 'now'> & { now?: Date }): Promise<TokenVerdict> {
  await checkNamedKey(token, jwks, where);
  return checkToken(token, jwks, { ...expect, now: expect.now ?? new Date() });
}

/**
 * Verifies a token against the issuer's live keys (JWKS from `jwksUri`, else
 * from discovery) under the rules of the server that will see it. Problems
 * with the issuer (unreachable, slow, too big, not https, not a key set) are
 * HttpErrors; problems with the token are the verdict.
 */
export async function verifyToken(token: string, expect: Omit<TokenCheck, 'now'> & { jwksUri?: string; now?: Date }, httpOptions: Omit<HttpOptions, 'method' | 'body'>): Promise<TokenVerdict> {
  const http = withDeadline(httpOptions);
  const [jwksUri, field] = expect.jwksUri ? [expect.jwksUri, 'issuer.jwksUri'] : [metadataUrl(await discover(expect.issuer, http), 'jwks_uri'), "the issuer's jwks_uri"];
  requireHttps(jwksUri, field);
  const jwks = asKeySet(await getJson(jwksUri, http), jwksUri);
  await checkNamedKey(token, jwks, jwksUri);
  return checkToken(token, jwks, { ...expect, now: expect.now ?? new Date() });
}
