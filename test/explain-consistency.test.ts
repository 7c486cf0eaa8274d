// explain --group, the matrix and explain --claims are three views of one
// mapping: for the same effective claims they must never disagree. In
// builtin mode the claims come from the permission strings idp-permissions
// tells the identity provider to emit; in custom mode from a token carrying
// the group (or the worker's client ID) at the policy's claim paths.
import { describe, expect, it } from 'vitest';
import { emitIdpPermissions } from '../src/emit/idp-permissions.js';
import type { AuthModel } from '../src/model/model.js';
import { apiTableFor, describeMethod } from '../src/policy/api.js';
import { API_TABLES } from '../src/policy/api-tables.generated.js';
import { compilePolicy } from '../src/policy/compile.js';
import { explainPrincipal, type PrincipalInput } from '../src/policy/explain.js';
import { accessMatrix } from '../src/policy/matrix.js';
import { EXAMPLES, examplePath, modelOf, quickstart, writeSpec } from './helpers.js';

/** A token whose claims put `value` at a dotted path (the policy's groups claim path). */
function claimsAt(path: string, value: unknown): Record<string, unknown> {
  const claims: Record<string, unknown> = { sub: 'someone' };
  const segments = path.includes('://') ? [path] : path.split('.');
  let node = claims;
  segments.forEach((s, i) => {
    if (i === segments.length - 1) node[s] = value;
    else node = (node[s] = {}) as Record<string, unknown>;
  });
  return claims;
}

function viewsAgree(model: AuthModel) {
  const policy = compilePolicy(model);
  const idp = emitIdpPermissions(model);
  const namespaces = model.namespaces.map((n) => n.name);
  const matrix = accessMatrix(policy, namespaces);
  const table = apiTableFor(model.serverVersion);
  // One method per scope and access level, from the table the server version uses.
  const probes = ['StartWorkflowExecution', 'DescribeWorkflowExecution', 'UpdateNamespace', 'ListNamespaces', 'AddOrUpdateRemoteCluster'].map((n) =>
    describeMethod(table, Object.keys(API_TABLES[table.version]).find((m) => m.endsWith(`/${n}`))!),
  );
  for (const row of matrix.rows) {
    const asGroup: PrincipalInput =
      row.kind === 'group'
        ? { kind: 'groups', groups: [row.principal] }
        : row.kind === 'service-account'
          ? { kind: 'service-account', subject: row.principal }
          : { kind: 'client', clientId: row.principal };
    const token: Record<string, unknown> =
      model.mode === 'builtin'
        ? { sub: 'someone', [idp.claim]: (row.kind === 'group' ? idp.groups : idp.clients)[row.principal] }
        : row.kind === 'group'
          ? claimsAt(policy.groupsClaim, [row.principal])
          : row.kind === 'service-account'
            ? // A cluster token: its sub alone maps, whatever groups it carries.
              { ...claimsAt(policy.groupsClaim, ['temporal-admins']), iss: model.cluster!.issuer, sub: row.principal }
            : { sub: 'someone', [policy.clientIdClaims[0]!]: row.principal };
    for (const ns of [...namespaces, '']) {
      for (const api of probes) {
        const viaGroup = explainPrincipal(model, asGroup, { api, namespace: ns }).decision!;
        const viaClaims = explainPrincipal(model, { kind: 'claims', claims: token }, { api, namespace: ns }).decision!;
        const where = `${model.mode} ${row.principal} ${api.name} ${ns || '(none)'}`;
        expect(viaClaims.allowed, where).toBe(viaGroup.allowed);
        expect(viaClaims.had, where).toBe(viaGroup.had);
        if (ns && api.entry?.scope === 'namespace') {
          const cell = row.namespaces[ns]!;
          const role = cell.role ? { read: 2, write: 4, admin: 8, worker: 1 }[cell.role] : 0;
          expect(viaGroup.allowed, `${where} vs matrix ${cell.role}`).toBe(role >= { read: 2, write: 4, admin: 8 }[api.entry.access]);
        }
      }
    }
  }
}

