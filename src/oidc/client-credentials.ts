import type { Provider } from '../spec/spec.types.js';
import { discover } from './discovery.js';
import { httpCall, HttpError, type HttpOptions } from './http.js';

export interface IssuedToken {
  accessToken: string;
  tokenType: string;
  expiresIn?: number;
}

/**
 * OAuth 2.0 client_credentials grant (RFC 6749 §4.4) with client_secret_basic.
 * The audience goes out as `resource` (RFC 8707), or as Auth0's `audience`.
 */
export async function clientCredentialsToken(
  request: { issuer: string; provider: Provider; clientId: string; clientSecret: string; audience?: string; scope?: string },
  http: Omit<HttpOptions, 'method' | 'body'>,
): Promise<IssuedToken> {
  const metadata = await discover(request.issuer, http);
  const endpoint = typeof metadata.token_endpoint === 'string' ? metadata.token_endpoint : undefined;
  if (!endpoint) throw new HttpError(`the issuer's discovery document has no token_endpoint`);
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (request.scope) form.set('scope', request.scope);
  if (request.audience) form.set(request.provider === 'auth0' ? 'audience' : 'resource', request.audience);
  const basic = Buffer.from(`${encodeURIComponent(request.clientId)}:${encodeURIComponent(request.clientSecret)}`).toString('base64');
  const res = await httpCall(endpoint, {
    ...http,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
    body: form.toString(),
  });
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(res.text) as Record<string, unknown>;
  } catch {
    /* described below */
  }
  if (res.status !== 200 || typeof body.access_token !== 'string') {
    // error/error_description are the provider's words about the request, never the secret.
    const why = typeof body.error === 'string' ? `${body.error}${typeof body.error_description === 'string' ? `: ${body.error_description}` : ''}` : `HTTP ${res.status}`;
    throw new HttpError(`the token endpoint refused the client_credentials grant for ${request.clientId} (${why})`);
  }
  return {
    accessToken: body.access_token,
    tokenType: typeof body.token_type === 'string' ? body.token_type : 'Bearer',
    expiresIn: typeof body.expires_in === 'number' ? body.expires_in : undefined,
  };
}
