import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../src/policy/compile.js';
import { EXAMPLES, examplePath, modelOf, quickstart, ROOT, writeSpec } from './helpers.js';

const policySchema = JSON.parse(readFileSync(join(ROOT, 'schemas/policy.schema.json'), 'utf8'));
const validatePolicy = new Ajv2020({ strict: true, allErrors: true }).compile(policySchema);

function quickstartWithOther() {
  const s = quickstart();
  s.namespaces.other = { grants: [] };
  return s;
}

describe('compiled policy', () => {
  it('matches schemas/policy.schema.json for every example', async () => {
    for (const name of EXAMPLES) {
      const policy = compilePolicy(await modelOf(examplePath(name)));
      expect(validatePolicy(policy), `${name}: ${JSON.stringify(validatePolicy.errors)}`).toBe(true);
    }
  });

  it('a group granted twice on a namespace gets the stronger role', async () => {
    const s = quickstart();
    s.namespaces.default.grants = [
      { group: 'eng', role: 'read' },
      { group: 'eng', role: 'admin' },
      { group: 'eng', role: 'write' },
    ];
    const policy = compilePolicy(await modelOf(writeSpec(s)));
    expect(policy.groups.eng?.namespaces).toEqual({ default: 'admin' });
  });

  it('namespaces come out sorted, as data, whatever their names (Object.prototype members, numbers) and wherever the grants are', async () => {
    const s = quickstart();
    s.namespaces = {
      zeta: { grants: [{ group: 'eng', role: 'read' }] },
      constructor: {
        grants: [
          { group: 'eng', role: 'read' },
          { group: 'eng', role: 'write' },
        ],
      },
      toString: {
        grants: [
          { group: 'ops', role: 'admin' },
          { group: 'eng', role: 'worker' },
        ],
      },
      '10': { grants: [{ group: 'eng', role: 'admin' }] },
      '9': { grants: [{ group: 'eng', role: 'read' }] },
      alpha: {
        grants: [
          { group: 'ops', role: 'read' },
          { group: 'eng', role: 'admin' },
          { group: 'eng', role: 'read' },
        ],
      },
      hasOwnProperty: { grants: [{ group: 'eng', role: 'read' }] },
    };
    const policy = compilePolicy(await modelOf(writeSpec(s)));
    const eng = policy.groups.eng!.namespaces;
    // Integer-like keys first (JavaScript orders them so), then by UTF-16 code units.
    expect(Object.keys(eng)).toEqual(['9', '10', 'alpha', 'constructor', 'hasOwnProperty', 'toString', 'zeta']);
    expect(eng).toEqual({ '9': 'read', '10': 'admin', alpha: 'admin', constructor: 'write', hasOwnProperty: 'read', toString: 'worker', zeta: 'read' });
    for (const k of Object.keys(eng)) expect(Object.getOwnPropertyDescriptor(eng, k)?.enumerable, k).toBe(true);
    expect(policy.groups.ops?.namespaces).toEqual({ alpha: 'read', toString: 'admin' });
  });

  it('worker clients are keyed by client ID', async () => {
    const s = quickstart();
    s.namespaces.other = { grants: [] };
    s.clients.workers = [
      { name: 'a', clientId: 'svc-a', grants: { default: 'read' } },
      { name: 'b', clientId: 'svc-b', grants: { default: 'write', other: 'read' } },
    ];
    const policy = compilePolicy(await modelOf(writeSpec(s)));
    expect(policy.clients).toEqual({ 'svc-a': { name: 'a', namespaces: { default: 'read' } }, 'svc-b': { name: 'b', namespaces: { default: 'write', other: 'read' } } });
  });

  it("a client entry carries its worker's name; workers sharing a client ID: their names sorted and joined with +", async () => {
    const s = quickstart();
    s.namespaces.other = { grants: [] };
    s.clients.workers = [{ name: 'zeta', clientId: 'svc', grants: { default: 'write' } }];
    const model = await modelOf(writeSpec(s));
    // Lint refuses a shared client ID (duplicate-worker); the compiler still names such an entry by both.
    model.workers.push({ ...model.workers[0]!, name: 'alpha', grants: [['other', 'read']] });
    const policy = compilePolicy(model);
    expect(policy.clients.svc).toEqual({ name: 'alpha+zeta', namespaces: { default: 'write', other: 'read' } });
    expect(validatePolicy(policy), JSON.stringify(validatePolicy.errors)).toBe(true);
  });

  it('service-account workers: serviceAccounts keyed by the token subject, sorted, with the name and sorted namespaces; absent without them (other specs keep their bytes)', async () => {
    const s = quickstart();
    s.namespaces.other = { grants: [] };
    s.namespaces.alpha = { grants: [] };
    const before = JSON.stringify(compilePolicy(await modelOf(writeSpec(s))));
    s.cluster = { issuer: 'https://kubernetes.default.svc.cluster.local', audience: 'temporal.acme.example' };
    // A cluster section and OAuth workers alone add nothing.
    s.clients.workers = [{ name: 'oauth', clientId: 'svc-oauth', grants: { default: 'write' } }];
    const oauthOnly = compilePolicy(await modelOf(writeSpec(s)));
    expect('serviceAccounts' in oauthOnly).toBe(false);
    s.clients.workers = [];
    expect(JSON.stringify(compilePolicy(await modelOf(writeSpec(s))))).toBe(before);
    s.clients.workers = [
      { name: 'zeta', serviceAccount: { namespace: 'workers', name: 'zeta' }, grants: { other: 'write', default: 'read', alpha: 'worker' } },
      { name: 'oauth', clientId: 'svc-oauth', grants: { default: 'write' } },
      // The release namespace (temporal) by default.
      { name: 'ledger', serviceAccount: { name: 'ledger.v2' }, grants: { default: 'admin' } },
    ];
    const policy = compilePolicy(await modelOf(writeSpec(s)));
    expect(policy.serviceAccounts).toEqual({
      'system:serviceaccount:temporal:ledger.v2': { name: 'ledger', namespaces: { default: 'admin' } },
      'system:serviceaccount:workers:zeta': { name: 'zeta', namespaces: { alpha: 'worker', default: 'read', other: 'write' } },
    });
    expect(Object.keys(policy.serviceAccounts!)).toEqual(['system:serviceaccount:temporal:ledger.v2', 'system:serviceaccount:workers:zeta']);
    expect(Object.keys(policy.serviceAccounts!['system:serviceaccount:workers:zeta']!.namespaces)).toEqual(['alpha', 'default', 'other']);
    // Service accounts are not clients, nor groups: each issuer's map holds its own.
    expect(Object.keys(policy.clients)).toEqual(['svc-oauth']);
    // After clients, before enforce/audit/principal: the key order every policy file has.
    expect(Object.keys(policy)).toEqual(['version', 'groupsClaim', 'clientIdClaims', 'roleBits', 'groups', 'clients', 'serviceAccounts']);
    expect(validatePolicy(policy), JSON.stringify(validatePolicy.errors)).toBe(true);
  });

  it('two workers with one service account (lint refuses it): one entry, the stronger role per namespace, both names sorted, whatever their order', async () => {
    const s = quickstart();
    s.namespaces.other = { grants: [] };
    s.cluster = { issuer: 'https://kubernetes.default.svc.cluster.local', audience: 'temporal.acme.example' };
    s.clients.workers = [{ name: 'zeta', serviceAccount: { namespace: 'workers', name: 'shared' }, grants: { default: 'write' } }];
    const model = await modelOf(writeSpec(s));
    const alpha = {
      ...model.serviceAccountWorkers[0]!,
      name: 'alpha',
      grants: [
        ['default', 'read'],
        ['other', 'read'],
      ] as [string, 'read'][],
    };
    const zeta = model.serviceAccountWorkers[0]!;
    const [one, two] = [compilePolicy({ ...model, serviceAccountWorkers: [zeta, alpha] }), compilePolicy({ ...model, serviceAccountWorkers: [alpha, zeta] })];
    expect(one.serviceAccounts).toEqual({ 'system:serviceaccount:workers:shared': { name: 'alpha+zeta', namespaces: { default: 'write', other: 'read' } } });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  });

  it('shadow mode: `enforce` only when some call is not enforced, with only the namespaces the spec sets', async () => {
    const s = quickstart();
    s.namespaces.other = { grants: [] };
    // Enforcing everywhere, said out loud: the policy keeps the bytes it had before shadow mode existed.
    s.namespaces.other.enforce = true;
    s.server.authorization = { enforce: true };
    const enforcing = compilePolicy(await modelOf(writeSpec(s)));
    expect('enforce' in enforcing).toBe(false);
    expect(JSON.stringify(enforcing)).toBe(JSON.stringify(compilePolicy(await modelOf(writeSpec(quickstartWithOther())))));

    s.server.authorization = { enforce: false };
    const global = compilePolicy(await modelOf(writeSpec(s)));
    expect(global.enforce).toEqual({ default: false, namespaces: { other: true } });
    expect(validatePolicy(global), JSON.stringify(validatePolicy.errors)).toBe(true);

    s.server.authorization = {};
    delete s.namespaces.other.enforce;
    s.namespaces.default.enforce = false;
    const one = compilePolicy(await modelOf(writeSpec(s)));
    expect(one.enforce).toEqual({ default: true, namespaces: { default: false } });
  });

  it('audit and principal only when the spec sets them, as set', async () => {
    const s = quickstart();
    const plain = compilePolicy(await modelOf(writeSpec(s)));
    expect(['audit', 'principal', 'enforce'].filter((k) => k in plain)).toEqual([]);
    s.server.authorization = { audit: { maxLinesPerSecond: 20 }, principal: { claim: 'email' } };
    const set = compilePolicy(await modelOf(writeSpec(s)));
    expect(set.audit).toEqual({ maxLinesPerSecond: 20 });
    expect(set.principal).toEqual({ claim: 'email' });
    s.server.authorization.audit = { allowSampleRate: 0.25, maxLinesPerSecond: 5 };
    const both = compilePolicy(await modelOf(writeSpec(s)));
    expect(both.audit).toEqual({ allowSampleRate: 0.25, maxLinesPerSecond: 5 });
    expect(validatePolicy(both), JSON.stringify(validatePolicy.errors)).toBe(true);
  });

  it("names the client-id claims of the provider, or the spec's own", async () => {
    const s = quickstart();
    expect(compilePolicy(await modelOf(writeSpec(s))).clientIdClaims).toEqual(['client_id', 'azp']);
    s.issuer = { url: 'https://acme.okta.com/oauth2/default', provider: 'okta' };
    expect(compilePolicy(await modelOf(writeSpec(s))).clientIdClaims).toEqual(['cid']);
    s.issuer.claims = { clientId: ['client_id'] };
    expect(compilePolicy(await modelOf(writeSpec(s))).clientIdClaims).toEqual(['client_id']);
  });

  it('uses the provider preset groups claim when the spec names none', async () => {
    const s = quickstart();
    s.issuer = { url: 'https://sso.example/realms/r', provider: 'keycloak' };
    expect(compilePolicy(await modelOf(writeSpec(s))).groupsClaim).toBe('realm_access.roles');
  });

  it('carries Temporal role bits', async () => {
    expect(compilePolicy(await modelOf(examplePath('quickstart'))).roleBits).toEqual({ worker: 1, read: 2, write: 4, admin: 8 });
  });
});

describe('idp-permissions', () => {
  it('names the system scope as the server version spells it', async () => {
    const { systemScopeName } = await import('../src/temporal/roles.js');
    expect(systemScopeName('1.20.4')).toBe('system');
    expect(systemScopeName('1.21.0')).toBe('temporal-system');
    const { emitIdpPermissions } = await import('../src/emit/idp-permissions.js');
    const s = quickstart();
    s.server = { authorization: { mode: 'builtin' }, version: '1.22.0' };
    s.issuer = { url: 'https://sso.acme.example/realms/acme', provider: 'keycloak' };
    expect(emitIdpPermissions(await modelOf(writeSpec(s))).groups['temporal-admins']).toEqual(['temporal-system:admin']);
  });
});
