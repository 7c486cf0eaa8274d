import type { Provider } from '../input/spec.types.generated.js';

/**
 * The identity providers' own configuration files render can write, by name
 * (each is an output of src/emit/outputs.ts, which a test holds to this list).
 * A preset names those its provider gets in each mode.
 */
export const IDENTITY_PROVIDER_FILES = [
  'keycloak-realm.json',
  'entra-app-roles.json',
  'auth0-post-login-action.js',
  'auth0-credentials-exchange-action.js',
  'auth0-post-login-groups-action.js',
  'okta-permissions-claim.yaml',
  'okta-groups-claim.yaml',
] as const;
export type IdentityProviderFile = (typeof IDENTITY_PROVIDER_FILES)[number];

/** What `init` writes for a provider: a placeholder issuer, and the settings that work there. */
export interface InitDefaults {
  /** A placeholder issuer of the provider's shape (what `init` writes without --issuer). */
  issuer: string;
  /** Written into issuer.claims.groups when the preset has no usable default; undefined: the preset's is kept. */
  groupsClaim: string | undefined;
  /** Comment lines about this provider's tokens. */
  notes: string[];
  /** The group (or what stands for one) the starter grants name. */
  exampleGroup: string;
  /** issuer.audience, when the provider issues access tokens for an API only if one is named: a placeholder and what it is. */
  audience: { value: string; comment: string } | undefined;
  /** clients.web.scopes to write instead of the preset's, and why. */
  webScopes: { value: string[]; comment: string } | undefined;
  /** More clients.web settings, in order, each after its comment: a boolean, or a map of strings. */
  webSettings: { comment: string; key: string; value: boolean | Record<string, string> }[];
}

/**
 * What temporal-auth knows about an identity provider. Every field is
 * required (undefined, false or [] where the provider has nothing to say),
 * so a new preset has to state each; test/presets.test.ts checks it.
 */
export interface ProviderPreset {
  /** Dotted path of the groups claim; undefined when the provider has no default. */
  groupsClaim: string | undefined;
  /** What to do when neither the spec nor the preset names a groups claim (lint groups-claim-required); undefined: the generic advice. */
  groupsClaimAdvice: string | undefined;
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
  idTokenAsBearer: boolean;
  /**
   * One issuer for many tenants or customers, signed with keys shared by all: only `aud` tells
   * its tokens apart (lint multi-tenant-issuer). `signer` says so in a message;
   * `multiTenantIssuerPath` matches the path of the provider's tenant-independent issuers.
   */
  sharedKeys: { signer: string; multiTenantIssuerPath: RegExp | undefined } | undefined;
  /** The form parameter that carries the audience in a client_credentials grant: RFC 8707's `resource`, or the provider's own. */
  tokenAudienceParam: 'resource' | 'audience';
  /** The provider's own configuration files render writes, in each authorization mode. */
  identityProviderFiles: { builtin: readonly IdentityProviderFile[]; custom: readonly IdentityProviderFile[] };
  /** What `init` writes. */
  init: InitDefaults;
}

function under(issuer: string, path: string): string {
  return `${issuer.replace(/\/+$/, '')}${path}`;
}

const NONE = { builtin: [], custom: [] } as const;

