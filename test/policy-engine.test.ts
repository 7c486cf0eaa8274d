import { describe, expect, it } from 'vitest';
import { clientIdOf, groupsAt } from '../src/oidc/groups.js';
import { apiTableFor, describeMethod, type ResolvedApi, resolveApi } from '../src/policy/api.js';
import { ADMIN_SERVICE_METHODS, API_MINORS, API_TABLE_SOURCES, API_TABLES, GRPC_GO_VERSIONS } from '../src/policy/api-tables.generated.js';
import { authorize, type Caller, effectiveRole } from '../src/policy/authorize.js';
import { builtinClaimMapper, type TemporalClaims } from '../src/policy/claims.js';
import { compilePolicy } from '../src/policy/compile.js';
import { accessMatrix } from '../src/policy/matrix.js';
import { examplePath, modelOf } from './helpers.js';

const READ = 2;
const WRITE = 4;
const ADMIN = 8;
const WORKER = 1;
const WF = '/temporal.api.workflowservice.v1.WorkflowService/';
const OP = '/temporal.api.operatorservice.v1.OperatorService/';
const ADMIN_SVC = '/temporal.server.api.adminservice.v1.AdminService/';
const NEXUS = '/temporal.api.nexusservice.v1.NexusService/';

const table = apiTableFor('1.31.2');

// Counts per service as each minor's common/api/metadata.go (workflowServiceMetadata,
// operatorServiceMetadata, nexusServiceMetadata) and adminservice/v1/service.proto
// have them at the tag in API_TABLE_SOURCES; NexusService has no map before 1.24.
const COUNTS_BY_MINOR = {
  '1.22': { wf: 57, op: 7, nexus: 0, admin: 29 },
  '1.23': { wf: 60, op: 11, nexus: 0, admin: 37 },
  '1.24': { wf: 63, op: 17, nexus: 1, admin: 38 },
  '1.25': { wf: 63, op: 12, nexus: 1, admin: 39 },
  '1.26': { wf: 74, op: 12, nexus: 1, admin: 43 },
  '1.27': { wf: 82, op: 12, nexus: 1, admin: 43 },
  '1.28': { wf: 89, op: 12, nexus: 4, admin: 43 },
  '1.29': { wf: 94, op: 12, nexus: 4, admin: 43 },
  '1.30': { wf: 105, op: 12, nexus: 5, admin: 44 },
  '1.31': { wf: 109, op: 12, nexus: 5, admin: 45 },
} as const;
const caller = (system: number, namespaces: Record<string, number> = {}): Caller => ({ kind: 'claims', claims: { system, namespaces } as TemporalClaims, sources: [] });
function api(name: string): ResolvedApi {
  const r = resolveApi(table, name);
  if (!r.ok) throw new Error(r.message);
  return r.api;
}
const allowed = (c: Caller, name: string, ns?: string) => authorize(c, api(name), ns).allowed;

