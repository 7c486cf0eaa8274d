// The token rules of each server (src/oidc/token-rules.ts), checked for the
// REASON a token is refused, not only that it is: a rule that is gone can
// leave a token refused for another reason (an HS256 token still fails to
// find an RSA key), which a `valid: false` alone cannot tell apart.
import { createHmac, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import type { JSONWebKeySet, JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bitLength,
  CUSTOM_LEEWAY_SECONDS,
  CUSTOM_MAX_TOKEN_BYTES,
  CUSTOM_MIN_RSA_BITS,
  checkToken,
  TOKEN_ALGORITHMS,
  type TokenCheck,
  unverifiedIssuer,
  verifierFor,
} from '../src/oidc/token-rules.js';

const NOW = 1_800_000_000;
const ISSUER = 'https://idp.rules.test/oauth2/default';
const AUDIENCE = 'api://temporal';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

interface Key {
  kid: string;
  privateKey: KeyObject;
  jwk: JWK;
}
function rsaKey(kid: string, modulusLength: number): Key {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength });
  return { kid, privateKey, jwk: { ...(publicKey.export({ format: 'jwk' }) as JWK), kid, alg: 'RS256', use: 'sig' } };
}

/** Signs with node:crypto directly (jose refuses to sign with a key under 2048 bits). */
function rs256(key: Key, claims: Record<string, unknown>, header: Record<string, unknown> = {}): string {
  const input = `${b64({ alg: 'RS256', kid: key.kid, typ: 'JWT', ...header })}.${b64(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}

const claims = (over: Record<string, unknown> = {}) =>
  Object.fromEntries(Object.entries({ iss: ISSUER, aud: AUDIENCE, sub: 'user-1', iat: NOW - 60, exp: NOW + 600, ...over }).filter(([, v]) => v !== undefined));

let main: Key;
let small: Key;
let exact: Key;
let jwks: JSONWebKeySet;
beforeAll(() => {
  main = rsaKey('main', 2048);
  small = rsaKey('small', 1024);
  exact = rsaKey('exact', 2048);
  jwks = { keys: [main.jwk, small.jwk, exact.jwk] };
});

const check = (rules: TokenCheck['rules'], token: string, over: Partial<TokenCheck> = {}) => checkToken(token, jwks, { rules, issuer: ISSUER, audience: AUDIENCE, now: new Date(NOW * 1000), ...over });
const reasonOf = async (p: ReturnType<typeof check>) => {
  const v = await p;
  return v.ok ? 'ok' : v.reason;
};

describe('algorithms', () => {
  it('HS256 is refused for its algorithm, under both rule sets, even when the HMAC key is the public modulus', async () => {
    for (const rules of ['custom', 'stock'] as const) {
      const input = `${b64({ alg: 'HS256', kid: 'main', typ: 'JWT' })}.${b64(claims())}`;
      // The classic confusion attack: the "secret" is the RSA key the issuer publishes.
      const token = `${input}.${createHmac('sha256', String(main.jwk.n)).update(input).digest('base64url')}`;
      const reason = await reasonOf(check(rules, token));
      expect(reason, rules).toBe(`signed with "HS256"; the server accepts ${TOKEN_ALGORITHMS[rules].join(' and ')} only`);
    }
  });

  it('each rule set takes exactly its list', async () => {
    expect(TOKEN_ALGORITHMS.custom).toEqual(['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384']);
    expect(TOKEN_ALGORITHMS.stock).toEqual(['RS256', 'ES256']);
    for (const alg of ['none', 'HS384', 'PS384', 'EdDSA']) {
      const token = `${b64({ alg, kid: 'main' })}.${b64(claims())}.`;
      expect(await reasonOf(check('custom', token)), alg).toMatch(new RegExp(`^signed with "${alg}"`));
    }
    const rs384 = `${b64({ alg: 'RS384', kid: 'main' })}.${b64(claims())}.x`;
    expect(await reasonOf(check('stock', rs384))).toMatch(/^signed with "RS384"; the server accepts RS256 and ES256 only/);
  });

  it('no kid: refused for that, whatever else', async () => {
    const token = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims())}.x`;
    expect(await reasonOf(check('custom', token))).toBe('no kid in the token header: the server cannot pick a key');
  });
});

