// builtin mode: the provider's own configuration files (src/emit/idp-*.ts).
// Each is checked for its meaning (this group gets exactly these permission
// strings, the mapper writes the spec's claim) against idp-permissions.yaml,
// the contract, and typed against the provider's published types where they exist.
import { Script } from 'node:vm';
import type KcClientScopeRepresentation from '@keycloak/keycloak-admin-client/lib/defs/clientScopeRepresentation.js';
import type KcRealmRepresentation from '@keycloak/keycloak-admin-client/lib/defs/realmRepresentation.js';
import type { AppRole } from '@microsoft/microsoft-graph-types';
import type { OAuth2Claim } from '@okta/okta-sdk-nodejs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { emitAuth0CredentialsExchangeAction, emitAuth0GroupsAction, emitAuth0PostLoginAction } from '../src/emit/idp-auth0.js';
import { appRoleId, emitEntraAppRoles, emitEntraGroupAppRoles, uuidV5 } from '../src/emit/idp-entra.js';
import { emitKeycloakGroupsRealm, emitKeycloakRealm, KEYCLOAK_GROUPS_SCOPE_NAME, KEYCLOAK_SCOPE_NAME, keycloakRealmName } from '../src/emit/idp-keycloak.js';
import { emitOktaClaim, emitOktaGroupsClaim, oktaPermissionsExpression } from '../src/emit/idp-okta.js';
import { emitIdpPermissions } from '../src/emit/idp-permissions.js';
import { FILES, renderOutputs } from '../src/emit/index.js';
import { exampleData, examplePath, modelOf, writeSpec } from './helpers.js';

type Issuer = Record<string, unknown>;
/** Compile-time: every key of U is a key of T (a misspelt field would not be caught by plain assignment). */
type OnlyKeysOf<T, U> = Exclude<keyof U, keyof T> extends never ? true : false;
const oktaClaimKeys: OnlyKeysOf<OAuth2Claim, ReturnType<typeof emitOktaClaim>> = true;
const oktaGroupsClaimKeys: OnlyKeysOf<OAuth2Claim, ReturnType<typeof emitOktaGroupsClaim>> = true;
void [oktaClaimKeys, oktaGroupsClaimKeys];

/** The keycloak example (builtin mode) moved to another provider. */
async function builtinModel(issuer: Issuer = {}, edit: (s: Record<string, any>) => void = () => {}) {
  const s = exampleData('keycloak');
  s.issuer = { ...s.issuer, ...issuer };
  // Entra ID: the UI must ask for the API's scope (lint entra-api-scope).
  if (issuer.provider === 'entra') s.clients.web.scopes = ['openid', 'email', 'profile', 'api://temporal/.default'];
  edit(s);
  return modelOf(writeSpec(s));
}

/** An Auth0 model whose permissions claim is the namespaced URL. */
async function auth0Model(edit?: (s: Record<string, any>) => void) {
  const model = await builtinModel(AUTH0, edit);
  model.issuer.permissionsClaim = AUTH0_CLAIM;
  return model;
}

const ENTRA = { url: 'https://login.microsoftonline.com/0b3c1f2e-1111-4222-8333-944455556666/v2.0', provider: 'entra', claims: { groups: 'roles', permissions: 'roles' } };
// The schema takes a top-level claim name without dots: the namespaced URL Auth0 wants is set on the model below.
const AUTH0 = { url: 'https://acme.us.auth0.com/', provider: 'auth0', claims: { permissions: 'permissions' } };
const AUTH0_CLAIM = 'https://temporal.acme.example/permissions';
const OKTA = { url: 'https://acme.okta.com/oauth2/default', provider: 'okta', claims: { permissions: 'permissions' } };

/** The contract: per group and per worker client, the sorted strings. */
async function contract(model: Awaited<ReturnType<typeof builtinModel>>) {
  const p = emitIdpPermissions(model);
  const sort = (r: Record<string, string[]>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, [...v].sort()]));
  return { groups: sort(p.groups), clients: sort(p.clients) };
}

