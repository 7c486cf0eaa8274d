import type { LintRule, RuleHit } from './rule.js';

/** A scope that asks Entra ID for an access token to your own API, not to Microsoft Graph. */
function isApiScope(scope: string): boolean {
  if (/^https:\/\/graph\.microsoft\.com\//i.test(scope) || /^00000003-0000-0000-c000-000000000000\//i.test(scope)) return false;
  return /^api:\/\//i.test(scope) || scope.includes('/');
}

// With only openid/email/profile, Entra ID issues an access token for Microsoft
// Graph: its aud is Graph, and it is signed in a way only Graph can check (a
// nonce in the header), so no server can verify it. The UI must request the
// API scope of an app registration that exposes an API, and the server must
// require that app as aud.
export const entraApiScope: LintRule = {
  id: 'entra-api-scope',
  severity: 'error',
  summary: 'Entra ID without an API scope (api://<app-id>/.default) issues Microsoft Graph tokens the server cannot verify; the audience must be set too.',
  check: ({ spec }) => {
    if (spec.issuer.provider !== 'entra') return [];
    const web = spec.clients.web;
    const hits: RuleHit[] = [];
    // The ID token is verifiable (aud: the UI's client ID); the scope matters only for access tokens.
    if (web.useIdTokenAsBearer !== true && !(web.scopes ?? []).some(isApiScope)) {
      hits.push({
        path: web.scopes ? ['clients', 'web', 'scopes'] : ['clients', 'web'],
        at: web.scopes ? 'value' : 'key',
        message:
          'with only openid, email and profile Entra ID issues a Microsoft Graph access token, which the server cannot verify; expose an API on the app registration and add its scope: scopes: [openid, email, profile, "api://<app-id>/.default"] (and set "accessTokenAcceptedVersion": 2 in its manifest, so tokens carry the v2.0 issuer)',
      });
    }
    if (!spec.issuer.audience) {
      hits.push({
        path: ['issuer'],
        at: 'key',
        severity: 'warning',
        message:
          "no issuer.audience: the server would accept an access token your tenant issued for any other app; set issuer.audience to the API's application (client) ID, which v2.0 tokens carry as aud",
      });
    }
    return hits;
  },
};