describe('RSA key size (the custom-auth server loads keys of 2048 bits or more)', () => {
  it('a token signed with a 1024-bit key the JWKS publishes is refused for the key size', async () => {
    expect(CUSTOM_MIN_RSA_BITS).toBe(2048);
    expect(bitLength(small.jwk.n)).toBe(1024);
    expect(await reasonOf(check('custom', rs256(small, claims())))).toBe(`signed with the issuer's key "small", a 1024-bit RSA key: the custom-auth server loads RSA keys of 2048 bits or more only`);
  });

  it('exactly 2048 bits is accepted', async () => {
    expect(bitLength(exact.jwk.n)).toBe(2048);
    expect(await reasonOf(check('custom', rs256(exact, claims())))).toBe('ok');
    expect(await reasonOf(check('stock', rs256(exact, claims())))).toBe('ok');
  });

  it('a 2047-bit modulus is dropped, and an exponent under 3 too, as the Go server drops them', async () => {
    const n = Buffer.from(String(exact.jwk.n), 'base64url');
    const shorter = Buffer.from(n);
    shorter[0] = 0x7f; // top bit cleared: 2047 bits
    expect(bitLength(shorter.toString('base64url'))).toBe(2047);
    expect(bitLength('AAAB')).toBe(1);
    expect(bitLength('')).toBe(0);
    const set = { keys: [{ ...exact.jwk, n: shorter.toString('base64url') }] };
    const refused = await checkToken(rs256(exact, claims()), set, { rules: 'custom', issuer: ISSUER, audience: AUDIENCE, now: new Date(NOW * 1000) });
    expect(refused.ok ? 'ok' : refused.reason).toMatch(/a 2047-bit RSA key/);
    const e1 = { keys: [{ ...exact.jwk, e: 'AQ' }] };
    const weak = await checkToken(rs256(exact, claims()), e1, { rules: 'custom', issuer: ISSUER, audience: AUDIENCE, now: new Date(NOW * 1000) });
    expect(weak.ok ? 'ok' : weak.reason).toMatch(/RSA key: the custom-auth server loads/);
  });
});

describe('audience: an entry equal to the audience, never a part of one', () => {
  it.each([
    [['api://temporal'], 'ok'],
    [['other', 'api://temporal'], 'ok'],
    ['api://temporal', 'ok'],
    [['api://temporal-evil'], 'wrong audience'],
    [['api://tempora'], 'wrong audience'],
    [['xapi://temporal'], 'wrong audience'],
    ['api://temporal/', 'wrong audience'],
    [['API://TEMPORAL'], 'wrong audience'],
    [[['api://temporal']], 'wrong audience'],
    ['api://temporal api://other', 'wrong audience'],
    [[], 'wrong audience'],
  ])('aud %j: %s', async (aud, expected) => {
    for (const rules of ['custom', 'stock'] as const) {
      const reason = await reasonOf(check(rules, rs256(main, claims({ aud }))));
      if (expected === 'ok') expect(reason, rules).toBe('ok');
      else expect(reason, rules).toMatch(/^(wrong audience|claim aud failed|"aud" claim)/);
    }
  });

  it('no audience configured: not checked', async () => {
    expect(await reasonOf(check('custom', rs256(main, claims({ aud: 'anything' })), { audience: undefined }))).toBe('ok');
  });
});