describe('render writes the provider file next to idp-permissions.yaml, for builtin mode only', () => {
  const names = async (issuer: Issuer) => renderOutputs(await builtinModel(issuer)).files.map((f) => f.name);
  it('one file (two for Auth0 with worker clients) per provider with a config format', async () => {
    expect(await names({})).toContain(FILES.keycloakRealm);
    expect(await names(ENTRA)).toContain(FILES.entraAppRoles);
    expect(await names(AUTH0)).toEqual(expect.arrayContaining([FILES.auth0PostLoginAction, FILES.auth0CredentialsExchangeAction]));
    expect(await names(OKTA)).toContain(FILES.oktaClaim);
    for (const issuer of [{}, ENTRA, AUTH0, OKTA]) expect(await names(issuer)).toContain(FILES.idpPermissions);
  });
  it('none for other providers (idp-permissions.yaml is the contract); custom mode writes the groups files instead', async () => {
    const idp = [FILES.keycloakRealm, FILES.entraAppRoles, FILES.auth0PostLoginAction, FILES.auth0CredentialsExchangeAction, FILES.oktaClaim];
    const dex = await names({ url: 'https://dex.acme.example', provider: 'dex' });
    expect(dex).toContain(FILES.idpPermissions);
    expect(dex.filter((n) => idp.includes(n as never))).toEqual([]);
    // The okta example is custom mode: its groups claim, not the permission strings.
    const custom = renderOutputs(await modelOf(examplePath('okta'))).files.map((f) => f.name);
    expect(custom.filter((n) => idp.includes(n as never) || n === FILES.idpPermissions)).toEqual([]);
    expect(custom).toContain(FILES.oktaGroupsClaim);
  });
  it('is deterministic', async () => {
    for (const issuer of [{}, ENTRA, AUTH0, OKTA]) {
      const a = renderOutputs(await builtinModel(issuer)).files;
      const b = renderOutputs(await builtinModel(issuer)).files;
      expect(a).toEqual(b);
    }
  });
});

describe('Keycloak realm-import fragment', () => {
  it('types as a RealmRepresentation with ClientScopeRepresentations (@keycloak/keycloak-admin-client)', async () => {
    const realm: KcRealmRepresentation = emitKeycloakRealm(await builtinModel());
    const scopes: KcClientScopeRepresentation[] = emitKeycloakRealm(await builtinModel()).clientScopes;
    expect(realm.realm).toBe('acme');
    expect(scopes.map((s) => s.name)).toEqual([KEYCLOAK_SCOPE_NAME]);
  });

  it("the mapper writes the realm roles, as a list, into the spec's permissions claim of the access token", async () => {
    const realm = emitKeycloakRealm(await builtinModel({ claims: { groups: 'realm_access.roles', permissions: 'temporal_perms' } }));
    const [mapper, ...more] = realm.clientScopes[0]!.protocolMappers;
    expect(more).toEqual([]);
    expect(mapper).toMatchObject({
      protocol: 'openid-connect',
      protocolMapper: 'oidc-usermodel-realm-role-mapper',
      config: { 'claim.name': 'temporal_perms', multivalued: 'true', 'access.token.claim': 'true', 'jsonType.label': 'String' },
    });
  });

  it('one composite-free realm role per permission string, named exactly it', async () => {
    const model = await builtinModel();
    const c = await contract(model);
    const realm = emitKeycloakRealm(model);
    const strings = [...new Set([...Object.values(c.groups), ...Object.values(c.clients)].flat())].sort();
    const permissionRoles = realm.roles.realm.filter((r) => !r.composite);
    expect(permissionRoles.map((r) => r.name)).toEqual(strings);
  });

  it('groups claim realm_access.roles (the groups are realm roles): each group role holds exactly its strings', async () => {
    const model = await builtinModel();
    const c = await contract(model);
    const realm = emitKeycloakRealm(model);
    const composites = Object.fromEntries(realm.roles.realm.filter((r) => r.composite).map((r) => [r.name, (r as unknown as { composites: { realm: string[] } }).composites.realm]));
    expect(composites).toEqual(c.groups);
    expect(composites['developers']).toEqual(['default:write', 'temporal-system:read']);
    expect('groups' in realm).toBe(false);
  });

  it('groups claim groups: realm groups by name, each with exactly its strings as realmRoles', async () => {
    const model = await builtinModel({ claims: { groups: 'groups', permissions: 'permissions' } });
    const c = await contract(model);
    const realm = emitKeycloakRealm(model) as KcRealmRepresentation;
    expect(Object.fromEntries(realm.groups!.map((g) => [g.name, g.realmRoles]))).toEqual(c.groups);
    expect(realm.roles!.realm!.every((r) => !r.composite)).toBe(true);
  });

  it("each worker client's service account holds exactly its strings", async () => {
    const model = await builtinModel();
    const realm = emitKeycloakRealm(model);
    expect(realm.users).toEqual([{ username: 'service-account-orders-worker', enabled: true, serviceAccountClientId: 'orders-worker', realmRoles: ['orders:write'] }]);
  });

  it('reads the realm from the issuer URL', () => {
    expect(keycloakRealmName('https://sso.example/realms/acme')).toBe('acme');
    expect(keycloakRealmName('https://sso.example/auth/realms/my%20realm/')).toBe('my realm');
    expect(keycloakRealmName('https://sso.example/')).toBeUndefined();
  });
});

