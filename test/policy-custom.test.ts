// The custom-auth server's layer over the default authorizer (src/policy/custom.ts):
// the Web UI's cluster-scoped calls, shadow mode, the ListNamespaces filter,
// the principal history records (src/policy/claims.ts principalName), and
// the two issuers: a cluster token maps through serviceAccounts alone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiTableFor, describeMethod } from '../src/policy/api.js';
import type { CompiledPolicy } from '../src/policy/compile.js';
import { isEnforced, shadowNamespaces, UI_CALLS } from '../src/policy/custom.js';
import { decideCustom } from '../src/policy/explain.js';
import { ROOT } from './helpers.js';

const WF = '/temporal.api.workflowservice.v1.WorkflowService/';
const table = apiTableFor('1.31.2');
const api = (name: string) => describeMethod(table, name.startsWith('/') ? name : `${WF}${name}`);

const base = (extra: Partial<CompiledPolicy> = {}): CompiledPolicy => ({
  version: 1,
  groupsClaim: 'groups',
  clientIdClaims: ['cid'],
  roleBits: { worker: 1, read: 2, write: 4, admin: 8 },
  groups: {
    'payroll-readers': { namespaces: { payroll: 'read' } },
    'payroll-workers': { namespaces: { payroll: 'worker' } },
    'ops-readers': { system: 'read', namespaces: {} },
    'ops-workers': { system: 'worker', namespaces: {} },
  },
  clients: { 'svc-1': { name: 'payroll-worker', namespaces: { payroll: 'write' } } },
  ...extra,
});

const user = (...groups: string[]) => ({ claims: { sub: 'u-1', groups } });

describe('the Web UI calls (schemas/ui-calls.json)', () => {
  it('are read from the contract file, not written here', () => {
    const file = JSON.parse(readFileSync(join(ROOT, 'schemas/ui-calls.json'), 'utf8'));
    expect([...UI_CALLS.methods]).toEqual(file.methods);
    expect(UI_CALLS.filtered).toBe(file.filtered);
    // Every listed method is cluster-scoped read in the server version the file names: the rule only widens what the system role decides.
    for (const m of file.methods) expect(describeMethod(apiTableFor(file.serverVersion), m).entry).toEqual({ scope: 'cluster', access: 'read' });
  });

  it('a namespace-only reader may call them (ui-cluster-api); a worker-only role or no role may not (cluster-api); a system reader is cluster-api', () => {
    const p = base();
    for (const m of UI_CALLS.methods) {
      expect(decideCustom(p, user('payroll-readers'), api(m))).toMatchObject({ allowed: true, code: 'ui-cluster-api' });
      expect(decideCustom(p, user('payroll-workers'), api(m))).toMatchObject({ allowed: false, code: 'cluster-api' });
      expect(decideCustom(p, user('ops-workers'), api(m))).toMatchObject({ allowed: false, code: 'cluster-api' });
      expect(decideCustom(p, user(), api(m))).toMatchObject({ allowed: false, code: 'cluster-api' });
      expect(decideCustom(p, user('ops-readers'), api(m))).toMatchObject({ allowed: true, code: 'cluster-api' });
      expect(decideCustom(p, { none: true }, api(m))).toMatchObject({ allowed: false, code: 'no-token' });
    }
  });

  it('no other cluster-scoped call is widened: GetSearchAttributes and AdminService stay system-only', () => {
    const p = base();
    expect(decideCustom(p, user('payroll-readers'), api('GetSearchAttributes'))).toMatchObject({ allowed: false, code: 'cluster-api' });
    expect(decideCustom(p, user('payroll-readers'), api('/temporal.server.api.adminservice.v1.AdminService/DescribeCluster'))).toMatchObject({ allowed: false, code: 'cluster-api' });
  });

  it('ListNamespaces keeps the namespaces the caller may read (system read: all; no role: none)', () => {
    const p = base();
    const listed = ['billing', 'payroll', 'temporal-system'];
    expect(decideCustom(p, user('payroll-readers'), api('ListNamespaces'), '', listed).visible).toEqual(['payroll']);
    expect(decideCustom(p, user('ops-readers'), api('ListNamespaces'), '', listed).visible).toEqual(listed);
    const denied = decideCustom(p, user('payroll-workers'), api('ListNamespaces'), '', listed);
    expect(denied.allowed).toBe(false);
    expect(denied.visible).toBeUndefined();
  });
});

