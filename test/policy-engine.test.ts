import { describe, expect, it } from 'vitest';
import { API_TABLE } from '../src/policy/api-table.js';
import { authorize, effectiveRole } from '../src/policy/authorize.js';
import { claimsFromPermissions, type TemporalClaims } from '../src/policy/claims.js';
import { groupsAt, clientIdOf } from '../src/oidc/groups.js';
import { accessMatrix } from '../src/policy/matrix.js';
import { compilePolicy } from '../src/emit/policy.js';
import { examplePath, modelOf } from './helpers.js';

const claims = (system: number, namespaces: Record<string, number> = {}): TemporalClaims => ({ system, namespaces });
const READ = 2;
const WRITE = 4;
const ADMIN = 8;
const WORKER = 1;

describe('API table', () => {
  it('covers the WorkflowService and OperatorService of a current server', () => {
    const services = Object.values(API_TABLE).map((a) => a.service);
    expect(services.filter((s) => s === 'WorkflowService').length).toBeGreaterThanOrEqual(120);
    expect(services.filter((s) => s === 'OperatorService').length).toBe(12);
    for (const name of ['StartWorkflowExecution', 'PollWorkflowTaskQueue', 'ListNamespaces', 'UpdateNamespace', 'AddSearchAttributes', 'CreateNexusEndpoint', 'DescribeWorkerDeployment', 'PauseWorkflowExecution']) {
      expect(API_TABLE[name], name).toBeDefined();
    }
  });

  it('cluster-scoped WorkflowService APIs are exactly the four Temporal lists', () => {
    const cluster = Object.entries(API_TABLE).filter(([, a]) => a.service === 'WorkflowService' && a.scope === 'cluster').map(([n]) => n).sort();
    expect(cluster).toEqual(['GetClusterInfo', 'GetSearchAttributes', 'GetSystemInfo', 'ListNamespaces']);
  });
});

describe('default authorizer, by category', () => {
  it('always allowed: health check and GetSystemInfo, even with no roles', () => {
    expect(authorize(claims(0), [], 'GetSystemInfo').allowed).toBe(true);
    expect(authorize(claims(0), [], '/grpc.health.v1.Health/Check').allowed).toBe(true);
  });

  it('read-only namespace APIs need read', () => {
    for (const api of ['DescribeWorkflowExecution', 'ListWorkflowExecutions', 'QueryWorkflow', 'GetWorkflowExecutionHistory', 'DescribeNamespace']) {
      expect(authorize(claims(0, { ns: READ }), [], api, 'ns').allowed, api).toBe(true);
      expect(authorize(claims(0, { ns: WORKER }), [], api, 'ns').allowed, api).toBe(false);
      expect(authorize(claims(0, { other: ADMIN }), [], api, 'ns').allowed, api).toBe(false);
    }
  });

  it('writes and polling need write', () => {
    for (const api of ['StartWorkflowExecution', 'SignalWorkflowExecution', 'PollWorkflowTaskQueue', 'PollActivityTaskQueue', 'PollNexusTaskQueue', 'RespondWorkflowTaskCompleted']) {
      expect(authorize(claims(0, { ns: WRITE }), [], api, 'ns').allowed, api).toBe(true);
      expect(authorize(claims(0, { ns: READ }), [], api, 'ns').allowed, api).toBe(false);
      expect(authorize(claims(0, { ns: READ | WORKER }), [], api, 'ns').allowed, api).toBe(false);
    }
  });

  it('namespace admin APIs need admin on that namespace', () => {
    for (const api of ['UpdateNamespace', 'DeprecateNamespace', 'RegisterNamespace', 'AddSearchAttributes', 'DeleteNamespace']) {
      expect(authorize(claims(0, { ns: ADMIN }), [], api, 'ns').allowed, api).toBe(true);
      expect(authorize(claims(0, { ns: WRITE }), [], api, 'ns').allowed, api).toBe(false);
    }
  });

  it('cluster APIs use the system role only', () => {
    for (const api of ['ListNamespaces', 'GetClusterInfo', 'GetSearchAttributes']) {
      expect(authorize(claims(READ), [], api).allowed, api).toBe(true);
      const denied = authorize(claims(0, { ns: ADMIN }), [], api);
      expect(denied.allowed, api).toBe(false);
      expect(denied.reason).toContain('namespace roles do not count');
    }
    for (const api of ['ListClusters', 'CreateNexusEndpoint', 'AddOrUpdateRemoteCluster']) {
      expect(authorize(claims(WRITE), [], api).allowed, api).toBe(false);
      expect(authorize(claims(ADMIN), [], api).allowed, api).toBe(true);
    }
  });

  it('the system role applies to every namespace', () => {
    expect(authorize(claims(WRITE), [], 'StartWorkflowExecution', 'anything').allowed).toBe(true);
  });

  it('unknown APIs are denied', () => {
    expect(authorize(claims(ADMIN), [], 'MakeCoffee', 'ns').allowed).toBe(false);
  });

  it('roles compare numerically, as Temporal does', () => {
    expect(effectiveRole(READ | WORKER)).toBe('read');
    expect(effectiveRole(WORKER)).toBe('worker');
    expect(effectiveRole(0)).toBeUndefined();
  });
});

