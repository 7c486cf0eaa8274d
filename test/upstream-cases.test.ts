// Cases transcribed from Temporal's own unit tests (test/data/upstream/*.json,
// each naming its upstream test): the policy model must decide them as the
// server does.
import { createPrivateKey, createSign, generateKeyPairSync } from 'node:crypto';
import { exportJWK, type JWK, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { checkToken } from '../src/oidc/token-rules.js';
import { apiTableFor, describeMethod } from '../src/policy/api.js';
import { authorize, type Caller } from '../src/policy/authorize.js';
import { builtinClaimMapper, type TemporalClaims } from '../src/policy/claims.js';
import { compilePermissionsPattern } from '../src/temporal/permissions-pattern.js';
import authorizerCases from './data/upstream/authorizer-cases.json' with { type: 'json' };
import mapperCases from './data/upstream/claim-mapper-cases.json' with { type: 'json' };

const table = apiTableFor(authorizerCases.source.tag.slice(1));

describe(`default_authorizer_test.go (${authorizerCases.source.tag})`, () => {
  it.each(authorizerCases.cases.map((c) => [c.upstream, c] as const))('%s', (_name, c) => {
    const caller: Caller = c.claims ? { kind: 'claims', claims: c.claims as TemporalClaims, sources: [] } : { kind: 'no-token' };
    expect(authorize(caller, describeMethod(table, c.api), c.namespace).allowed).toBe(c.allowed);
  });
});

type MapperCase = (typeof mapperCases.cases)[number];

const keys = {
  RS256: generateKeyPairSync('rsa', { modulusLength: 2048 }),
  ES256: generateKeyPairSync('ec', { namedCurve: 'P-256' }),
};

async function jwks(): Promise<{ keys: JWK[] }> {
  return {
    keys: [
      { ...(await exportJWK(keys.RS256.publicKey)), kid: 'test-key', alg: 'RS256' },
      { ...(await exportJWK(keys.ES256.publicKey)), kid: 'test-key', alg: 'ES256' },
    ],
  };
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** The token an upstream case describes, signed with our key for its algorithm; times relative to `now`. */
async function tokenFor(c: MapperCase, now: number): Promise<string> {
  const claims = Object.fromEntries(
    Object.entries(c.claims ?? {}).map(([k, v]) => [k, v && typeof v === 'object' && 'relativeSeconds' in v ? now + (v as { relativeSeconds: number }).relativeSeconds : v]),
  );
  const header = c.header as { alg?: 'RS256' | 'ES256'; kid?: string };
  if (!header.alg) {
    // No alg in the header at all: jose will not sign that, so sign the bytes by hand (RS256, as upstream does).
    const input = `${b64(header)}.${b64(claims)}`;
    const signature = createSign('RSA-SHA256')
      .update(input)
      .sign(createPrivateKey(keys.RS256.privateKey.export({ format: 'pem', type: 'pkcs8' })));
    return `${input}.${signature.toString('base64url')}`;
  }
  return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(keys[header.alg].privateKey);
}

describe(`default_jwt_claim_mapper_test.go (${mapperCases.source.tag})`, () => {
  const tokenCases = mapperCases.cases.filter((c) => c.header !== null);
  const configCases = mapperCases.cases.filter((c) => c.header === null);

  it.each(tokenCases.map((c) => [c.upstream, c] as const))('%s', async (_name, c) => {
    const now = Math.floor(Date.now() / 1000);
    const config = c.config as { audience?: string; permissionsRegex?: string; permissionsClaimName?: string };
    const verdict = await checkToken(await tokenFor(c, now), await jwks(), { rules: 'stock', issuer: 'not-checked-by-the-stock-mapper', audience: config.audience, now: new Date(now * 1000) });
    const mapped = verdict.ok
      ? builtinClaimMapper(verdict.payload as Record<string, unknown>, { claim: config.permissionsClaimName ?? 'permissions', systemScope: 'temporal-system', regex: config.permissionsRegex })
      : undefined;
    const expected = c.expect as { error?: boolean; system?: number; namespaces?: Record<string, number> };
    if (expected.error) {
      expect(verdict.ok && mapped?.ok, JSON.stringify(verdict)).toBeFalsy();
      return;
    }
    expect(verdict.ok, JSON.stringify(verdict)).toBe(true);
    expect(mapped?.ok).toBe(true);
    if (!mapped?.ok) return;
    expect(mapped.claims.system).toBe(expected.system);
    expect({ ...mapped.claims.namespaces }).toEqual(expected.namespaces);
  });

  // GetClaimMapperFromConfig cases pick a mapper by name; temporal-auth always
  // renders `claimMapper: default`, so only the regex cases apply.
  const regexCases = configCases.filter((c) => 'regexUsed' in (c.expectConfig ?? {}));
  it('configuration-only cases: only the mapper-selection ones are out of scope', () => {
    expect(configCases.filter((c) => !regexCases.includes(c)).map((c) => (c.expectConfig as Record<string, unknown>).claimMapper ?? 'error')).toEqual(['noop', 'defaultJWT', 'error']);
  });
  it.each(regexCases.map((c) => [c.upstream, c] as const))('%s', (_name, c) => {
    const pattern = compilePermissionsPattern((c.config as { permissionsRegex: string }).permissionsRegex);
    expect(pattern.usable).toBe((c.expectConfig as { regexUsed: boolean }).regexUsed);
  });
});