describe('API tables, one per server minor', () => {
  it('1.22 to 1.31, each with the WorkflowService, OperatorService, NexusService and AdminService methods of that release', () => {
    expect([...API_MINORS]).toEqual(Object.keys(COUNTS_BY_MINOR));
    for (const minor of API_MINORS) {
      const names = Object.keys(API_TABLES[minor]);
      const got = {
        wf: names.filter((n) => n.startsWith(WF)).length,
        op: names.filter((n) => n.startsWith(OP)).length,
        nexus: names.filter((n) => n.startsWith(NEXUS)).length,
        admin: ADMIN_SERVICE_METHODS[minor].length,
      };
      expect(got, minor).toEqual(COUNTS_BY_MINOR[minor]);
      expect(API_TABLE_SOURCES[minor].tag, minor).toMatch(new RegExp(`^v${minor.replace('.', '\\.')}\\.\\d+(\\.\\d+)?$`));
    }
    const nexus = Object.entries(API_TABLES['1.31']).filter(([n]) => n.startsWith(NEXUS));
    expect(nexus.length).toBe(5);
    for (const [, e] of nexus) expect(e).toEqual({ scope: 'namespace', access: 'write' });
  });

  // Each row: a method, and its scope/access in each minor as that minor's
  // common/api/metadata.go says ('-' = not in that minor's map: the default
  // authorizer denies it, ScopeUnknown). Minors 1.22 ... 1.31 in order.
  const ns = (access: string) => `namespace/${access}`;
  const cl = (access: string) => `cluster/${access}`;
  const KNOWN: Record<string, readonly string[]> = {
    // In every minor, unchanged.
    [`${WF}StartWorkflowExecution`]: Array(10).fill(ns('write')),
    [`${WF}ListNamespaces`]: Array(10).fill(cl('read')),
    [`${OP}AddSearchAttributes`]: Array(10).fill(ns('admin')),
    // Nexus task polling: added in 1.23 as namespace admin, namespace write from 1.24.
    [`${WF}PollNexusTaskQueue`]: ['-', ns('admin'), ...Array(8).fill(ns('write'))],
    // Nexus services: 1.23 CreateOrUpdateNexusIncomingService; 1.24 incoming (cluster) and
    // outgoing (namespace) services; 1.25 on, endpoints.
    [`${OP}CreateOrUpdateNexusIncomingService`]: ['-', cl('admin'), ...Array(8).fill('-')],
    [`${OP}CreateNexusOutgoingService`]: ['-', '-', ns('admin'), ...Array(7).fill('-')],
    [`${OP}CreateNexusEndpoint`]: ['-', '-', '-', ...Array(7).fill(cl('admin'))],
    [`${NEXUS}DispatchNexusTask`]: ['-', '-', ...Array(8).fill(ns('write'))],
    // 1.26's *ById activity methods, renamed in 1.27.
    [`${WF}PauseActivityById`]: [...Array(4).fill('-'), ns('write'), ...Array(5).fill('-')],
    [`${WF}PauseActivity`]: [...Array(5).fill('-'), ...Array(5).fill(ns('write'))],
    // Added in 1.27: unknown to 1.26 (the near miss).
    [`${WF}DescribeWorkerDeployment`]: [...Array(5).fill('-'), ...Array(5).fill(ns('read'))],
    [`${WF}ListWorkers`]: [...Array(6).fill('-'), ...Array(4).fill(ns('read'))],
    [`${WF}StartActivityExecution`]: [...Array(8).fill('-'), ns('write'), ns('write')],
  };

  for (const [method, expected] of Object.entries(KNOWN)) {
    it(`${method.slice(method.lastIndexOf('/') + 1)}: scope/access per minor as each minor's metadata.go has it`, () => {
      const got = API_MINORS.map((minor) => {
        const e = describeMethod(apiTableFor(`${minor}.0`), method).entry;
        return e ? `${e.scope}/${e.access}` : '-';
      });
      expect(Object.fromEntries(API_MINORS.map((m, i) => [m, got[i]]))).toEqual(Object.fromEntries(API_MINORS.map((m, i) => [m, expected[i]])));
    });
  }

  it('grpc health List exists only where the minor pins grpc-go 1.72.0 or later (1.28 on); Watch everywhere', () => {
    expect(GRPC_GO_VERSIONS['1.27']).toBe('1.71.0');
    expect(GRPC_GO_VERSIONS['1.28']).toBe('1.79.3');
    const list = '/grpc.health.v1.Health/List';
    const watch = '/grpc.health.v1.Health/Watch';
    expect(describeMethod(apiTableFor('1.28.4'), list).served).toContain('gRPC health service');
    expect(describeMethod(apiTableFor('1.27.4'), list).served).toBeUndefined();
    expect(resolveApi(apiTableFor('1.27.4'), list).ok).toBe(false);
    expect(resolveApi(apiTableFor('1.28.4'), list).ok).toBe(true);
    for (const v of ['1.22.7', '1.31.2']) expect(resolveApi(apiTableFor(v), watch).ok, v).toBe(true);
  });

  it('AdminService methods are cluster admin by prefix, and only those the minor has are known', () => {
    expect(describeMethod(apiTableFor('1.22.7'), `${ADMIN_SVC}DescribeMutableState`).entry).toEqual({ scope: 'cluster', access: 'admin' });
    expect(ADMIN_SERVICE_METHODS['1.22']).not.toContain(`${ADMIN_SVC}DeepHealthCheck`);
    expect(ADMIN_SERVICE_METHODS['1.25']).toContain(`${ADMIN_SVC}DeepHealthCheck`);
    expect(resolveApi(apiTableFor('1.24.3'), 'DeepHealthCheck').ok).toBe(false);
    expect(resolveApi(apiTableFor('1.25.2'), 'DeepHealthCheck').ok).toBe(true);
  });

  it('cluster-scoped WorkflowService methods are exactly the four Temporal lists', () => {
    const cluster = Object.entries(API_TABLES['1.31'])
      .filter(([n, a]) => n.startsWith(WF) && a.scope === 'cluster')
      .map(([n]) => n.slice(WF.length))
      .sort();
    expect(cluster).toEqual(['GetClusterInfo', 'GetSearchAttributes', 'GetSystemInfo', 'ListNamespaces']);
  });

  it('picks the table by server version: exact minor, else the nearest, with a note', () => {
    expect(apiTableFor('1.29.1').version).toBe('1.29');
    expect(apiTableFor('1.29.1').note).toBeUndefined();
    expect(apiTableFor('1.33.0')).toMatchObject({ version: '1.31' });
    expect(apiTableFor('1.33.0').note).toContain('methods added since are unknown');
    expect(apiTableFor('1.25.0').version).toBe('1.25');
    expect(apiTableFor('1.25.0').note).toBeUndefined();
    expect(apiTableFor('1.22.0').version).toBe('1.22');
    expect(apiTableFor('1.21.9')).toMatchObject({ version: '1.22' });
    expect(apiTableFor('1.21.9').note).toContain('no table for 1.21');
  });

  it('methods that exist in one minor and not in another are decided per table', () => {
    const only31 = Object.keys(API_TABLES['1.31']).filter((m) => !Object.hasOwn(API_TABLES['1.28'], m));
    expect(only31.length).toBeGreaterThan(0);
    const m = only31[0]!;
    expect(describeMethod(apiTableFor('1.31.2'), m).entry).toBeDefined();
    expect(describeMethod(apiTableFor('1.28.1'), m).entry).toBeUndefined();
  });
});