describe('Entra ID appRoles', () => {
  it('one enabled app role per permission string, for users and applications, typed as Microsoft Graph AppRole', async () => {
    const model = await builtinModel(ENTRA);
    const c = await contract(model);
    const out = emitEntraAppRoles(model);
    const roles: AppRole[] = out.appRoles;
    const strings = [...new Set([...Object.values(c.groups), ...Object.values(c.clients)].flat())].sort();
    expect(roles.map((r) => r.value)).toEqual(strings);
    for (const r of roles) {
      expect(r).toMatchObject({ allowedMemberTypes: ['User', 'Application'], displayName: r.value, isEnabled: true, id: appRoleId(r.value!) });
      expect(r.value).not.toMatch(/\s/);
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(new Set(roles.map((r) => r.id)).size).toBe(roles.length);
  });

  it('the assignment hint gives each group and each worker client exactly its strings', async () => {
    const model = await builtinModel(ENTRA);
    const c = await contract(model);
    const out = emitEntraAppRoles(model);
    expect(out.assignments.groups).toEqual(c.groups);
    expect(out.assignments.clients).toEqual({ 'orders-worker': ['orders:write'] });
  });

  it('says to read the roles claim, louder when the spec reads another', async () => {
    expect(emitEntraAppRoles(await builtinModel(ENTRA)).notes.join('\n')).toContain('issuer.claims.permissions: roles');
    const other = emitEntraAppRoles(await builtinModel({ ...ENTRA, claims: { groups: 'roles', permissions: 'permissions' } }));
    expect(other.permissionsClaim).toEqual({ expected: 'roles', spec: 'permissions' });
    expect(other.notes.at(-1)).toMatch(/does not fill/);
  });

  it('derives ids as RFC 4122 UUID v5 (known vector)', () => {
    // uuid.v5('www.example.com', uuid.v5.DNS) from the uuid package's tests
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});

/** Runs an Action's text as Auth0 would: the exported handler with a fake event and api. */
async function runAction(text: string, handler: string, event: unknown) {
  new Script(text, { filename: 'action.js' }); // parses
  const module = { exports: {} as Record<string, (e: unknown, a: unknown) => Promise<void>> };
  new Function('exports', 'module', text)(module.exports, module);
  const claims: Record<string, unknown> = {};
  await module.exports[handler]!(event, { accessToken: { setCustomClaim: (k: string, v: unknown) => (claims[k] = v) } });
  return claims;
}

describe('Auth0 Actions', () => {
  it('post-login: parses as JavaScript and sets the namespaced claim to the union of the user roles\u2019 strings', async () => {
    const model = await auth0Model();
    const text = emitAuth0PostLoginAction(model);
    const claim = AUTH0_CLAIM;
    expect(await runAction(text, 'onExecutePostLogin', { authorization: { roles: ['developers', 'support', 'unrelated'] } })).toEqual({
      [claim]: ['default:write', 'orders:read', 'temporal-system:read'],
    });
    const c = await contract(model);
    for (const [group, strings] of Object.entries(c.groups)) {
      expect(await runAction(text, 'onExecutePostLogin', { authorization: { roles: [group] } })).toEqual({ [claim]: strings });
    }
    expect(await runAction(text, 'onExecutePostLogin', { authorization: { roles: ['constructor', '__proto__'] } })).toEqual({ [claim]: [] });
    expect(await runAction(text, 'onExecutePostLogin', {})).toEqual({ [claim]: [] });
    expect(text).not.toMatch(/WARNING/);
  });

  it('machine to machine: each worker client gets exactly its strings, other clients nothing', async () => {
    const text = emitAuth0CredentialsExchangeAction(await auth0Model())!;
    expect(await runAction(text, 'onExecuteCredentialsExchange', { client: { client_id: 'orders-worker' } })).toEqual({
      'https://temporal.acme.example/permissions': ['orders:write'],
    });
    expect(await runAction(text, 'onExecuteCredentialsExchange', { client: { client_id: 'other' } })).toEqual({});
    expect(emitAuth0CredentialsExchangeAction(await auth0Model((s) => delete s.clients.workers))).toBeUndefined();
  });

  it('warns in the Action when the claim is not a namespaced URL; hostile names stay data', async () => {
    const model = await builtinModel(AUTH0, (s) => (s.namespaces.orders.grants[0].group = 'a"b*/\\c'));
    expect(emitAuth0PostLoginAction(model)).toMatch(/WARNING: the spec's permissions claim is not a namespaced URL/);
    model.issuer.permissionsClaim = 'perm*/s';
    const text = emitAuth0PostLoginAction(model);
    expect(await runAction(text, 'onExecutePostLogin', { authorization: { roles: ['a"b*/\\c'] } })).toEqual({ 'perm*/s': ['orders:write'] });
  });
});

describe('Okta claim', () => {
  it("an access-token expression claim named as the spec's permissions claim (the Claims API's fields)", async () => {
    const model = await builtinModel(OKTA);
    const file = renderOutputs(model).files.find((f) => f.name === FILES.oktaClaim)!;
    const claim = parse(file.content);
    // Okta's own SDK types for the Claims API's body.
    const typed: OAuth2Claim = emitOktaClaim(model);
    expect(claim).toEqual(typed);
    expect(claim).toMatchObject({ name: 'permissions', claimType: 'RESOURCE', valueType: 'EXPRESSION', alwaysIncludeInToken: true, status: 'ACTIVE' });
    expect(file.content).toMatch(/^# .*Okta/);
  });

  it('the expression gives each group and each worker client exactly its strings', async () => {
    const model = await builtinModel(OKTA);
    const c = await contract(model);
    const expr = oktaPermissionsExpression(model);
    for (const [group, strings] of Object.entries(c.groups)) {
      expect(expr).toContain(`isMemberOfGroupName(${JSON.stringify(group)}) ? {${strings.map((s) => JSON.stringify(s)).join(', ')}} : {}`);
    }
    expect(expr.startsWith('app.clientId == "orders-worker" ? {"orders:write"} : Arrays.flatten(')).toBe(true);
    expect(evalOkta(expr, { groups: ['developers', 'support'] })).toEqual(['default:write', 'temporal-system:read', 'orders:read']);
    expect(evalOkta(expr, { clientId: 'orders-worker' })).toEqual(['orders:write']);
    expect(evalOkta(expr, { groups: [] })).toEqual([]);
  });
});

/** A tiny evaluator of the generated Okta Expression Language subset, as JavaScript: checks the expression's logic. */
function evalOkta(expr: string, ctx: { groups?: string[]; clientId?: string }): string[] {
  const js = expr.replace(/\{([^{}]*)\}/g, '[$1]');
  const fn = new Function('app', 'isMemberOfGroupName', 'Arrays', `return ${js};`);
  return fn({ clientId: ctx.clientId }, (g: string) => (ctx.groups ?? []).includes(g), { flatten: (...xs: string[][]) => xs.flat() });
}

describe('Auth0 builtin mode through the spec', () => {
  it('a namespaced URL permissions claim validates and reaches the Action and the server config', async () => {
    const { runCli, writeSpec, quickstart, tempDir } = await import('./helpers.js');
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const s = quickstart();
    s.server = { authorization: { mode: 'builtin' }, image: s.server.image };
    s.issuer = {
      url: 'https://acme.us.auth0.com/',
      provider: 'auth0',
      audience: 'https://temporal.acme.example',
      claims: { groups: 'https://acme.example/groups', permissions: 'https://acme.example/permissions' },
    };
    const out = join(tempDir(), 'out');
    const run = await runCli(['render', writeSpec(s), '--out', out, '--no-secrets']);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(out, 'values.auth.yaml'), 'utf8')).toContain('permissionsClaimName: https://acme.example/permissions');
    expect(readFileSync(join(out, 'auth0-post-login-action.js'), 'utf8')).toContain('https://acme.example/permissions');
  });
});

// custom mode: the provider must put the spec's group names in the groups claim, which the
// policy ConfigMap maps. The contract is the policy's own group list.
describe("custom mode: the groups claim on the provider's side", () => {
  /** The okta example (custom mode) moved to another provider, with one hostile group name added. */
  async function customModel(issuer: Issuer) {
    const s = exampleData('okta');
    s.issuer = { ...issuer };
    if (issuer.provider === 'entra') s.clients.web.scopes = ['openid', 'email', 'profile', 'api://temporal/.default'];
    if (issuer.provider === 'auth0') s.clients.web.providerOptions = { audience: String(issuer.audience) };
    s.namespaces.payroll.grants.push({ group: 'ops.team+(eu)', role: 'read' });
    return modelOf(writeSpec(s));
  }
  /** The groups the rendered policy ConfigMap maps: what the provider must emit. */
  const policyGroupsOf = (model: Awaited<ReturnType<typeof customModel>>) => {
    const cm = parse(renderOutputs(model).files.find((f) => f.name === FILES.policyConfigMap)!.content);
    return Object.keys(JSON.parse(cm.data['policy.json']).groups).sort();
  };
  const KEYCLOAK = { url: 'https://sso.acme.example/realms/acme', provider: 'keycloak' };
  const ENTRA_ROLES = { url: ENTRA.url, provider: 'entra', audience: 'api://temporal', claims: { groups: 'roles' } };
  const AUTH0_GROUPS = { url: 'https://acme.us.auth0.com/', provider: 'auth0', audience: 'https://temporal.acme.example', claims: { groups: 'https://temporal.acme.example/groups' } };
  const OKTA_CUSTOM = { url: 'https://acme.okta.com/oauth2/default', provider: 'okta' };

  it('one file per provider with a config format; none where the provider fills the claim itself', async () => {
    const names = async (issuer: Issuer) => renderOutputs(await customModel(issuer)).files.map((f) => f.name);
    expect(await names(KEYCLOAK)).toContain(FILES.keycloakRealm);
    expect(await names(ENTRA_ROLES)).toContain(FILES.entraAppRoles);
    expect(await names(AUTH0_GROUPS)).toContain(FILES.auth0GroupsAction);
    expect(await names(OKTA_CUSTOM)).toContain(FILES.oktaGroupsClaim);
    // Entra's own groups claim (object-ID GUIDs) and Dex need nothing generated.
    const none = [FILES.entraAppRoles, FILES.keycloakRealm, FILES.auth0GroupsAction, FILES.oktaGroupsClaim, FILES.idpPermissions];
    for (const issuer of [
      { ...ENTRA_ROLES, claims: { groups: 'groups' } },
      { url: 'https://dex.acme.example', provider: 'dex' },
    ]) {
      expect((await names(issuer)).filter((n) => none.includes(n as never))).toEqual([]);
    }
  });

  it('Keycloak, groups as realm roles (the preset): one realm role per policy group, nothing else', async () => {
    const model = await customModel(KEYCLOAK);
    const realm: KcRealmRepresentation = emitKeycloakGroupsRealm(model);
    expect(realm.realm).toBe('acme');
    expect(realm.roles!.realm!.map((r) => r.name)).toEqual(policyGroupsOf(model));
    expect(realm.roles!.realm!.every((r) => r.composite === false)).toBe(true);
    expect(realm.clientScopes).toBeUndefined();
    expect(JSON.parse(renderOutputs(model).files.find((f) => f.name === FILES.keycloakRealm)!.content)).toEqual(realm);
  });

  it("Keycloak, another groups claim: realm groups by name and a group-membership mapper writing names into the spec's claim", async () => {
    const model = await customModel({ ...KEYCLOAK, claims: { groups: 'temporal.groups' } });
    const realm = emitKeycloakGroupsRealm(model);
    const typed: KcRealmRepresentation = realm;
    const scopes: KcClientScopeRepresentation[] = typed.clientScopes!;
    expect(typed.groups!.map((g) => g.name)).toEqual(policyGroupsOf(model));
    expect(scopes.map((s) => s.name)).toEqual([KEYCLOAK_GROUPS_SCOPE_NAME]);
    expect(scopes[0]!.protocolMappers).toEqual([
      expect.objectContaining({
        protocolMapper: 'oidc-group-membership-mapper',
        config: expect.objectContaining({ 'claim.name': 'temporal.groups', 'full.path': 'false', 'access.token.claim': 'true' }),
      }),
    ]);
  });

  it('Entra ID with the roles claim: one app role per policy group, typed as Microsoft Graph AppRole', async () => {
    const model = await customModel(ENTRA_ROLES);
    const file = emitEntraGroupAppRoles(model)!;
    const roles: AppRole[] = file.appRoles;
    expect(roles.map((r) => r.value)).toEqual(policyGroupsOf(model));
    expect(roles.every((r) => r.isEnabled && r.id === appRoleId(r.value!))).toBe(true);
    expect(emitEntraGroupAppRoles(await customModel({ ...ENTRA_ROLES, claims: { groups: 'groups' } }))).toBeUndefined();
  });

  it("Auth0: the Action puts exactly the user's roles that are policy groups in the namespaced groups claim", async () => {
    const model = await customModel(AUTH0_GROUPS);
    const text = emitAuth0GroupsAction(model);
    const claim = AUTH0_GROUPS.claims.groups;
    const groups = policyGroupsOf(model);
    expect(await runAction(text, 'onExecutePostLogin', { authorization: { roles: ['unrelated', ...groups, groups[0], '__proto__', 'constructor'] } })).toEqual({ [claim]: groups });
    expect(await runAction(text, 'onExecutePostLogin', { authorization: { roles: ['payroll-admins'] } })).toEqual({ [claim]: ['payroll-admins'] });
    expect(await runAction(text, 'onExecutePostLogin', {})).toEqual({ [claim]: [] });
    expect(text).not.toMatch(/WARNING/);
  });

  it('Okta: a Groups claim whose regex matches exactly the policy groups, not near misses', async () => {
    const model = await customModel(OKTA_CUSTOM);
    // Okta's own SDK types for the Claims API's body.
    const claim: OAuth2Claim & { value: string } = emitOktaGroupsClaim(model);
    expect(claim).toMatchObject({ name: 'groups', claimType: 'RESOURCE', valueType: 'GROUPS', group_filter_type: 'REGEX', alwaysIncludeInToken: true });
    // The escapes used are common to Java's (Okta's) and JavaScript's regex syntax.
    const re = new RegExp(claim.value);
    const groups = policyGroupsOf(model);
    expect(groups).toContain('ops.team+(eu)');
    for (const g of groups) {
      expect(re.test(g), g).toBe(true);
      for (const near of [`${g}x`, `x${g}`, g.slice(1), g.toUpperCase() === g ? `${g}-` : g.toUpperCase()]) expect(re.test(near), near).toBe(false);
    }
    expect(re.test('opsXteam+(eu)')).toBe(false);
    expect(re.test('ops.teamm(eu)')).toBe(false);
  });
});
