import { getJson, type HttpOptions } from './http.js';

/** The fields of an OpenID Provider's metadata that temporal-auth reads. */
export interface ProviderMetadata {
  issuer?: unknown;
  jwks_uri?: unknown;
  token_endpoint?: unknown;
  grant_types_supported?: unknown;
  token_endpoint_auth_methods_supported?: unknown;
}

/** OpenID Connect Discovery 1.0 §4: the issuer with any trailing slash removed, plus the well-known path. */
export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

export async function discover(issuer: string, http: Omit<HttpOptions, 'method' | 'body'>): Promise<ProviderMetadata> {
  const doc = await getJson(discoveryUrl(issuer), http);
  if (!doc || typeof doc !== 'object') throw new Error(`${discoveryUrl(issuer)} is not a JSON object`);
  return doc as ProviderMetadata;
}
