// Issue 13, identity providers: what passed validate and broke after deploy.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { validateSpecFile } from '../src/input/validate.js';
import { groupsAt, groupsClaimNote } from '../src/oidc/groups.js';
import { compilePolicy } from '../src/policy/compile.js';
import { explainPrincipal } from '../src/policy/explain.js';
import { modelOf, quickstart, runCli, tempDir, writeSpec } from './helpers.js';

type Spec = Record<string, any>;

async function findings(spec: Spec | string, values?: object) {
  const dir = tempDir();
  const file = writeSpec(spec, dir);
  let valuesFile: string | undefined;
  if (values) writeFileSync((valuesFile = join(dir, 'values.yaml')), stringify(values));
  return (await validateSpecFile(file, { valuesFile })).findings;
}
const rule = async (id: string, spec: Spec | string, values?: object) => (await findings(spec, values)).filter((f) => f.rule === id);

describe('Google', () => {
  const google = (s: Spec) => ((s.issuer = { url: 'https://accounts.google.com', provider: 'google', claims: { groups: 'email' } }), s);

  it('warns at clients.web when the UI would send an opaque access token, naming the fix and the worker caveat', async () => {
    const [hit, ...rest] = await rule('google-id-token', google(quickstart()));
    expect(rest).toEqual([]);
    expect(hit!.severity).toBe('warning');
    expect(hit!.message).toMatch(/^clients\.web: .*opaque.*useIdTokenAsBearer: true/);
    expect(hit!.message).toContain('client_credentials');
  });

  it('points at useIdTokenAsBearer: false when it is set so', async () => {
    const s = google(quickstart());
    s.clients.web.useIdTokenAsBearer = false;
    expect((await rule('google-id-token', s))[0]!.message).toMatch(/^clients\.web\.useIdTokenAsBearer: /);
  });

  it('init --provider google writes useIdTokenAsBearer: true, and the spec validates cleanly', async () => {
    const dir = tempDir();
    expect((await runCli(['init', '--provider', 'google', '--yes'], { cwd: dir })).code).toBe(0);
    const text = readFileSync(join(dir, 'temporal-auth.yaml'), 'utf8');
    expect(parse(text).clients.web.useIdTokenAsBearer).toBe(true);
    expect(text).toContain('service-account ID token');
    const v = await runCli(['validate', join(dir, 'temporal-auth.yaml')]);
    expect([v.code, v.stdout]).toEqual([0, '']);
  });
});

