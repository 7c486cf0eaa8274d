import type { Provider } from '../input/spec.types.generated.js';
import { PRESETS } from '../providers/presets.js';
import { printable } from '../util/printable.js';
import { scrubSecrets } from '../util/scrub.js';
import { discoverTokenEndpoint } from './discovery.js';
import { HttpError, type HttpOptions, httpCall, isJsonObject, requireHttps, withDeadline } from './http.js';

export interface IssuedToken {
  accessToken: string;
  tokenType: string;
  expiresIn?: number;
}

/** How much of the provider's error text is shown. */
const MAX_ERROR_TEXT = 300;

/** RFC 6749 §A.12: an access token is VSCHARs (printable ASCII); anything else is not pasted into a shell. */
const VSCHARS = /^[\x20-\x7e]+$/;

/** Ten years: an expires_in beyond that is nonsense (and would not fit a Date). */
const MAX_EXPIRES_IN = 10 * 365 * 24 * 3600;

/** The secret values a message about this grant must not show (see scrubSecrets). */
export function grantSecrets(clientId: string, clientSecret: string): string[] {
  return [clientSecret, `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`, `${clientId}:${clientSecret}`];
}

/**
 * OAuth 2.0 client_credentials grant (RFC 6749 §4.4) with client_secret_basic.
 * The audience goes out as the preset says: `resource` (RFC 8707), or the
 * provider's own parameter (Auth0's `audience`).
 * Every failure is an HttpError whose message is one printable line with the
 * secret scrubbed out, whatever the issuer echoed.
 */
export async function clientCredentialsToken(
  request: { issuer: string; provider: Provider; clientId: string; clientSecret: string; audience?: string; scope?: string; tokenUrl?: string },
  httpOptions: Omit<HttpOptions, 'method' | 'body'>,
): Promise<IssuedToken> {
  const secrets = grantSecrets(request.clientId, request.clientSecret);
  try {
    return await grant(request, withDeadline(httpOptions), secrets);
  } catch (err) {
    if (err instanceof HttpError) throw new HttpError(printable(scrubSecrets(err.message, secrets)));
    throw err;
  }
}

async function grant(
  request: { issuer: string; provider: Provider; clientId: string; clientSecret: string; audience?: string; scope?: string; tokenUrl?: string },
  http: Omit<HttpOptions, 'method' | 'body'>,
  secrets: readonly string[],
): Promise<IssuedToken> {
  // issuer.tokenUrl, when the spec names it, is the endpoint the worker Secret carries: use the same one.
  // Either way https is checked before anything is sent: the client secret goes in the Authorization header.
  const endpoint = request.tokenUrl ?? (await discoverTokenEndpoint(request.issuer, http));
  if (request.tokenUrl) requireHttps(request.tokenUrl, 'issuer.tokenUrl');
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (request.scope) form.set('scope', request.scope);
  if (request.audience) form.set(PRESETS[request.provider].tokenAudienceParam, request.audience);
  const basic = Buffer.from(`${encodeURIComponent(request.clientId)}:${encodeURIComponent(request.clientSecret)}`).toString('base64');
  const res = await httpCall(endpoint, {
    ...http,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
    body: form.toString(),
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.text);
  } catch {
    /* described below */
  }
  const body = isJsonObject(parsed) ? parsed : {};
  const who = printable(request.clientId);
  if (res.status !== 200 || typeof body.access_token !== 'string') {
    // error/error_description are the provider's words; some echo the request (the
    // Authorization header, the secret), so they are scrubbed before they are cut short.
    const error = typeof body.error === 'string' ? body.error : undefined;
    const description = typeof body.error_description === 'string' ? body.error_description : undefined;
    const why = scrubSecrets(error ? `${error}${description ? `: ${description}` : ''}` : `HTTP ${res.status}${res.status === 200 ? ', no access_token in the answer' : ''}`, secrets);
    const shown = why.length > MAX_ERROR_TEXT ? `${why.slice(0, MAX_ERROR_TEXT)}...` : why;
    throw new HttpError(`the token endpoint ${printable(endpoint)} refused the client_credentials grant for ${who} (${shown})`);
  }
  if (!VSCHARS.test(body.access_token)) {
    throw new HttpError(`the token endpoint answered ${who} with an access_token that is not printable ASCII (RFC 6749); refusing to print it`);
  }
  const expiresIn = typeof body.expires_in === 'number' && Number.isFinite(body.expires_in) && body.expires_in > 0 && body.expires_in <= MAX_EXPIRES_IN ? body.expires_in : undefined;
  return {
    accessToken: body.access_token,
    tokenType: typeof body.token_type === 'string' && VSCHARS.test(body.token_type) && body.token_type.length <= 64 ? body.token_type : 'Bearer',
    expiresIn,
  };
}
