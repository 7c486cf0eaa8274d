import type { AuthModel } from '../model/model.js';
import { discover, discoveryUrl, type ProviderMetadata } from './discovery.js';
import { getJson, type HttpOptions } from './http.js';

export interface IssuerCheck {
  name: string;
  ok: boolean;
  detail: string;
}

const TEMPORAL_ALGS = new Set(['RS256', 'ES256']);

interface Jwk {
  kid?: unknown;
  kty?: unknown;
  alg?: unknown;
  crv?: unknown;
  use?: unknown;
}

/** The algorithm a JWK can sign with, as far as Temporal's key provider is concerned. */
function jwkAlg(key: Jwk): string | undefined {
  if (typeof key.alg === 'string') return key.alg;
  if (key.kty === 'RSA') return 'RS256';
  if (key.kty === 'EC' && key.crv === 'P-256') return 'ES256';
  return undefined;
}

/** Contacts the issuer and checks what the Web UI, the server and worker clients rely on. */
export async function checkIssuer(model: AuthModel, http: Omit<HttpOptions, 'method' | 'body'>): Promise<IssuerCheck[]> {
  const checks: IssuerCheck[] = [];
  let metadata: ProviderMetadata;
  try {
    metadata = await discover(model.issuer.url, http);
    checks.push({ name: 'discovery', ok: true, detail: `${discoveryUrl(model.issuer.url)} answered` });
  } catch (err) {
    checks.push({ name: 'discovery', ok: false, detail: `${(err as Error).message}; check issuer.url` });
    return checks;
  }

  const issuer = metadata.issuer;
  checks.push(
    issuer === model.issuer.url
      ? { name: 'issuer', ok: true, detail: `discovery issuer equals issuer.url (${model.issuer.url})` }
      : {
          name: 'issuer',
          ok: false,
          detail: `discovery says issuer ${JSON.stringify(issuer)} but the spec has ${JSON.stringify(model.issuer.url)}; tokens carry the former, so set issuer.url to it exactly (trailing slash included)`,
        },
  );

  const jwksUri = typeof metadata.jwks_uri === 'string' ? metadata.jwks_uri : undefined;
  if (!jwksUri) {
    checks.push({ name: 'jwks', ok: false, detail: 'discovery has no jwks_uri' });
  } else {
    try {
      const jwks = (await getJson(jwksUri, http)) as { keys?: Jwk[] };
      const keys = Array.isArray(jwks.keys) ? jwks.keys : [];
      const usable = keys.filter((k) => k.use !== 'enc' && TEMPORAL_ALGS.has(jwkAlg(k) ?? '') && typeof k.kid === 'string');
      const noKid = keys.filter((k) => typeof k.kid !== 'string').length;
      checks.push(
        usable.length > 0
          ? { name: 'jwks', ok: true, detail: `${jwksUri}: ${usable.length} RS256/ES256 signing key(s) with a kid` }
          : {
              name: 'jwks',
              ok: false,
              detail: `${jwksUri}: no RS256/ES256 signing key with a kid among ${keys.length} key(s)${noKid ? ` (${noKid} without kid)` : ''}; Temporal's key provider needs both`,
            },
      );
    } catch (err) {
      checks.push({ name: 'jwks', ok: false, detail: (err as Error).message });
    }
    if (model.mode === 'builtin' && model.issuer.jwksUri && model.issuer.jwksUri !== jwksUri) {
      checks.push({ name: 'jwks-uri', ok: false, detail: `the server will read keys from ${model.issuer.jwksUri} but discovery publishes ${jwksUri}; set issuer.jwksUri to it` });
    }
  }

  if (model.workers.length > 0) {
    const grants = Array.isArray(metadata.grant_types_supported) ? metadata.grant_types_supported : ['authorization_code', 'implicit'];
    checks.push(
      grants.includes('client_credentials')
        ? { name: 'client-credentials', ok: true, detail: `the issuer supports client_credentials for ${model.workers.length} worker client(s)` }
        : { name: 'client-credentials', ok: false, detail: `grant_types_supported lacks client_credentials (${grants.join(', ')}); worker clients cannot get tokens` },
    );
  }
  return checks;
}