describe('claim mapping', () => {
  it('finds groups at nested paths and at URL claim names', () => {
    expect(groupsAt({ realm_access: { roles: ['a', 'b'] } }, 'realm_access.roles')).toEqual(['a', 'b']);
    expect(groupsAt({ 'https://acme.example/groups': ['x'] }, 'https://acme.example/groups')).toEqual(['x']);
    expect(groupsAt({ groups: 'solo' }, 'groups')).toEqual(['solo']);
    expect(groupsAt({ groups: [1, 'ok'] }, 'groups')).toEqual(['ok']);
    expect(groupsAt({}, 'groups')).toEqual([]);
  });

  it('takes the client from client_id, then cid, azp, sub', () => {
    expect(clientIdOf({ client_id: 'a', cid: 'b' }, ['client_id', 'cid'])).toBe('a');
    expect(clientIdOf({ client_id: 'a', cid: 'b' }, ['cid', 'client_id'])).toBe('b');
    expect(clientIdOf({ cid: 7, azp: 'x' }, ['cid', 'azp'])).toBe('x');
    // A user's subject never stands in for a client ID.
    expect(clientIdOf({ sub: 'c' }, ['client_id', 'azp'])).toBeUndefined();
  });

  it('the builtin mapper reads namespace:role strings and ignores the rest silently', () => {
    const mapped = claimsFromPermissions(['payroll:write', 'temporal-system:read', 'bad', 'x:owner', 42], { systemScope: 'temporal-system' });
    expect(mapped.claims).toEqual({ system: READ, namespaces: { payroll: WRITE } });
    expect(mapped.ignored).toEqual(['bad', 'x:owner', '42']);
    expect(claimsFromPermissions('payroll:write', { systemScope: 'temporal-system' }).notAList).toBe(true);
  });

  it('the builtin mapper honours permissionsRegex with Go-style named groups', () => {
    const mapped = claimsFromPermissions(['temporal.payroll.write', 'temporal.audit.reader'], { systemScope: 'temporal-system', regex: '^temporal\\.(?P<namespace>[^.]+)\\.(?P<role>read|write)(?:er)?$' });
    expect(mapped.claims.namespaces).toEqual({ payroll: WRITE, audit: READ });
  });
});

describe('access matrix', () => {
  it('okta example: effective roles, with system roles carried into every namespace', async () => {
    const model = await modelOf(examplePath('okta'));
    const m = accessMatrix(compilePolicy(model), model.namespaces.map((n) => n.name));
    const row = (p: string) => m.rows.find((r) => r.principal === p)!;
    expect(row('payroll-engineers').namespaces.payroll).toEqual({ role: 'write', viaSystem: false });
    expect(row('payroll-engineers').namespaces['bitovi-project']).toEqual({ role: undefined, viaSystem: false });
    expect(row('engineering').namespaces.payroll).toEqual({ role: 'read', viaSystem: true });
    expect(row('engineering').system).toBe('read');
    expect(row('0oa-payroll')).toMatchObject({ kind: 'client', namespaces: { payroll: { role: 'write' } } });
  });
});