describe('Entra ID', () => {
  const entra = (s: Spec) => ((s.issuer = { url: 'https://login.microsoftonline.com/tenant-id/v2.0', provider: 'entra', claims: { groups: 'roles' } }), s);

  it('the default scopes (Graph tokens) are an error at the scopes, a missing audience a warning', async () => {
    const hits = await rule('entra-api-scope', entra(quickstart()));
    expect(hits.map((h) => [h.severity, h.message.split(':')[0]])).toEqual([
      ['warning', 'issuer'],
      ['error', 'clients.web'],
    ]);
    expect(hits[1]!.message).toContain('api://<app-id>/.default');
    expect(hits[1]!.message).toContain('accessTokenAcceptedVersion');
    expect(hits[0]!.message).toContain('issuer.audience');
  });

  it('a Graph scope is not an API scope; the ID token as bearer needs none', async () => {
    const s = entra(quickstart());
    s.issuer.audience = 'app-id';
    s.clients.web.scopes = ['openid', 'https://graph.microsoft.com/User.Read'];
    expect((await rule('entra-api-scope', s)).map((h) => h.message.split(':')[0])).toEqual(['clients.web.scopes']);
    s.clients.web.useIdTokenAsBearer = true;
    expect(await rule('entra-api-scope', s)).toEqual([]);
  });

  it('init --provider entra writes the API scope and the audience, and validates cleanly', async () => {
    const dir = tempDir();
    expect((await runCli(['init', '--provider', 'entra', '--yes'], { cwd: dir })).code).toBe(0);
    const spec = parse(readFileSync(join(dir, 'temporal-auth.yaml'), 'utf8'));
    expect(spec.clients.web.scopes).toContain('api://your-api-app-id/.default');
    expect(spec.issuer.audience).toBe('your-api-app-id');
    const v = await runCli(['validate', join(dir, 'temporal-auth.yaml')]);
    expect([v.code, v.stdout]).toEqual([0, '']);
  });

  it('explain: groups overage (_claim_names) is said, with app roles as the way out', async () => {
    const s = entra(quickstart());
    s.issuer.claims.groups = 'groups';
    s.issuer.audience = 'app-id';
    s.clients.web.scopes = ['openid', 'api://app-id/.default'];
    const model = await modelOf(writeSpec(s));
    const claims = { sub: 'u', _claim_names: { groups: 'src1' }, _claim_sources: { src1: { endpoint: 'https://graph.microsoft.com/v1.0/users/x/getMemberObjects' } } };
    const result = explainPrincipal(model, { kind: 'claims', claims });
    expect(result.groups).toEqual([]);
    expect(result.groupsNote).toMatch(/_claim_names\.groups.*too many.*app roles.*issuer\.claims\.groups: roles/);
  });

  it('explain: a groups claim that is not a list of strings is said', () => {
    expect(groupsClaimNote({ groups: 7 }, 'groups')).toBe('groups is a number, not a list of strings, so it gives no groups');
    expect(groupsClaimNote({ groups: ['a', 1] }, 'groups')).toContain('must be a list of strings');
    expect(groupsClaimNote({ groups: 'a' }, 'groups')).toContain('single string');
    expect(groupsClaimNote({ groups: ['a', 'b'] }, 'groups')).toBeUndefined();
    expect(groupsClaimNote({ sub: 'x' }, 'groups')).toBe('the token has no groups claim, so it carries no groups');
  });

  it('explain: a worker token without a groups claim gets no note', async () => {
    const s = quickstart();
    s.clients.workers = [{ name: 'w', clientId: 'w-1', grants: { default: 'write' } }];
    const model = await modelOf(writeSpec(s));
    expect(explainPrincipal(model, { kind: 'claims', claims: { sub: 's', client_id: 'w-1' } }).groupsNote).toBeUndefined();
  });
});

