import type { AuthModel } from '../model/model.js';
import { printable } from '../util/printable.js';
import { asKeySet, discover, discoveryUrl, metadataUrl, type ProviderMetadata } from './discovery.js';
import { getJson, HttpError, type HttpOptions, jsonKind, requireHttps, withDeadline } from './http.js';

export interface IssuerCheck {
  name: string;
  /** `warn` is shown but does not fail the command. */
  ok: boolean | 'warn';
  /** One printable line. */
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

/** Whether a key imports as a public key for its algorithm (a key with bad numbers does not). */
async function importsAsPublicKey(key: Jwk & Record<string, unknown>): Promise<boolean> {
  const { importJWK } = await import('jose');
  try {
    const imported: CryptoKey | Uint8Array = await importJWK(key as import('jose').JWK, jwkAlg(key));
    return !(imported instanceof Uint8Array) && imported.type === 'public';
  } catch {
    return false;
  }
}

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
};

/** A value from the issuer, quoted and cut short for a message. */
function quoted(value: unknown): string {
  if (typeof value !== 'string') return jsonKind(value);
  const text = JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}...` : value);
  return printable(text);
}

const message = (err: unknown) => (err instanceof HttpError ? err.message : printable(String((err as Error)?.message ?? err).split('\n')[0]));

/** Contacts the issuer and checks what the Web UI, the server and worker clients rely on. */
export async function checkIssuer(model: AuthModel, httpOptions: Omit<HttpOptions, 'method' | 'body'>): Promise<IssuerCheck[]> {
  const http = withDeadline(httpOptions);
  const checks: IssuerCheck[] = [];
  let metadata: ProviderMetadata;
  try {
    metadata = await discover(model.issuer.url, http);
    checks.push({ name: 'discovery', ok: true, detail: `${printable(discoveryUrl(model.issuer.url))} answered` });
  } catch (err) {
    checks.push({ name: 'discovery', ok: false, detail: `${message(err)}; check issuer.url` });
    return checks;
  }

  const issuer = metadata.issuer;
  checks.push(
    issuer === model.issuer.url
      ? { name: 'issuer', ok: true, detail: `discovery issuer equals issuer.url (${printable(model.issuer.url)})` }
      : {
          name: 'issuer',
          ok: false,
          detail: `discovery says issuer ${quoted(issuer)} but the spec has ${printable(JSON.stringify(model.issuer.url))}; tokens carry the former, so set issuer.url to it exactly (trailing slash included)`,
        },
  );

  let jwksUri: string | undefined;
  try {
    jwksUri = metadataUrl(metadata, 'jwks_uri');
    requireHttps(jwksUri, "discovery's jwks_uri");
  } catch (err) {
    checks.push({ name: 'jwks', ok: false, detail: `${message(err)}; Temporal's key provider would fetch keys from it` });
    jwksUri = undefined;
  }
  if (jwksUri) {
    const issuerHost = hostOf(model.issuer.url);
    const keysHost = hostOf(jwksUri);
    if (issuerHost !== keysHost) {
      checks.push({
        name: 'jwks-host',
        ok: 'warn',
        detail: `keys come from ${printable(keysHost)}, not the issuer's host ${printable(issuerHost)}; whoever runs ${printable(keysHost)} can sign tokens Temporal accepts: make sure that is your identity provider`,
      });
    }
    try {
      const jwks = asKeySet(await getJson(jwksUri, http), jwksUri);
      const keys = jwks.keys as (Jwk & Record<string, unknown>)[];
      const shaped = keys.filter((k) => k.use !== 'enc' && TEMPORAL_ALGS.has(jwkAlg(k) ?? '') && typeof k.kid === 'string');
      const usable: Jwk[] = [];
      for (const k of shaped) if (await importsAsPublicKey(k)) usable.push(k);
      const broken = shaped.length - usable.length;
      const noKid = keys.filter((k) => typeof k.kid !== 'string').length;
      checks.push(
        usable.length > 0
          ? { name: 'jwks', ok: true, detail: `${printable(jwksUri)}: ${usable.length} RS256/ES256 signing key(s) with a kid${broken ? ` (${broken} more that cannot be imported)` : ''}` }
          : {
              name: 'jwks',
              ok: false,
              detail: `${printable(jwksUri)}: no RS256/ES256 signing key with a kid among ${keys.length} key(s)${noKid ? ` (${noKid} without kid)` : ''}${broken ? ` (${broken} that cannot be imported as public keys)` : ''}; Temporal's key provider needs both`,
            },
      );
    } catch (err) {
      checks.push({ name: 'jwks', ok: false, detail: message(err) });
    }
    if (model.mode === 'builtin' && model.issuer.jwksUri && model.issuer.jwksUri !== jwksUri) {
      checks.push({ name: 'jwks-uri', ok: false, detail: `the server will read keys from ${printable(model.issuer.jwksUri)} but discovery publishes ${printable(jwksUri)}; set issuer.jwksUri to it` });
    }
  }

  if (model.workers.length > 0) {
    const raw = metadata.grant_types_supported;
    const grants = Array.isArray(raw) ? raw.filter((g): g is string => typeof g === 'string').slice(0, 50) : ['authorization_code', 'implicit'];
    if (!grants.includes('client_credentials')) {
      checks.push({ name: 'client-credentials', ok: false, detail: `grant_types_supported lacks client_credentials (${printable(grants.join(', '))}); worker clients cannot get tokens` });
    } else {
      let tokenEndpoint: string | undefined;
      try {
        tokenEndpoint = metadataUrl(metadata, 'token_endpoint');
        requireHttps(tokenEndpoint, "discovery's token_endpoint");
        checks.push({ name: 'client-credentials', ok: true, detail: `the issuer supports client_credentials for ${model.workers.length} worker client(s)` });
      } catch (err) {
        tokenEndpoint = undefined;
        checks.push({ name: 'client-credentials', ok: false, detail: `${message(err)}; worker clients would send their secret there` });
      }
      // The worker Secrets carry issuer.tokenUrl (render stays offline): it must be the endpoint the issuer publishes.
      const tokenUrl = model.issuer.tokenUrl;
      if (tokenUrl !== undefined && tokenEndpoint !== undefined) {
        checks.push(
          tokenUrl === tokenEndpoint
            ? { name: 'token-url', ok: true, detail: `issuer.tokenUrl equals discovery's token_endpoint (${printable(tokenEndpoint)})` }
            : {
                name: 'token-url',
                ok: false,
                detail: `the worker Secrets carry issuer.tokenUrl ${printable(JSON.stringify(tokenUrl))} but discovery publishes token_endpoint ${quoted(tokenEndpoint)}; set issuer.tokenUrl to it`,
              },
        );
      }
    }
  }
  return checks;
}
