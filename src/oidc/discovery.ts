import type { JSONWebKeySet, JWK } from 'jose';
import { printable } from '../util/printable.js';
import { getJson, HttpError, type HttpOptions, isJsonObject, jsonKind, requireHttps } from './http.js';

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

/** The discovery document; an HttpError (one line) when it cannot be read or is not a JSON object. */
export async function discover(issuer: string, http: Omit<HttpOptions, 'method' | 'body'>): Promise<ProviderMetadata> {
  const url = discoveryUrl(issuer);
  const doc = await getJson(url, http);
  if (!isJsonObject(doc)) throw new HttpError(`${printable(url)} returned ${jsonKind(doc)}, not a JSON object of provider metadata`);
  return doc as ProviderMetadata;
}

/**
 * A URL field of the discovery document: a string, else an HttpError naming
 * the field. (Whether it is https is checked where it is used.)
 */
export function metadataUrl(metadata: ProviderMetadata, field: 'jwks_uri' | 'token_endpoint'): string {
  const value = metadata[field];
  if (typeof value !== 'string' || value === '') {
    throw new HttpError(value === undefined ? `the issuer's discovery document has no ${field}` : `the issuer's discovery document has ${jsonKind(value)} as ${field}, not a URL`);
  }
  return value;
}

/** The issuer's token_endpoint from its discovery document: https, since client secrets are sent there. */
export async function discoverTokenEndpoint(issuer: string, http: Omit<HttpOptions, 'method' | 'body'>): Promise<string> {
  const endpoint = metadataUrl(await discover(issuer, http), 'token_endpoint');
  requireHttps(endpoint, "the issuer's token_endpoint");
  return endpoint;
}

/** At most this many keys are read from a JWKS (real ones hold a handful). */
export const MAX_JWKS_KEYS = 100;

/**
 * The issuer's answer as a key set jose can take without throwing: a JSON
 * object whose `keys` is a list of JSON objects. Each key keeps only its
 * string, boolean and string-list members (every JWK parameter is one of
 * those), so nothing nested reaches jose. Anything else is an HttpError.
 */
export function asKeySet(doc: unknown, url: string): JSONWebKeySet {
  const where = printable(url);
  if (!isJsonObject(doc)) throw new HttpError(`${where} returned ${jsonKind(doc)}, not a JSON Web Key Set`);
  const keys = doc.keys;
  if (!Array.isArray(keys)) throw new HttpError(`${where} is not a JSON Web Key Set: ${keys === undefined ? 'no keys list' : `keys is ${jsonKind(keys)}, not a list`}`);
  if (keys.length > MAX_JWKS_KEYS) throw new HttpError(`${where} lists ${keys.length} keys, more than the ${MAX_JWKS_KEYS} temporal-auth reads`);
  const bad = keys.findIndex((k) => !isJsonObject(k));
  if (bad >= 0) throw new HttpError(`${where} is not a JSON Web Key Set: key ${bad + 1} is ${jsonKind(keys[bad])}, not a JWK object`);
  return {
    keys: (keys as Record<string, unknown>[]).map(
      (k) => Object.fromEntries(Object.entries(k).filter(([, v]) => typeof v === 'string' || typeof v === 'boolean' || (Array.isArray(v) && v.every((s) => typeof s === 'string')))) as JWK,
    ),
  };
}
