import { parseUrl } from '../../util/url.js';
import type { LintRule } from './rule.js';

// Auth0 publishes its issuer with a trailing slash (https://acme.us.auth0.com/)
// and puts exactly that in iss; the custom-auth server compares iss exactly,
// so without the slash every token is rejected.
/**
 * The issuer URL Auth0 puts in its tokens when `url` is an Auth0 issuer
 * without the trailing slash (provider auth0, or an *.auth0.com host);
 * undefined when the rule has nothing to say. `init` writes this one.
 */
export function auth0IssuerWithSlash(provider: string | undefined, issuerUrl: string): string | undefined {
  const url = parseUrl(issuerUrl);
  if (!url || issuerUrl.endsWith('/')) return undefined;
  if (provider !== 'auth0' && !/\.auth0\.com$/i.test(url.hostname)) return undefined;
  return `${issuerUrl}/`;
}

export const auth0IssuerSlash: LintRule = {
  id: 'auth0-issuer-slash',
  severity: 'error',
  summary: 'An Auth0 issuer URL without the trailing slash Auth0 puts in every token (iss must match exactly).',
  check: ({ spec }) => {
    if (auth0IssuerWithSlash(spec.issuer.provider, spec.issuer.url) === undefined) return [];
    return [
      {
        path: ['issuer', 'url'],
        message: `Auth0 tokens carry iss ${spec.issuer.url}/ (with the trailing slash) and the issuer must match it exactly; write url: ${spec.issuer.url}/`,
      },
    ];
  },
};
