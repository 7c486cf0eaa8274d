import { createLocalJWKSet, decodeProtectedHeader, errors, type JSONWebKeySet, type JWTPayload, jwtVerify } from 'jose';
import CUSTOM_RULES_FILE from '../../schemas/token-rules.json' with { type: 'json' };

/**
 * Which server's token rules apply:
 * - `stock`: Temporal's default JWT claim mapper (builtin mode;
 *   default_jwt_claim_mapper.go, default_token_key_provider.go): `kid`
 *   required, RS256/ES256 only, `sub` a string, `exp`/`nbf`/`iat` checked when
 *   present with no leeway (an `iat` in the future fails), `aud` only when the
 *   server has an audience configured, and `iss` never checked.
 * - `custom`: the custom-auth server in server/ (custom mode): at most
 *   CUSTOM_MAX_TOKEN_BYTES, no `crit` header, `kid` required, the algorithms
 *   of CUSTOM_TOKEN_RULES, `iss` equal to the issuer, `aud` containing the
 *   audience when one is set, `exp` required, `exp`/`nbf`/`iat` with
 *   CUSTOM_LEEWAY_SECONDS.
 */
export type TokenRuleSet = 'stock' | 'custom';

/** The facts of schemas/token-rules.json (its `$comment` says what each is). */
export interface CustomTokenRules {
  algorithms: readonly string[];
  leewaySeconds: number;
  minRsaBits: number;
  minRsaExponent: number;
  maxTokenBytes: number;
  maxIssuerResponseBytes: number;
}

/**
 * The custom-auth server's token rules: schemas/token-rules.json, the
 * contract server/internal/authz embeds a copy of (both test suites check
 * their rules against it). The bundle inlines the file.
 */
export const CUSTOM_TOKEN_RULES: Readonly<CustomTokenRules> = CUSTOM_RULES_FILE;

/** Clock leeway of the custom-auth server on exp, nbf and iat. */
export const CUSTOM_LEEWAY_SECONDS = CUSTOM_TOKEN_RULES.leewaySeconds;

export const TOKEN_ALGORITHMS: Readonly<Record<TokenRuleSet, readonly string[]>> = {
  stock: ['RS256', 'ES256'],
  custom: CUSTOM_TOKEN_RULES.algorithms,
};

/**
 * The smallest RSA modulus the custom-auth server loads from a JWKS (with
 * a public exponent of at least CUSTOM_TOKEN_RULES.minRsaExponent; it drops
 * other keys), so a token signed with a smaller key names no key it has.
 */
export const CUSTOM_MIN_RSA_BITS = CUSTOM_TOKEN_RULES.minRsaBits;

/** The largest token the custom-auth server reads: a larger one is refused before it is decoded. */
export const CUSTOM_MAX_TOKEN_BYTES = CUSTOM_TOKEN_RULES.maxTokenBytes;

/** The bit length of a JWK's base64url big-endian number (`n`), leading zero bits not counted; undefined when it is not base64url. */
export function bitLength(b64url: unknown): number | undefined {
  if (typeof b64url !== 'string' || !/^[A-Za-z0-9_-]*$/.test(b64url)) return undefined;
  const bytes = Buffer.from(b64url, 'base64url');
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]!));
}

/** The public exponent of an RSA JWK (`e`), as the Go server reads it: 1 to 4 bytes; undefined otherwise. */
function rsaExponent(b64url: unknown): number | undefined {
  if (typeof b64url !== 'string' || !/^[A-Za-z0-9_-]+$/.test(b64url)) return undefined;
  const bytes = Buffer.from(b64url, 'base64url');
  if (bytes.length === 0 || bytes.length > 4) return undefined;
  return bytes.reduce((v, b) => v * 256 + b, 0);
}

