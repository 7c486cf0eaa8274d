import type { Provider } from '../spec/spec.types.generated.js';

/** What temporal-auth knows about an identity provider's tokens. */
export interface ProviderPreset {
  /** Dotted path of the groups claim; undefined when the provider has no default. */
  groupsClaim?: string;
  /** JWKS URL from the issuer URL; undefined when it must be given or discovered. */
  jwksUri(issuer: string): string | undefined;
  /**
   * Scopes the Web UI should request. The UI refreshes a session only with a
   * refresh token: `offline_access` where the provider issues one only for it
   * (Okta, Auth0, Entra ID, Dex, Zitadel). Keycloak issues one to the code flow
   * without it; Pocket ID and generic are left as they were (not checked);
   * Google wants `access_type=offline`, a provider option (not a scope) the UI
   * reads only from its YAML config.
   */
  scopes: string[];
  /** Top-level claims naming the client a token was issued to, first present wins. */
  clientIdClaims: string[];
  /**
   * The Web UI must send the ID token (`clients.web.useIdTokenAsBearer: true`):
   * the provider's access tokens cannot be verified by the server (Google's are opaque).
   */
  idTokenAsBearer?: boolean;
  /** One issuer for many tenants or customers, signed with keys shared by all: only `aud` tells its tokens apart. */
  sharedKeys?: boolean;
}

function under(issuer: string, path: string): string {
  return `${issuer.replace(/\/+$/, '')}${path}`;
}

export const PRESETS: Record<Provider, ProviderPreset> = {
  // Groups reach access tokens only from a custom authorization server.
  okta: { groupsClaim: 'groups', jwksUri: (i) => under(i, '/v1/keys'), scopes: ['openid', 'email', 'profile', 'groups', 'offline_access'], clientIdClaims: ['cid'] },
  // Auth0 custom claims must be namespaced URLs: no default name exists.
  auth0: { jwksUri: (i) => under(i, '/.well-known/jwks.json'), scopes: ['openid', 'email', 'profile', 'offline_access'], clientIdClaims: ['azp'] },
  keycloak: {
    groupsClaim: 'realm_access.roles',
    jwksUri: (i) => under(i, '/protocol/openid-connect/certs'),
    scopes: ['openid', 'email', 'profile'],
    clientIdClaims: ['azp'],
  },
  entra: {
    groupsClaim: 'groups',
    // https://login.microsoftonline.com/<tenant>/v2.0 -> .../<tenant>/discovery/v2.0/keys
    jwksUri: (i) => {
      const m = /^(https:\/\/[^/]+\/[^/]+)\/v2\.0\/?$/.exec(i);
      return m ? `${m[1]}/discovery/v2.0/keys` : undefined;
    },
    scopes: ['openid', 'email', 'profile', 'offline_access'],
    // v2.0 tokens name the client in azp, v1.0 tokens in appid.
    clientIdClaims: ['azp', 'appid'],
    // Every tenant's tokens are signed with the same keys.
    sharedKeys: true,
  },
  dex: { groupsClaim: 'groups', jwksUri: (i) => under(i, '/keys'), scopes: ['openid', 'email', 'profile', 'groups', 'offline_access'], clientIdClaims: ['azp'] },
  'pocket-id': {
    groupsClaim: 'groups',
    jwksUri: (i) => under(i, '/.well-known/jwks.json'),
    scopes: ['openid', 'email', 'profile', 'groups'],
    clientIdClaims: ['client_id', 'azp'],
  },
  // Google issues no groups claim at all, and its access tokens are opaque: the UI must send the ID token.
  google: {
    jwksUri: () => 'https://www.googleapis.com/oauth2/v3/certs',
    scopes: ['openid', 'email', 'profile'],
    clientIdClaims: ['azp'],
    idTokenAsBearer: true,
    sharedKeys: true,
  },
  // Project roles arrive as an object keyed by role ({ "role": { "<orgId>": "<domain>" } }): its keys are the
  // groups. They are asserted when the project has "Assert roles on authentication" on; access tokens are JWTs
  // (which the server can verify) only when the application's token type is JWT.
  zitadel: {
    groupsClaim: 'urn:zitadel:iam:org:project:roles',
    jwksUri: (i) => under(i, '/oauth/v2/keys'),
    scopes: ['openid', 'email', 'profile', 'offline_access'],
    clientIdClaims: ['client_id', 'azp'],
  },
  // RFC 9068 access tokens name the client in client_id; OIDC ID tokens in azp.
  generic: { groupsClaim: 'groups', jwksUri: () => undefined, scopes: ['openid', 'email', 'profile'], clientIdClaims: ['client_id', 'azp'] },
};