describe('explain --group, --claims and the matrix agree', () => {
  it.each(EXAMPLES.map((e) => [e]))('%s', async (name) => viewsAgree(await modelOf(examplePath(name))));

  it('in both modes for a spec with a temporal-system namespace (custom mode: an ordinary namespace)', async () => {
    const s = quickstart();
    s.namespaces['temporal-system'] = { grants: [{ group: 'ops', role: 'read' }] };
    viewsAgree(await modelOf(writeSpec(s)));
  });

  it('custom mode with workers that authenticate with their service account (cluster tokens map by sub alone)', async () => {
    const s = quickstart(); // temporal-admins: system admin, which a cluster token carrying that group must not get
    s.namespaces.payments = { grants: [{ group: 'ops', role: 'admin' }] };
    s.cluster = { issuer: 'https://kubernetes.default.svc.cluster.local', audience: 'temporal.acme.example' };
    s.clients.workers = [
      { name: 'pay', serviceAccount: { namespace: 'payments', name: 'pay' }, grants: { payments: 'write' } },
      { name: 'reader', serviceAccount: { name: 'reader' }, grants: { payments: 'read', default: 'read' } },
      { name: 'oauth', clientId: 'svc-oauth', grants: { default: 'write' } },
    ];
    const model = await modelOf(writeSpec(s));
    expect(
      accessMatrix(compilePolicy(model), ['default', 'payments'])
        .rows.filter((r) => r.kind === 'service-account')
        .map((r) => r.principal),
    ).toEqual(['system:serviceaccount:payments:pay', 'system:serviceaccount:temporal:reader']);
    viewsAgree(model);
  });

  it('builtin mode with workers, several roles and the system scope', async () => {
    const s = quickstart();
    s.server = { authorization: { mode: 'builtin' } };
    s.issuer = { url: 'https://sso.acme.example/realms/acme', provider: 'keycloak' };
    s.namespaces.payments = {
      grants: [
        { group: 'ops', role: 'admin' },
        { group: 'engineering', role: 'read' },
      ],
    };
    s.clients.workers = [{ name: 'w', clientId: 'pay-worker', grants: { payments: 'write' } }];
    viewsAgree(await modelOf(writeSpec(s)));
  });
});

describe('server versions before 1.29', () => {
  it('explain applies neither permissionsRegex nor the audience, as the server ignores both', async () => {
    const s = quickstart();
    s.chart.version = '0.65.0'; // server 1.28.1
    delete s.server.image;
    s.server = { authorization: { mode: 'builtin', permissionsRegex: '^(?P<role>\\w+)@(?P<namespace>.+)$' } };
    s.issuer = { url: 'https://sso.acme.example/realms/acme', provider: 'keycloak' };
    const model = await modelOf(writeSpec(s));
    const api = describeMethod(apiTableFor(model.serverVersion), '/temporal.api.workflowservice.v1.WorkflowService/StartWorkflowExecution');
    const plain = explainPrincipal(model, { kind: 'claims', claims: { sub: 'u', permissions: ['default:write'] } }, { api, namespace: 'default' });
    expect(plain.decision?.allowed).toBe(true);
    const regexShaped = explainPrincipal(model, { kind: 'claims', claims: { sub: 'u', permissions: ['write@default'] } }, { api, namespace: 'default' });
    expect(regexShaped.decision?.allowed).toBe(false);
    // The same spec on a 1.29+ server: the regex decides.
    s.chart.version = '1.6.0';
    const newer = await modelOf(writeSpec(s));
    expect(explainPrincipal(newer, { kind: 'claims', claims: { sub: 'u', permissions: ['write@default'] } }, { api, namespace: 'default' }).decision?.allowed).toBe(true);
  });
});