describe('shadow mode (the policy’s enforce)', () => {
  it('never changes the decision: a denial on a namespace not enforced is let through with its reason, marked shadow', () => {
    const p = base({ enforce: { default: false } });
    const d = decideCustom(p, user('payroll-readers'), api('StartWorkflowExecution'), 'payroll');
    expect(d).toMatchObject({ allowed: true, shadow: true, code: 'namespace-api' });
    // An allowed call is not shadow.
    expect(decideCustom(p, user('payroll-readers'), api('DescribeWorkflowExecution'), 'payroll').shadow).toBeUndefined();
    // No token, a rejected token: let through, reason kept.
    expect(decideCustom(p, { none: true }, api('StartWorkflowExecution'), 'payroll')).toMatchObject({ allowed: true, shadow: true, code: 'no-token' });
    expect(decideCustom(p, { invalid: 'bad signature' }, api('StartWorkflowExecution'), 'payroll')).toMatchObject({ allowed: true, shadow: true, code: 'token-invalid' });
    // Calls that name no namespace follow the default.
    expect(decideCustom(p, user(), api('ListNamespaces'))).toMatchObject({ allowed: true, shadow: true, code: 'cluster-api' });
  });

  it("a namespace's own setting wins both ways; the lookup is by the exact name (no case folding, no trimming, no invisible characters)", () => {
    const p = base({ enforce: { default: true, namespaces: { payroll: false } } });
    expect(decideCustom(p, user(), api('StartWorkflowExecution'), 'payroll')).toMatchObject({ allowed: true, shadow: true });
    for (const lookalike of ['PAYROLL', ' payroll', 'payroll\u200b', 'payroll ', 'Payroll']) {
      expect(isEnforced(p, lookalike), JSON.stringify(lookalike)).toBe(true);
      expect(decideCustom(p, user(), api('StartWorkflowExecution'), lookalike)).toMatchObject({ allowed: false });
    }
    expect(decideCustom(p, user(), api('ListNamespaces'))).toMatchObject({ allowed: false, code: 'cluster-api' });
    const q = base({ enforce: { default: false, namespaces: { payroll: true } } });
    expect(decideCustom(q, user(), api('StartWorkflowExecution'), 'payroll')).toMatchObject({ allowed: false });
    expect(decideCustom(q, user(), api('StartWorkflowExecution'), 'billing')).toMatchObject({ allowed: true, shadow: true });
    // Prototype names are names like any other.
    expect(isEnforced(q, 'constructor')).toBe(false);
    expect(isEnforced(base({ enforce: { default: true, namespaces: {} } }), '__proto__')).toBe(true);
  });

  it('no enforce in the policy: everything enforced', () => {
    expect(isEnforced(base(), '')).toBe(true);
    expect(shadowNamespaces(base(), ['a', 'b'])).toEqual({ namespaces: [], clusterCalls: false });
    expect(shadowNamespaces(base({ enforce: { default: true, namespaces: { b: false } } }), ['a', 'b'])).toEqual({ namespaces: ['b'], clusterCalls: false });
  });

  it('ListNamespaces in shadow mode: a namespace shows when the caller may read it or its reads are let through', () => {
    const p = base({ enforce: { default: true, namespaces: { billing: false } } });
    expect(decideCustom(p, user('payroll-readers'), api('ListNamespaces'), '', ['billing', 'hr', 'payroll']).visible).toEqual(['billing', 'payroll']);
    const all = base({ enforce: { default: false, namespaces: { hr: true } } });
    const noRole = decideCustom(all, user(), api('ListNamespaces'), '', ['billing', 'hr', 'payroll']);
    expect(noRole).toMatchObject({ allowed: true, shadow: true, visible: ['billing', 'payroll'] });
  });
});

describe('the principal history records (policy principal)', () => {
  const p = base({ principal: { claim: 'email' } });
  const named = (claims: Record<string, unknown>) => decideCustom(p, { claims }, api('StartWorkflowExecution'), 'payroll').principal;

  it('the claim when it is a non-empty string, else sub, else empty; a worker by its name', () => {
    expect(named({ sub: 'u-1', email: 'al@acme.example' })).toBe('al@acme.example');
    expect(named({ sub: 'u-1' })).toBe('u-1');
    expect(named({ sub: 'u-1', email: '' })).toBe('u-1');
    expect(named({ sub: 'u-1', email: ['al@acme.example'] })).toBe('u-1');
    expect(named({ sub: 'u-1', email: 7 })).toBe('u-1');
    expect(named({ email: 7 })).toBe('');
    // The worker's name beats the claim: a worker token cannot name itself by email.
    expect(named({ sub: 'svc-1', cid: 'svc-1', email: 'boss@acme.example' })).toBe('payroll-worker');
    // A client ID only in sub is not a worker.
    expect(named({ sub: 'svc-1' })).toBe('svc-1');
  });

  it('none without a principal claim in the policy, and none without a usable token', () => {
    expect(decideCustom(base(), { claims: { sub: 'u', email: 'e' } }, api('StartWorkflowExecution'), 'payroll').principal).toBeUndefined();
    expect(decideCustom(p, { none: true }, api('StartWorkflowExecution'), 'payroll').principal).toBeUndefined();
    expect(decideCustom(p, { invalid: 'x' }, api('StartWorkflowExecution'), 'payroll').principal).toBeUndefined();
  });
});

