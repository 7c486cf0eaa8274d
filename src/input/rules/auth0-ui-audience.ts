import type { LintRule } from './rule.js';

// Auth0 issues an access token for an API only when the authorize request names it (audience)
// or the tenant has a Default Audience; otherwise the Web UI's token is for Auth0's /userinfo,
// which the Temporal server cannot verify, and every UI call is refused.
export const auth0UiAudience: LintRule = {
  id: 'auth0-ui-audience',
  severity: 'warning',
  summary:
    "Auth0 with no clients.web.providerOptions.audience the Web UI's access token is not for your API unless the tenant sets a Default Audience (warning); one that differs from issuer.audience (error).",
  check: ({ spec }) => {
    if (spec.issuer.provider !== 'auth0') return [];
    const web = spec.clients.web;
    const asked = web.providerOptions?.audience;
    const expected = spec.issuer.audience;
    if (asked === undefined) {
      const value = expected ?? 'YOUR-API-IDENTIFIER';
      return [
        {
          path: ['clients', 'web'],
          at: 'key',
          message: `Auth0 gives the Web UI an access token for your API only when the login names it: set providerOptions: { audience: ${JSON.stringify(value)} } under clients.web (or set the tenant's Default Audience in Auth0 and ignore this)`,
        },
      ];
    }
    if (expected !== undefined && asked !== expected) {
      return [
        {
          path: ['clients', 'web', 'providerOptions', 'audience'],
          severity: 'error',
          message: `the Web UI asks Auth0 for audience ${JSON.stringify(asked)} but the server expects ${JSON.stringify(expected)} (issuer.audience): every UI call would be refused; make them the same`,
        },
      ];
    }
    return [];
  },
};
