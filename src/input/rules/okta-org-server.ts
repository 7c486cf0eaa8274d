import { parseUrl } from '../../util/url.js';
import type { LintRule } from './rule.js';

// Okta's org authorization server (https://acme.okta.com) issues access
// tokens without custom claims; groups need a custom authorization server
// (https://acme.okta.com/oauth2/<id>).
export const oktaOrgServer: LintRule = {
  id: 'okta-org-server',
  severity: 'warning',
  summary: 'Okta issuer is the org authorization server, whose access tokens carry no groups claim.',
  check: ({ spec }) => {
    if (spec.issuer.provider !== 'okta') return [];
    const url = parseUrl(spec.issuer.url);
    if (!url || url.pathname.startsWith('/oauth2/')) return [];
    return [
      {
        path: ['issuer', 'url'],
        message:
          'this is the org authorization server: its access tokens carry no groups claim; use a custom authorization server (https://<org>.okta.com/oauth2/default or /oauth2/<id>) with a groups claim',
      },
    ];
  },
};