describe('issuer, expiry and leeway', () => {
  it('custom: iss exactly issuer.url (a trailing slash differs); stock: never checked, a warning', async () => {
    expect(await reasonOf(check('custom', rs256(main, claims({ iss: `${ISSUER}/` }))))).toMatch(/^wrong issuer/);
    expect(await reasonOf(check('custom', rs256(main, claims({ iss: undefined }))))).toMatch(/issuer|iss/);
    const stock = await check('stock', rs256(main, claims({ iss: 'https://evil.example' })));
    expect(stock.ok).toBe(true);
    expect(stock.warnings.join()).toContain('differs from the spec');
  });

  it(`custom: ${CUSTOM_LEEWAY_SECONDS} s of leeway on exp, nbf and iat, exactly; exp required`, async () => {
    const L = CUSTOM_LEEWAY_SECONDS;
    expect(await reasonOf(check('custom', rs256(main, claims({ exp: NOW - L + 1 }))))).toBe('ok');
    expect(await reasonOf(check('custom', rs256(main, claims({ exp: NOW - L - 1 }))))).toMatch(/^expired/);
    expect(await reasonOf(check('custom', rs256(main, claims({ nbf: NOW + L - 1 }))))).toBe('ok');
    expect(await reasonOf(check('custom', rs256(main, claims({ nbf: NOW + L + 1 }))))).toMatch(/^not valid yet/);
    expect(await reasonOf(check('custom', rs256(main, claims({ iat: NOW + L }))))).toBe('ok');
    expect(await reasonOf(check('custom', rs256(main, claims({ iat: NOW + L + 1 }))))).toMatch(/^issued in the future/);
    expect(await reasonOf(check('custom', rs256(main, claims({ exp: undefined }))))).toMatch(/no exp claim/);
  });

  it('stock: no leeway at all (an iat one second ahead fails), exp optional, sub must be a string', async () => {
    expect(await reasonOf(check('stock', rs256(main, claims({ exp: NOW - 1 }))))).toMatch(/^expired/);
    expect(await reasonOf(check('stock', rs256(main, claims({ iat: NOW + 1 }))))).toMatch(/^issued in the future/);
    expect(await reasonOf(check('stock', rs256(main, claims({ iat: NOW }))))).toBe('ok');
    expect(await reasonOf(check('stock', rs256(main, claims({ nbf: NOW + 1 }))))).toMatch(/^not valid yet/);
    expect(await reasonOf(check('stock', rs256(main, claims({ exp: undefined }))))).toBe('ok');
    expect(await reasonOf(check('stock', rs256(main, claims({ sub: 42 }))))).toBe('the sub claim is missing or not a string');
    expect(await reasonOf(check('custom', rs256(main, claims({ sub: 42 }))))).toBe('ok');
  });

  it('extra leeway (--clock-skew) adds to each rule set', async () => {
    expect(await reasonOf(check('stock', rs256(main, claims({ exp: NOW - 5 })), { extraLeewaySeconds: 10 }))).toBe('ok');
    expect(await reasonOf(check('stock', rs256(main, claims({ iat: NOW + 5 })), { extraLeewaySeconds: 10 }))).toBe('ok');
    expect(await reasonOf(check('custom', rs256(main, claims({ exp: NOW - CUSTOM_LEEWAY_SECONDS - 5 })), { extraLeewaySeconds: 10 }))).toBe('ok');
  });
});

describe('signature', () => {
  it('a payload changed after signing, a stripped signature, another key under the same kid: refused for the signature', async () => {
    const good = rs256(main, claims());
    const [h, , sig] = good.split('.');
    const tampered = `${h}.${b64({ ...claims(), sub: 'admin' })}.${sig}`;
    expect(await reasonOf(check('custom', tampered))).toBe("signature does not verify against the issuer's key");
    expect(await reasonOf(check('custom', `${h}.${good.split('.')[1]}.`))).toMatch(/signature|well-formed/);
    const impostor = { ...rsaKey('main', 2048), kid: 'main' };
    expect(await reasonOf(check('stock', rs256(impostor, claims())))).toBe("signature does not verify against the issuer's key");
    expect(await reasonOf(check('custom', rs256({ ...main, kid: 'gone' }, claims())))).toBe(`signed by a key that is not in the issuer's JWKS (kid "gone")`);
  });
});

describe('two issuers: the verifier a token goes to is the one its unverified iss names', () => {
  const CLUSTER = 'https://kubernetes.default.svc.cluster.local';
  const jwt = (payload: unknown) => `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2ln`;

  it('exactly the cluster issuer goes to the cluster verifier; anything else, or no cluster issuer, to the identity provider', () => {
    expect(verifierFor(jwt({ iss: CLUSTER }), CLUSTER)).toBe('cluster');
    for (const iss of [`${CLUSTER}/`, CLUSTER.toUpperCase(), [CLUSTER], null, 7]) expect(verifierFor(jwt({ iss }), CLUSTER), JSON.stringify(iss)).toBe('identity-provider');
    expect(verifierFor(jwt({ sub: 'system:serviceaccount:a:b' }), CLUSTER)).toBe('identity-provider');
    expect(verifierFor(jwt({ iss: CLUSTER }), undefined)).toBe('identity-provider');
  });

  it('iss is read only from a well-formed token within the size cap, never from a payload that is not an object', () => {
    expect(unverifiedIssuer(jwt({ iss: CLUSTER }))).toBe(CLUSTER);
    const big = jwt({ iss: CLUSTER, pad: 'p'.repeat(CUSTOM_MAX_TOKEN_BYTES) });
    expect(unverifiedIssuer(big)).toBeUndefined();
    for (const bad of ['not-a-jwt', 'a.b', `a.${Buffer.from('{"iss"').toString('base64url')}.c`, jwt([CLUSTER]), jwt(CLUSTER), 'a.b+c.d', `${jwt({ iss: CLUSTER })}.e`]) {
      expect(unverifiedIssuer(bad), bad).toBeUndefined();
    }
  });
});