/** The custom-auth server's key set: RSA keys under CUSTOM_MIN_RSA_BITS (or with a bad exponent) dropped, as it drops them. */
function customServerKeys(jwks: JSONWebKeySet): { keys: JSONWebKeySet; dropped: Map<string, number> } {
  const dropped = new Map<string, number>();
  const keys = jwks.keys.filter((k) => {
    if (k.kty !== 'RSA') return true;
    const bits = bitLength(k.n) ?? 0;
    const e = rsaExponent(k.e);
    if (bits >= CUSTOM_MIN_RSA_BITS && e !== undefined && e >= CUSTOM_TOKEN_RULES.minRsaExponent) return true;
    if (typeof k.kid === 'string') dropped.set(k.kid, bits);
    return false;
  });
  return { keys: { keys }, dropped };
}

export interface TokenCheck {
  rules: TokenRuleSet;
  issuer: string;
  /** Checked when set (stock: only when the server version reads `audience`). */
  audience?: string;
  /** The verifier's clock. */
  now: Date;
  /** Tolerance for drift between this machine's clock and the server's, on top of the server's own leeway. */
  extraLeewaySeconds?: number;
  /**
   * Whose rules these are, for messages: the identity provider's (the spec's
   * issuer.url and issuer.audience; the default) or the cluster's
   * service-account issuer (cluster.issuer and cluster.audience).
   */
  verifier?: TokenVerifierKind;
}

/** The custom-auth server's two verifiers: the identity provider's, and the cluster's service-account issuer's. */
export type TokenVerifierKind = 'identity-provider' | 'cluster';

/**
 * The `iss` a token names, read without verifying anything, as the
 * custom-auth server reads it to pick a verifier: undefined for a token over
 * the size cap (refused before it is decoded), one that is not a JWT, or one
 * whose payload has no string `iss`.
 */
export function unverifiedIssuer(token: string): string | undefined {
  if (Buffer.byteLength(token, 'utf8') > CUSTOM_MAX_TOKEN_BYTES) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]*$/.test(parts[1]!)) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    return payload !== null && typeof payload === 'object' && !Array.isArray(payload) && typeof (payload as { iss?: unknown }).iss === 'string' ? (payload as { iss: string }).iss : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Which of the custom-auth server's verifiers checks a token (test/vectors/README.md,
 * "Two issuers"): the cluster's when its unverified `iss` is exactly the cluster
 * issuer, else the identity provider's (which refuses any `iss` but its own).
 */
export function verifierFor(token: string, clusterIssuer: string | undefined): TokenVerifierKind {
  return clusterIssuer !== undefined && unverifiedIssuer(token) === clusterIssuer ? 'cluster' : 'identity-provider';
}

export type TokenVerdict = { ok: true; rules: TokenRuleSet; payload: JWTPayload; warnings: string[] } | { ok: false; rules: TokenRuleSet; reason: string; warnings: string[] };