export const PRESETS: Record<Provider, ProviderPreset> = {
  // Groups reach access tokens only from a custom authorization server.
  okta: {
    groupsClaim: 'groups',
    groupsClaimAdvice: undefined,
    jwksUri: (i) => under(i, '/v1/keys'),
    scopes: ['openid', 'email', 'profile', 'groups', 'offline_access'],
    clientIdClaims: ['cid'],
    idTokenAsBearer: false,
    sharedKeys: undefined,
    tokenAudienceParam: 'resource',
    identityProviderFiles: { builtin: ['okta-permissions-claim.yaml'], custom: ['okta-groups-claim.yaml'] },
    init: {
      issuer: 'https://your-org.okta.com/oauth2/default',
      groupsClaim: undefined,
      notes: [
        'Use a custom authorization server (/oauth2/...): the org server puts no groups in access tokens.',
        'Add a "groups" claim to the authorization server, filtered to your Temporal groups.',
      ],
      exampleGroup: 'temporal-users',
      audience: undefined,
      webScopes: undefined,
      webSettings: [],
    },
  },
  // Auth0 custom claims must be namespaced URLs: no default name exists.
  auth0: {
    groupsClaim: undefined,
    groupsClaimAdvice: 'Auth0 custom claims are namespaced URLs: add an Action that sets e.g. https://acme.example/groups and name it in issuer.claims.groups',
    jwksUri: (i) => under(i, '/.well-known/jwks.json'),
    scopes: ['openid', 'email', 'profile', 'offline_access'],
    clientIdClaims: ['azp'],
    idTokenAsBearer: false,
    sharedKeys: undefined,
    // Auth0's token endpoint takes the API identifier as `audience`, not RFC 8707's `resource`.
    tokenAudienceParam: 'audience',
    identityProviderFiles: { builtin: ['auth0-post-login-action.js', 'auth0-credentials-exchange-action.js'], custom: ['auth0-post-login-groups-action.js'] },
    init: {
      issuer: 'https://your-tenant.us.auth0.com/',
      groupsClaim: 'https://your-app.example/groups',
      notes: ['Auth0 custom claims must be namespaced URLs: add them with a post-login Action.', 'The issuer ends with a slash, exactly as Auth0 publishes it.'],
      exampleGroup: 'temporal-users',
      audience: { value: 'https://temporal.example.com/api', comment: 'The identifier of the Auth0 API you created for Temporal: its access tokens carry it as aud.' },
      webScopes: undefined,
      webSettings: [{ comment: 'Auth0 issues the UI an access token for your API only when the login names it.', key: 'providerOptions', value: { audience: 'https://temporal.example.com/api' } }],
    },
  },
  keycloak: {
    groupsClaim: 'realm_access.roles',
    groupsClaimAdvice: undefined,
    jwksUri: (i) => under(i, '/protocol/openid-connect/certs'),
    scopes: ['openid', 'email', 'profile'],
    clientIdClaims: ['azp'],
    idTokenAsBearer: false,
    sharedKeys: undefined,
    tokenAudienceParam: 'resource',
    identityProviderFiles: { builtin: ['keycloak-realm.json'], custom: ['keycloak-realm.json'] },
    init: {
      issuer: 'https://sso.example.com/realms/your-realm',
      groupsClaim: undefined,
      notes: ['Realm roles arrive in realm_access.roles; for groups, add a group-membership mapper and set claims.groups: groups.'],
      exampleGroup: 'temporal-users',
      audience: undefined,
      webScopes: undefined,
      webSettings: [],
    },
  },
  entra: {
    groupsClaim: 'groups',
    groupsClaimAdvice: undefined,
    // https://login.microsoftonline.com/<tenant>/v2.0 -> .../<tenant>/discovery/v2.0/keys
    jwksUri: (i) => {
      const m = /^(https:\/\/[^/]+\/[^/]+)\/v2\.0\/?$/.exec(i);
      return m ? `${m[1]}/discovery/v2.0/keys` : undefined;
    },
    scopes: ['openid', 'email', 'profile', 'offline_access'],
    // v2.0 tokens name the client in azp, v1.0 tokens in appid.
    clientIdClaims: ['azp', 'appid'],
    idTokenAsBearer: false,
    // Every tenant's tokens are signed with the same keys; common, organizations and consumers are no tenant at all.
    sharedKeys: { signer: "Entra ID signs every tenant's tokens with the same keys", multiTenantIssuerPath: /^\/(common|organizations|consumers)(\/|$)/i },
    tokenAudienceParam: 'resource',
    identityProviderFiles: { builtin: ['entra-app-roles.json'], custom: ['entra-app-roles.json'] },
    init: {
      issuer: 'https://login.microsoftonline.com/your-tenant-id/v2.0',
      groupsClaim: 'roles',
      notes: [
        'Granting by app roles (the roles claim): the groups claim holds object-ID GUIDs and overflows above 200 groups.',
        'Expose an API on the app registration and request api://<app-id>/.default: with openid email profile only,',
        'the access token is for Microsoft Graph, which no server can verify. Set "accessTokenAcceptedVersion": 2 in',
        'the manifest so the token carries this v2.0 issuer and the app ID as aud (issuer.audience).',
      ],
      exampleGroup: 'Temporal.User',
      audience: { value: 'your-api-app-id', comment: "The API's application (client) ID: v2.0 access tokens carry it as aud." },
      webScopes: {
        value: ['openid', 'email', 'profile', 'api://your-api-app-id/.default'],
        comment: 'The API scope makes Entra ID issue an access token for your API, not for Microsoft Graph.',
      },
      webSettings: [],
    },
  },
  dex: {
    groupsClaim: 'groups',
    groupsClaimAdvice: undefined,
    jwksUri: (i) => under(i, '/keys'),
    scopes: ['openid', 'email', 'profile', 'groups', 'offline_access'],
    clientIdClaims: ['azp'],
    idTokenAsBearer: false,
    sharedKeys: undefined,
    tokenAudienceParam: 'resource',
    identityProviderFiles: NONE,
    init: {
      issuer: 'https://dex.example.com',
      groupsClaim: undefined,
      notes: ['Request the groups scope; GitHub teams arrive as org:team.'],
      exampleGroup: 'your-org:temporal-users',
      audience: undefined,
      webScopes: undefined,
      webSettings: [],
    },
  },
  'pocket-id': {
    groupsClaim: 'groups',
    groupsClaimAdvice: undefined,
    jwksUri: (i) => under(i, '/.well-known/jwks.json'),
    scopes: ['openid', 'email', 'profile', 'groups'],
    clientIdClaims: ['client_id', 'azp'],
    idTokenAsBearer: false,
    sharedKeys: undefined,
    tokenAudienceParam: 'resource',
    identityProviderFiles: NONE,
    init: {
      issuer: 'https://id.example.com',
      groupsClaim: undefined,
      notes: ['Groups arrive in the groups claim when the groups scope is requested.'],
      exampleGroup: 'temporal-users',
      audience: undefined,
      webScopes: undefined,
      webSettings: [],
    },
  },
  // Google issues no groups claim at all, and its access tokens are opaque: the UI must send the ID token.
  google: {
    groupsClaim: undefined,
    groupsClaimAdvice: undefined,
    jwksUri: () => 'https://www.googleapis.com/oauth2/v3/certs',
    scopes: ['openid', 'email', 'profile'],
    clientIdClaims: ['azp'],
    idTokenAsBearer: true,
    sharedKeys: { signer: "Google signs every app's tokens with the same keys", multiTenantIssuerPath: undefined },
    tokenAudienceParam: 'resource',
    identityProviderFiles: NONE,
    init: {
      issuer: 'https://accounts.google.com',
      groupsClaim: 'email',
      notes: [
        'Google issues no groups claim: grants below match email addresses instead.',
        'Google access tokens are opaque: the Web UI sends the ID token (useIdTokenAsBearer below).',
        'Workers cannot use client_credentials with Google: give them a service-account ID token, or another issuer.',
      ],
      exampleGroup: 'someone@example.com',
      audience: undefined,
      webScopes: undefined,
      webSettings: [
        { comment: 'Google access tokens are opaque: send the ID token, which the server can verify.', key: 'useIdTokenAsBearer', value: true },
        { comment: 'Google returns a refresh token only for access_type=offline (a query parameter, not a scope).', key: 'providerOptions', value: { access_type: 'offline' } },
      ],
    },
  },
  // Project roles arrive as an object keyed by role ({ "role": { "<orgId>": "<domain>" } }): its keys are the
  // groups. They are asserted when the project has "Assert roles on authentication" on; access tokens are JWTs
  // (which the server can verify) only when the application's token type is JWT.
  zitadel: {
    groupsClaim: 'urn:zitadel:iam:org:project:roles',
    groupsClaimAdvice: undefined,
    jwksUri: (i) => under(i, '/oauth/v2/keys'),
    scopes: ['openid', 'email', 'profile', 'offline_access'],
    clientIdClaims: ['client_id', 'azp'],
    idTokenAsBearer: false,
    sharedKeys: undefined,
    tokenAudienceParam: 'resource',
    identityProviderFiles: NONE,
    init: {
      issuer: 'https://your-instance.zitadel.cloud',
      groupsClaim: undefined,
      notes: [
        'Project roles arrive in urn:zitadel:iam:org:project:roles as an object; its keys (the role keys) are the groups.',
        'Turn on "Assert roles on authentication" for the project and set the application\'s token type to JWT.',
      ],
      exampleGroup: 'temporal-user',
      audience: undefined,
      webScopes: undefined,
      webSettings: [],
    },
  },
  // RFC 9068 access tokens name the client in client_id; OIDC ID tokens in azp.
  generic: {
    groupsClaim: 'groups',
    groupsClaimAdvice: undefined,
    jwksUri: () => undefined,
    scopes: ['openid', 'email', 'profile'],
    clientIdClaims: ['client_id', 'azp'],
    idTokenAsBearer: false,
    sharedKeys: undefined,
    tokenAudienceParam: 'resource',
    identityProviderFiles: NONE,
    init: {
      issuer: 'https://auth.example.com',
      groupsClaim: undefined,
      notes: ["Set claims.groups to the claim that lists a user's groups (a dotted path for nested claims)."],
      exampleGroup: 'temporal-users',
      audience: undefined,
      webScopes: undefined,
      webSettings: [],
    },
  },
};

/** The identity provider files render writes for `provider` in `mode` (each only when its emitter has something to write). */
export function identityProviderFilesFor(provider: Provider, mode: 'custom' | 'builtin'): readonly IdentityProviderFile[] {
  return PRESETS[provider].identityProviderFiles[mode];
}