describe('resolving the API a user names', () => {
  it('full gRPC names and short names', () => {
    expect(api(`${WF}StartWorkflowExecution`).method).toBe(`${WF}StartWorkflowExecution`);
    expect(api('StartWorkflowExecution').method).toBe(`${WF}StartWorkflowExecution`);
    expect(api('DescribeCluster')).toMatchObject({ method: `${ADMIN_SVC}DescribeCluster`, entry: { scope: 'cluster', access: 'admin' } });
    expect(api('Check').method).toBe('/grpc.health.v1.Health/Check');
  });

  it('a short name in two services resolves to the public one and says so', () => {
    const r = api('DeleteWorkflowExecution');
    expect(r.method).toBe(`${WF}DeleteWorkflowExecution`);
    expect(r.note).toContain(`${ADMIN_SVC}DeleteWorkflowExecution`);
    // OperatorService before AdminService, too.
    expect(api('AddSearchAttributes').method).toBe(`${OP}AddSearchAttributes`);
  });

  it('an unknown name is refused with the nearest real one', () => {
    const r = resolveApi(table, 'StartWorkflow');
    expect(r).toEqual({ ok: false, message: expect.stringContaining('did you mean StartWorkflowExecution?') });
    const typo = resolveApi(table, 'ListNamspaces');
    expect(typo.ok ? '' : typo.message).toContain('did you mean ListNamespaces?');
    expect(resolveApi(table, `${WF}MakeCoffee`).ok).toBe(false);
  });
});

