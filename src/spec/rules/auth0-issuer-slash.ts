import { parseUrl } from '../../util/url.js';
import type { LintRule } from './rule.js';

// Auth0 publishes its issuer with a trailing slash (https://acme.us.auth0.com/)
// and puts exactly that in iss; the custom-auth server compares iss exactly,
// so without the slash every token is rejected.
export const auth0IssuerSlash: LintRule = {
  id: 'auth0-issuer-slash',
  severity: 'error',
  summary: 'An Auth0 issuer URL without the trailing slash Auth0 puts in every token (iss must match exactly).',
  check: ({ spec }) => {
    const url = parseUrl(spec.issuer.url);
    if (!url || spec.issuer.url.endsWith('/')) return [];
    if (spec.issuer.provider !== 'auth0' && !/\.auth0\.com$/i.test(url.hostname)) return [];
    return [
      {
        path: ['issuer', 'url'],
        message: `Auth0 tokens carry iss ${spec.issuer.url}/ (with the trailing slash) and the issuer must match it exactly; write url: ${spec.issuer.url}/`,
      },
    ];
  },
};