/** Verifies a token against a key set under one server's rules. Never throws for a bad token. */
export async function checkToken(token: string, jwks: JSONWebKeySet, check: TokenCheck): Promise<TokenVerdict> {
  const { rules } = check;
  const warnings: string[] = [];
  const reject = (reason: string): TokenVerdict => ({ ok: false, rules, reason, warnings });
  // The custom-auth server measures the token before it decodes anything (Go's len: bytes).
  const bytes = Buffer.byteLength(token, 'utf8');
  if (rules === 'custom' && bytes > CUSTOM_MAX_TOKEN_BYTES) return reject(`${bytes} bytes: the custom-auth server refuses tokens over ${CUSTOM_MAX_TOKEN_BYTES} bytes`);
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return reject('not a well-formed JWT');
  }
  // RFC 7515 4.1.11: a recipient that does not understand an extension listed
  // in crit must refuse the JWS. The custom-auth server understands none, so
  // any crit (even b64, which jose would accept) refuses the token.
  if (rules === 'custom' && Object.hasOwn(header, 'crit')) return reject('the header lists extensions (crit): the custom-auth server understands none');
  if (typeof header.kid !== 'string' || header.kid === '') return reject('no kid in the token header: the server cannot pick a key');
  const algorithms = TOKEN_ALGORITHMS[rules];
  if (typeof header.alg !== 'string' || !algorithms.includes(header.alg)) {
    return reject(`signed with ${JSON.stringify(header.alg)}; the server accepts ${algorithms.join(' and ')} only`);
  }
  let keySet = jwks;
  if (rules === 'custom') {
    const { keys, dropped } = customServerKeys(jwks);
    keySet = keys;
    const bits = dropped.get(header.kid);
    if (bits !== undefined && !keys.keys.some((k) => k.kid === header.kid)) {
      return reject(`signed with the issuer's key ${JSON.stringify(header.kid)}, a ${bits}-bit RSA key: the custom-auth server loads RSA keys of ${CUSTOM_MIN_RSA_BITS} bits or more only`);
    }
  }
  const leeway = (rules === 'custom' ? CUSTOM_LEEWAY_SECONDS : 0) + (check.extraLeewaySeconds ?? 0);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, createLocalJWKSet(keySet), {
      algorithms: [...algorithms],
      issuer: rules === 'custom' ? check.issuer : undefined,
      audience: check.audience,
      clockTolerance: leeway,
      currentDate: check.now,
      requiredClaims: rules === 'custom' ? ['exp'] : [],
    }));
  } catch (err) {
    return reject(describeJoseError(err, header.kid, check));
  }
  const nowSeconds = Math.floor(check.now.getTime() / 1000);
  if (typeof payload.iat === 'number' && payload.iat > nowSeconds + leeway) return reject(`issued in the future (iat ${isoSeconds(payload.iat)})${leeway ? ` beyond the ${leeway} s leeway` : ''}`);
  if (rules === 'stock') {
    if (typeof payload.sub !== 'string') return reject('the sub claim is missing or not a string');
    if (payload.iss !== check.issuer) {
      warnings.push(`the server would accept this token, but its issuer ${JSON.stringify(payload.iss ?? null)} differs from the spec's issuer.url (Temporal's claim mapper never checks iss)`);
    }
  }
  return { ok: true, rules, payload, warnings };
}

const isoSeconds = (s: number) => new Date(s * 1000).toISOString();

function describeJoseError(err: unknown, kid: string, check: TokenCheck): string {
  const cluster = check.verifier === 'cluster';
  if (err instanceof errors.JWTExpired) return `expired (exp ${isoSeconds(Number(err.payload.exp))})`;
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'iss') return `wrong issuer (${JSON.stringify(err.payload.iss ?? null)}, expected ${JSON.stringify(check.issuer)} from ${cluster ? 'cluster.issuer' : 'issuer.url'})`;
    if (err.claim === 'aud') return `wrong audience (${JSON.stringify(err.payload.aud ?? null)}, expected ${JSON.stringify(check.audience)} from ${cluster ? 'cluster.audience' : 'issuer.audience'})`;
    if (err.claim === 'nbf') return 'not valid yet (nbf is in the future)';
    if (err.claim === 'exp') return 'no exp claim: the custom-auth server refuses tokens that never expire';
    return `claim ${err.claim} failed: ${err.reason}`;
  }
  if (err instanceof errors.JWKSNoMatchingKey) return `signed by a key that is not in the ${cluster ? "cluster's" : "issuer's"} JWKS (kid ${JSON.stringify(kid)})`;
  if (err instanceof errors.JWKSMultipleMatchingKeys) return `the issuer's JWKS has several keys with kid ${JSON.stringify(kid)}`;
  if (err instanceof errors.JWSSignatureVerificationFailed) return `signature does not verify against the ${cluster ? "cluster's" : "issuer's"} key`;
  if (err instanceof errors.JOSEAlgNotAllowed) return 'signed with an algorithm the server does not accept';
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return 'not a well-formed JWT';
  return (err as Error).message.split('\n')[0]!;
}