describe('default authorizer, by category', () => {
  it('always allowed: health check and GetSystemInfo, even with no token', () => {
    expect(authorize({ kind: 'no-token' }, api('GetSystemInfo')).allowed).toBe(true);
    expect(authorize({ kind: 'token-invalid', why: 'expired' }, api('/grpc.health.v1.Health/Check')).code).toBe('always-allowed');
    expect(authorize({ kind: 'no-token' }, api('GetClusterInfo'))).toMatchObject({ allowed: false, code: 'no-token' });
    expect(authorize({ kind: 'token-invalid', why: 'expired' }, api('DescribeNamespace'), 'ns')).toMatchObject({ allowed: false, code: 'token-invalid' });
    // The stock claim mapper's error fails the call before the authorizer: no health check either.
    expect(authorize({ kind: 'token-invalid', why: 'expired', failsEveryCall: true }, api('/grpc.health.v1.Health/Check'))).toMatchObject({ allowed: false, code: 'token-invalid' });
  });

  it('read-only namespace APIs need read', () => {
    for (const name of ['DescribeWorkflowExecution', 'ListWorkflowExecutions', 'QueryWorkflow', 'GetWorkflowExecutionHistory', 'DescribeNamespace']) {
      expect(allowed(caller(0, { ns: READ }), name, 'ns'), name).toBe(true);
      expect(allowed(caller(0, { ns: WORKER }), name, 'ns'), name).toBe(false);
      expect(allowed(caller(0, { other: ADMIN }), name, 'ns'), name).toBe(false);
    }
  });

  it('writes and polling need write, the Nexus service included', () => {
    const nexus = Object.keys(API_TABLES['1.31']).filter((n) => n.startsWith('/temporal.api.nexusservice.v1.NexusService/'));
    for (const name of ['StartWorkflowExecution', 'SignalWorkflowExecution', 'PollWorkflowTaskQueue', 'PollActivityTaskQueue', 'PollNexusTaskQueue', 'RespondWorkflowTaskCompleted', ...nexus]) {
      expect(allowed(caller(0, { ns: WRITE }), name, 'ns'), name).toBe(true);
      expect(allowed(caller(0, { ns: READ }), name, 'ns'), name).toBe(false);
      expect(allowed(caller(0, { ns: READ | WORKER }), name, 'ns'), name).toBe(false);
    }
  });

  it('namespace admin APIs need admin on that namespace', () => {
    for (const name of ['UpdateNamespace', 'DeprecateNamespace', 'RegisterNamespace', 'AddSearchAttributes', 'DeleteNamespace']) {
      expect(allowed(caller(0, { ns: ADMIN }), name, 'ns'), name).toBe(true);
      expect(allowed(caller(0, { ns: WRITE }), name, 'ns'), name).toBe(false);
    }
  });

  it('cluster APIs use the system role only, even when the call names a namespace the caller administers', () => {
    for (const name of ['ListNamespaces', 'GetClusterInfo', 'GetSearchAttributes']) {
      expect(allowed(caller(READ), name), name).toBe(true);
      const denied = authorize(caller(0, { ns: ADMIN }), api(name), 'ns');
      expect(denied.allowed, name).toBe(false);
      expect(denied.code).toBe('cluster-api');
      expect(denied.reason).toContain('namespace roles do not count, not even on ns');
    }
    for (const name of ['ListClusters', 'CreateNexusEndpoint', 'AddOrUpdateRemoteCluster']) {
      expect(allowed(caller(WRITE), name), name).toBe(false);
      expect(allowed(caller(ADMIN), name), name).toBe(true);
      expect(allowed(caller(0, { ns: ADMIN }), name, 'ns'), name).toBe(false);
    }
  });

  it('every AdminService method is cluster admin: a namespace admin never passes, a system admin always does', () => {
    for (const method of ADMIN_SERVICE_METHODS['1.31']) {
      const m = describeMethod(table, method);
      expect(authorize(caller(0, { ns: ADMIN }), m, 'ns').allowed, method).toBe(false);
      expect(authorize(caller(WRITE), m, 'ns').allowed, method).toBe(false);
      expect(authorize(caller(ADMIN), m, 'ns').allowed, method).toBe(true);
    }
    for (const name of ['DescribeCluster', 'CloseShard', 'DescribeMutableState', 'DeepHealthCheck']) expect(allowed(caller(ADMIN), `${ADMIN_SVC}${name}`), name).toBe(true);
    expect(allowed(caller(READ), `${ADMIN_SVC}GetSearchAttributes`)).toBe(false);
  });

  it('a namespace API that names no namespace: Namespaces[""] | System', () => {
    const sys = authorize(caller(ADMIN), api('StartWorkflowExecution'));
    expect(sys).toMatchObject({ allowed: true, code: 'no-namespace' });
    expect(sys.reason).toContain('names no namespace');
    expect(authorize(caller(0, { ns: ADMIN }), api('StartWorkflowExecution'))).toMatchObject({ allowed: false, code: 'no-namespace' });
    expect(authorize(caller(0, { '': WRITE }), api('StartWorkflowExecution')).allowed).toBe(true);
  });

  it('the system role applies to every namespace', () => {
    expect(allowed(caller(WRITE), 'StartWorkflowExecution', 'anything')).toBe(true);
  });

  it('namespace names are compared exactly (no case folding)', () => {
    expect(allowed(caller(0, { bar: ADMIN }), 'RespondWorkflowTaskCompleted', 'BAR')).toBe(false);
  });

  it('a full method name the metadata does not know is denied', () => {
    expect(authorize(caller(ADMIN), describeMethod(table, `${WF}MakeCoffee`), 'ns')).toMatchObject({ allowed: false, code: 'unknown-api' });
  });

  it('RespondWorkflowTaskCompleted says its cross-namespace commands are checked too', () => {
    expect(authorize(caller(0, { ns: WRITE }), api('RespondWorkflowTaskCompleted'), 'ns').notes.join(' ')).toContain('enableCrossNamespaceCommands');
    expect(authorize(caller(0, { ns: WRITE }), api('StartWorkflowExecution'), 'ns').notes).toEqual([]);
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

  it('takes the client from the first client-id claim present, never from sub', () => {
    expect(clientIdOf({ client_id: 'a', cid: 'b' }, ['client_id', 'cid'])).toBe('a');
    expect(clientIdOf({ client_id: 'a', cid: 'b' }, ['cid', 'client_id'])).toBe('b');
    expect(clientIdOf({ cid: 7, azp: 'x' }, ['cid', 'azp'])).toBe('x');
    expect(clientIdOf({ sub: 'c' }, ['client_id', 'azp'])).toBeUndefined();
  });
});

describe("Temporal's builtin JWT claim mapper", () => {
  const map = (permissions: unknown, extra: { regex?: string; sub?: unknown } = {}) =>
    builtinClaimMapper({ sub: 'sub' in extra ? extra.sub : 'u', permissions }, { claim: 'permissions', systemScope: 'temporal-system', regex: extra.regex });
  const ok = (m: ReturnType<typeof map>) => {
    if (!m.ok) throw new Error(m.why);
    return m;
  };

  it('reads namespace:role strings and ignores the rest silently', () => {
    const mapped = ok(map(['payroll:write', 'temporal-system:read', 'bad', 'x:owner', 42]));
    expect(mapped.claims).toEqual({ system: READ, namespaces: { payroll: WRITE } });
    expect(mapped.ignored).toEqual(['bad', 'x:owner', '42']);
    expect(ok(map('payroll:write')).notAList).toBe(true);
  });

  it('needs exactly two parts: a:b:c grants nothing', () => {
    const mapped = ok(map(['payroll:write:extra', 'a:b:c']));
    expect(mapped.claims).toEqual({ system: 0, namespaces: {} });
    expect(mapped.ignored).toEqual(['payroll:write:extra', 'a:b:c']);
  });

  it('reads the role case-insensitively and the namespace exactly', () => {
    expect(ok(map(['Payroll:WRITE', 'Temporal-System:admin'])).claims).toEqual({ system: 0, namespaces: { Payroll: WRITE, 'Temporal-System': ADMIN } });
  });

  it('fails the whole token when sub is missing or not a string', () => {
    expect(map(['payroll:write'], { sub: undefined }).ok).toBe(false);
    expect(map(['payroll:write'], { sub: 42 }).ok).toBe(false);
  });

  it('honours permissionsRegex in Go syntax, (?i) included', () => {
    const mapped = ok(map(['temporal.payroll.write', 'TEMPORAL.audit.reader'], { regex: '(?i)^temporal\\.(?P<namespace>[^.]+)\\.(?P<role>read|write)(?:er)?$' }));
    expect(mapped.claims.namespaces).toEqual({ payroll: WRITE, audit: READ });
  });

  it('falls back to namespace:role when the regex is invalid or lacks a named group, as the server does', () => {
    for (const regex of ['(?P<namespace>[a-z]+:(?P<role>\\w+)', '(?P<ns>\\w+):(?P<role>\\w+)']) {
      const mapped = ok(map(['payroll:write'], { regex }));
      expect(mapped.claims.namespaces).toEqual({ payroll: WRITE });
      expect(mapped.regexIgnored).toBeDefined();
    }
  });

  it('matches in linear time: a catastrophic-backtracking pattern on a 33-character claim returns', () => {
    // With a backtracking engine (a+)+$ on 32 a's and a ! takes minutes; RE2 semantics take microseconds.
    const mapped = ok(map(['a'.repeat(32) + '!'], { regex: '^(?P<namespace>(a+)+)(?P<role>x)?$' }));
    expect(mapped.ignored).toHaveLength(1);
  });
});

describe('access matrix', () => {
  it('okta example: effective roles, with system roles carried into every namespace', async () => {
    const model = await modelOf(examplePath('okta'));
    const m = accessMatrix(
      compilePolicy(model),
      model.namespaces.map((n) => n.name),
    );
    const row = (p: string) => m.rows.find((r) => r.principal === p)!;
    expect(row('payroll-engineers').namespaces.payroll).toEqual({ role: 'write', viaSystem: false });
    expect(row('payroll-engineers').namespaces['bitovi-project']).toEqual({ role: undefined, viaSystem: false });
    expect(row('engineering').namespaces.payroll).toEqual({ role: 'read', viaSystem: true });
    expect(row('engineering').system).toBe('read');
    expect(row('0oa-payroll')).toMatchObject({ kind: 'client', namespaces: { payroll: { role: 'write' } } });
  });
});

describe('every API of every versioned table', () => {
  const BITS = { read: READ, write: WRITE, admin: ADMIN } as const;
  const below = { read: WORKER, write: READ | WORKER, admin: WRITE | READ | WORKER } as const;
  for (const minor of API_MINORS) {
    it(`${minor}: each method needs exactly its role, in its scope`, () => {
      const t = apiTableFor(`${minor}.0`);
      const methods = [...Object.keys(API_TABLES[minor]), ...ADMIN_SERVICE_METHODS[minor]];
      for (const method of methods) {
        const m = describeMethod(t, method);
        if (m.alwaysAllowed) {
          expect(authorize({ kind: 'no-token' }, m, 'ns').allowed, method).toBe(true);
          continue;
        }
        const { scope, access } = m.entry!;
        if (scope === 'cluster') {
          expect(authorize(caller(BITS[access]), m, 'ns').allowed, method).toBe(true);
          expect(authorize(caller(below[access]), m, 'ns').allowed, method).toBe(false);
          expect(authorize(caller(0, { ns: ADMIN }), m, 'ns').allowed, method).toBe(false);
        } else {
          expect(authorize(caller(0, { ns: BITS[access] }), m, 'ns').allowed, method).toBe(true);
          expect(authorize(caller(0, { ns: below[access] }), m, 'ns').allowed, method).toBe(false);
          expect(authorize(caller(0, { other: ADMIN }), m, 'ns').allowed, method).toBe(false);
          expect(authorize(caller(BITS[access]), m, 'ns').allowed, method).toBe(true);
        }
      }
      const c = COUNTS_BY_MINOR[minor];
      expect(methods.length).toBe(c.wf + c.op + c.nexus + c.admin);
    });
  }
});