describe('Zitadel', () => {
  const ROLES = 'urn:zitadel:iam:org:project:roles';
  const zitadelSpec = () => {
    const s = quickstart();
    s.issuer = { url: 'https://acme.zitadel.cloud', provider: 'zitadel' };
    s.namespaces.default.grants = [{ group: 'temporal-user', role: 'write' }];
    s.system.grants = [
      { group: 'temporal-admin', role: 'admin' },
      { group: 'temporal-user', role: 'read' },
    ];
    return s;
  };

  it('an object-valued groups claim gives its keys', () => {
    expect(groupsAt({ [ROLES]: { 'temporal-user': { '2233': 'acme.zitadel.cloud' }, auditor: { '2233': 'x' } } }, ROLES)).toEqual(['auditor', 'temporal-user']);
    expect(groupsAt({ a: { roles: { r: {} } } }, 'a.roles')).toEqual(['r']);
    expect(groupsAt({ groups: {} }, 'groups')).toEqual([]);
    expect(groupsAt({ groups: null }, 'groups')).toEqual([]);
  });

  it('the zitadel preset validates and reads roles from the object claim', async () => {
    const file = writeSpec(zitadelSpec());
    expect((await validateSpecFile(file)).findings).toEqual([]);
    const model = await modelOf(file);
    expect(compilePolicy(model).groupsClaim).toBe(ROLES);
    expect(model.issuer.jwksUri).toBe('https://acme.zitadel.cloud/oauth/v2/keys');
    const r = explainPrincipal(model, { kind: 'claims', claims: { sub: 'u', [ROLES]: { 'temporal-user': { '2233': 'acme.zitadel.cloud' } } } });
    expect(r.groups).toEqual(['temporal-user']);
    expect(r.policy.claims.namespaces.default).toBe(4);
    expect(r.groupsNote).toContain('its keys are read as the groups');
  });

  it('explain --claims with a Zitadel token', async () => {
    const dir = tempDir();
    const spec = writeSpec(zitadelSpec(), dir);
    writeFileSync(join(dir, 'claims.json'), JSON.stringify({ sub: 'u', [ROLES]: { 'temporal-user': { '2233': 'acme.zitadel.cloud' } } }));
    const run = await runCli(['explain', spec, '--claims', join(dir, 'claims.json'), '-n', 'default', '--api', 'StartWorkflowExecution']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Groups (${ROLES}): temporal-user`);
  });

  it('init --provider zitadel writes a spec that validates cleanly', async () => {
    const dir = tempDir();
    expect((await runCli(['init', '--provider', 'zitadel', '--yes'], { cwd: dir })).code).toBe(0);
    const text = readFileSync(join(dir, 'temporal-auth.yaml'), 'utf8');
    expect(parse(text).issuer.provider).toBe('zitadel');
    expect(text).toContain('Assert roles on authentication');
    const v = await runCli(['validate', join(dir, 'temporal-auth.yaml')]);
    expect([v.code, v.stdout]).toEqual([0, '']);
  });
});

describe('Auth0, discovery URLs, shared keys', () => {
  it('auth0-issuer-slash gives the URL with the slash', async () => {
    const s = quickstart();
    s.issuer = { url: 'https://acme.us.auth0.com', provider: 'auth0', claims: { groups: 'https://acme.example/groups' } };
    const [hit] = await rule('auth0-issuer-slash', s);
    expect(hit!.message).toContain('write url: https://acme.us.auth0.com/');
    // A custom domain on Auth0 is caught by the provider; an *.auth0.com issuer under another provider by its host.
    s.issuer.provider = 'generic';
    expect(await rule('auth0-issuer-slash', s)).toHaveLength(1);
  });

  it('issuer-discovery-url gives the issuer to write', async () => {
    const s = quickstart();
    s.issuer.url = 'https://sso.example.com/realms/acme/.well-known/openid-configuration';
    const [hit] = await rule('issuer-discovery-url', s);
    expect(hit!.severity).toBe('error');
    expect(hit!.message).toContain('write url: https://sso.example.com/realms/acme ');
  });

  it('multi-tenant-issuer: Google in builtin mode without an audience is an error; custom mode is not', async () => {
    const s = quickstart();
    s.server = { authorization: { mode: 'builtin' } };
    s.issuer = { url: 'https://accounts.google.com', provider: 'google' };
    const [hit] = await rule('multi-tenant-issuer', s);
    expect(hit!.message).toMatch(/never checks iss.*set issuer\.audience/);
    s.server = { image: { repository: 'ghcr.io/acme/temporal-auth', tag: '1.31.2-auth.1' } };
    s.issuer.claims = { groups: 'email' };
    expect(await rule('multi-tenant-issuer', s)).toEqual([]);
  });

  it('multi-tenant-issuer: an audience the server is too old to check does not count', async () => {
    const s = quickstart();
    s.server = { authorization: { mode: 'builtin' }, version: '1.28.1' };
    s.issuer = { url: 'https://login.microsoftonline.com/tenant-id/v2.0', provider: 'entra', audience: 'app-id', claims: { groups: 'roles' } };
    const [hit] = await rule('multi-tenant-issuer', s);
    expect(hit!.message).toContain('server 1.28.1 ignores issuer.audience');
    s.server.version = '1.29.0';
    expect(await rule('multi-tenant-issuer', s)).toEqual([]);
  });
});