describe('two issuers: a cluster token maps by its exact sub through serviceAccounts alone', () => {
  const CLUSTER = 'https://kubernetes.default.svc.cluster.local';
  const SA = 'system:serviceaccount:payroll:payroll-sa';
  const p = base({
    serviceAccounts: { [SA]: { name: 'payroll-sa-worker', namespaces: { payroll: 'write' } }, 'system:serviceaccount:ops:unnamed': { namespaces: { payroll: 'read' } } },
    principal: { claim: 'email' },
  });
  // null: a server without a cluster issuer.
  const decide = (claims: Record<string, unknown>, name = 'StartWorkflowExecution', clusterIssuer: string | null = CLUSTER) =>
    decideCustom(p, { claims }, api(name), 'payroll', undefined, clusterIssuer ?? undefined);

  it('the worker gets exactly its entry: named by it, whatever groups, client ID or principal claim the token carries', () => {
    expect(decide({ iss: CLUSTER, sub: SA })).toMatchObject({ allowed: true, code: 'namespace-api', principal: 'payroll-sa-worker', worker: 'payroll-sa-worker' });
    const loaded = decide({ iss: CLUSTER, sub: SA, groups: ['ops-readers'], cid: 'svc-1', email: 'boss@acme.example' }, 'ListNamespaces');
    // ops-readers would be system read (cluster-api); the worker's namespace write makes it the Web UI's call only.
    expect(loaded).toMatchObject({ allowed: true, code: 'ui-cluster-api', principal: 'payroll-sa-worker', worker: 'payroll-sa-worker' });
    expect(loaded.via.map((v) => v.from)).toEqual([`service account ${SA}`]);
  });

  it('an unlisted, differently cased or prototype-named sub gets nothing; named by its sub, no worker', () => {
    for (const sub of ['system:serviceaccount:payroll:other', SA.toUpperCase(), `${SA} `, '__proto__', 'constructor']) {
      const d = decide({ iss: CLUSTER, sub, groups: ['payroll-readers'], cid: 'svc-1' }, 'DescribeWorkflowExecution');
      expect(d, sub).toMatchObject({ allowed: false, code: 'namespace-api', principal: sub });
      expect(d.worker, sub).toBeUndefined();
    }
    // No string sub: nothing, and the principal is empty.
    expect(decide({ iss: CLUSTER, sub: 7, email: 'x@acme.example' })).toMatchObject({ allowed: false, principal: '' });
    expect(decide({ iss: CLUSTER })).toMatchObject({ allowed: false, principal: '' });
    // An entry without a name: its grants, named by sub, no worker.
    const unnamed = decide({ iss: CLUSTER, sub: 'system:serviceaccount:ops:unnamed' }, 'DescribeWorkflowExecution');
    expect(unnamed).toMatchObject({ allowed: true, principal: 'system:serviceaccount:ops:unnamed' });
    expect(unnamed.worker).toBeUndefined();
  });

  it('an identity-provider token is never looked up in serviceAccounts, whatever its sub; and without a cluster issuer there is no cluster token', () => {
    const idp = decide({ iss: 'https://idp.example', sub: SA, cid: SA, email: 'e@acme.example' });
    expect(idp).toMatchObject({ allowed: false, principal: 'e@acme.example' });
    expect(idp.worker).toBeUndefined();
    expect(decide({ sub: SA, groups: ['payroll-readers'] }, 'DescribeWorkflowExecution')).toMatchObject({ allowed: true, principal: SA });
    // iss must be exactly the cluster issuer, a string.
    for (const iss of [`${CLUSTER}/`, [CLUSTER], CLUSTER.toUpperCase()]) expect(decide({ iss, sub: SA }).allowed, JSON.stringify(iss)).toBe(false);
    // A server without a cluster issuer reads the same claims as the identity provider's.
    expect(decide({ iss: CLUSTER, sub: SA, groups: ['payroll-readers'] }, 'DescribeWorkflowExecution', null)).toMatchObject({ allowed: true, principal: SA });
    expect(decide({ iss: CLUSTER, sub: SA }, 'StartWorkflowExecution', null).allowed).toBe(false);
    // OAuth workers are named too.
    expect(decide({ iss: 'https://idp.example', sub: 'svc-1', cid: 'svc-1' })).toMatchObject({ allowed: true, worker: 'payroll-worker' });
  });
});
