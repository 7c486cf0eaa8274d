import type { Provider } from '../spec/spec.types.generated.js';
import { PRESETS } from '../providers/presets.js';

/** What `init` writes for each provider: a placeholder issuer and the groups claim that works there. */
export interface InitDefaults {
  issuer: string;
  /** Written into issuer.claims.groups when the preset has no usable default. */
  groupsClaim?: string;
  /** Comment lines about this provider's tokens. */
  notes: string[];
  exampleGroup: string;
}

export const INIT_DEFAULTS: Record<Provider, InitDefaults> = {
  okta: {
    issuer: 'https://your-org.okta.com/oauth2/default',
    notes: ['Use a custom authorization server (/oauth2/...): the org server puts no groups in access tokens.', 'Add a "groups" claim to the authorization server, filtered to your Temporal groups.'],
    exampleGroup: 'temporal-users',
  },
  auth0: {
    issuer: 'https://your-tenant.us.auth0.com/',
    groupsClaim: 'https://your-app.example/groups',
    notes: ['Auth0 custom claims must be namespaced URLs: add them with a post-login Action.', 'The issuer ends with a slash, exactly as Auth0 publishes it.'],
    exampleGroup: 'temporal-users',
  },
  keycloak: {
    issuer: 'https://sso.example.com/realms/your-realm',
    notes: ['Realm roles arrive in realm_access.roles; for groups, add a group-membership mapper and set claims.groups: groups.'],
    exampleGroup: 'temporal-users',
  },
  entra: {
    issuer: 'https://login.microsoftonline.com/your-tenant-id/v2.0',
    groupsClaim: 'roles',
    notes: [
      'Granting by app roles (the roles claim): the groups claim holds object-ID GUIDs and overflows above 200 groups.',
      'Expose an API on the app registration and request api://<app-id>/.default: with openid email profile only,',
      'the access token is for Microsoft Graph, which no server can verify. Set "accessTokenAcceptedVersion": 2 in',
      'the manifest so the token carries this v2.0 issuer and the app ID as aud (issuer.audience).',
    ],
    exampleGroup: 'Temporal.User',
  },
  dex: {
    issuer: 'https://dex.example.com',
    notes: ['Request the groups scope; GitHub teams arrive as org:team.'],
    exampleGroup: 'your-org:temporal-users',
  },
  'pocket-id': {
    issuer: 'https://id.example.com',
    notes: ['Groups arrive in the groups claim when the groups scope is requested.'],
    exampleGroup: 'temporal-users',
  },
  google: {
    issuer: 'https://accounts.google.com',
    groupsClaim: 'email',
    notes: [
      'Google issues no groups claim: grants below match email addresses instead.',
      'Google access tokens are opaque: the Web UI sends the ID token (useIdTokenAsBearer below).',
      'Workers cannot use client_credentials with Google: give them a service-account ID token, or another issuer.',
    ],
    exampleGroup: 'someone@example.com',
  },
  zitadel: {
    issuer: 'https://your-instance.zitadel.cloud',
    notes: [
      'Project roles arrive in urn:zitadel:iam:org:project:roles as an object; its keys (the role keys) are the groups.',
      'Turn on "Assert roles on authentication" for the project and set the application\'s token type to JWT.',
    ],
    exampleGroup: 'temporal-user',
  },
  generic: {
    issuer: 'https://auth.example.com',
    notes: ['Set claims.groups to the claim that lists a user\'s groups (a dotted path for nested claims).'],
    exampleGroup: 'temporal-users',
  },
};

/** JWKS location for the comment in the starter spec. */
export function jwksNote(provider: Provider, issuer: string): string {
  return PRESETS[provider].jwksUri(issuer) ?? 'read jwks_uri from {issuer}/.well-known/openid-configuration and set issuer.jwksUri';
}
