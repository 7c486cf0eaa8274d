// builtin mode with server.authorization.permissionsRegex: the stock server
// reads each permission string with the regex (Go RE2, FindStringSubmatch),
// so the strings the identity provider is told to emit must be strings the
// regex reads as exactly their namespace and role, and every explain form
// must grant only what the server's mapper reads from those strings.
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { accessMatrix, explain } from '../src/api/explain.js';
import { emitAuth0CredentialsExchangeAction, emitAuth0PostLoginAction } from '../src/emit/idp-auth0.js';
import { emitEntraAppRoles } from '../src/emit/idp-entra.js';
import { emitKeycloakRealm } from '../src/emit/idp-keycloak.js';
import { oktaPermissionsExpression } from '../src/emit/idp-okta.js';
import { emitIdpPermissions } from '../src/emit/idp-permissions.js';
import { FILES, renderOutputs } from '../src/emit/index.js';
import type { AuthModel } from '../src/model/model.js';
import { apiTableFor, describeMethod } from '../src/policy/api.js';
import { API_TABLES } from '../src/policy/api-tables.generated.js';
import { builtinClaimMapper } from '../src/policy/claims.js';
import { compilePolicy } from '../src/policy/compile.js';
import { explainPrincipal, type PrincipalInput } from '../src/policy/explain.js';
import { accessMatrix as policyMatrix } from '../src/policy/matrix.js';
import { compilePermissionsPattern } from '../src/temporal/permissions-pattern.js';
import { ROLE_BITS } from '../src/temporal/roles.js';
import { exampleData, modelOf, runCli, writeSpec } from './helpers.js';

const SLASHED = '^temporal/(?P<namespace>[^/]+)/(?P<role>[a-z]+)$';

/** The keycloak example (builtin mode, server 1.31 on chart 1.6.0) with a permissionsRegex, or none. */
function spec(regex?: string, edit: (s: Record<string, any>) => void = () => {}) {
  const s = exampleData('keycloak');
  if (regex !== undefined) s.server.authorization.permissionsRegex = regex;
  edit(s);
  return s;
}
const model = async (regex?: string, edit?: (s: Record<string, any>) => void) => modelOf(writeSpec(spec(regex, edit)));

/** What the stock mapper grants from these strings, under the model's regex: "ns:role" per grant, sorted. */
function mapperReads(m: AuthModel, strings: string[]): string[] {
  const out = builtinClaimMapper({ sub: 'u', permissions: strings }, { claim: 'permissions', systemScope: 'temporal-system', regex: m.issuer.permissionsRegex });
  if (!out.ok) throw new Error(out.why);
  return out.sources.map((s) => `${s.scope === 'system' ? 'temporal-system' : s.scope.namespace}:${s.role}`).sort();
}

/** The policy's grants of a principal, as "ns:role". */
function granted(m: AuthModel, kind: 'groups' | 'clients', name: string): string[] {
  const g = compilePolicy(m)[kind][name]!;
  return [...Object.entries(g.namespaces).map(([ns, role]) => `${ns}:${role}`), ...(g.system ? [`temporal-system:${g.system}`] : [])].sort();
}

describe('idp-permissions.yaml: strings the regex reads as exactly their grant', () => {
  it('with ^temporal/(?P<namespace>[^/]+)/(?P<role>[a-z]+)$ the strings are temporal/NS/ROLE', async () => {
    const m = await model(SLASHED);
    const idp = emitIdpPermissions(m);
    expect([...idp.groups.developers!].sort()).toEqual(['temporal/default/write', 'temporal/temporal-system/read']);
    expect(idp.clients['orders-worker']).toEqual(['temporal/orders/write']);
    for (const [group, strings] of Object.entries(idp.groups)) expect(mapperReads(m, strings), group).toEqual(granted(m, 'groups', group));
    for (const [client, strings] of Object.entries(idp.clients)) expect(mapperReads(m, strings), client).toEqual(granted(m, 'clients', client));
  });

  it('without a regex (and with the plain one written as a regex) they stay namespace:role', async () => {
    for (const regex of [undefined, '^(?P<namespace>[^:]+):(?P<role>[a-z]+)$']) {
      const m = await model(regex);
      const idp = emitIdpPermissions(m);
      expect([...idp.groups.developers!].sort(), String(regex)).toEqual(['default:write', 'temporal-system:read']);
      expect(idp.clients['orders-worker']).toEqual(['orders:write']);
    }
  });

  it('other shapes the regex structure gives: flags, escapes, a class between the groups, role first, upper-case roles', async () => {
    const cases: [string, string][] = [
      ['(?i)^perm\\.(?P<namespace>[\\w.-]+)\\.(?P<role>\\w+)$', 'perm.default.write'],
      ['^(?P<namespace>[^=]+)[=](?P<role>\\w+)$', 'default=write'],
      ['^(?P<role>[a-z]+)@(?P<namespace>.+)$', 'write@default'],
      ['^urn:temporal:(?P<namespace>[^:]+):(?P<role>[A-Z]+)$', 'urn:temporal:default:WRITE'],
      ['\\Atemporal-(?:ns|namespace)/(?P<namespace>[^/]+)/(?P<role>\\w+)\\z', 'temporal-ns/default/write'],
    ];
    for (const [regex, expected] of cases) {
      const m = await model(regex);
      const strings = emitIdpPermissions(m).groups.developers!;
      expect(strings, regex).toContain(expected);
      expect(mapperReads(m, strings), regex).toEqual(granted(m, 'groups', 'developers'));
    }
  });

  it('every provider file carries the same strings as idp-permissions.yaml', async () => {
    const m = await model(SLASHED);
    const idp = emitIdpPermissions(m);
    const all = [...new Set([...Object.values(idp.groups), ...Object.values(idp.clients)].flat())].sort();
    expect(all.every((s) => s.startsWith('temporal/'))).toBe(true);
    expect(
      emitKeycloakRealm(m)
        .roles.realm.filter((r) => !r.composite)
        .map((r) => r.name),
    ).toEqual(all);
    expect(emitEntraAppRoles(m).appRoles.map((r) => r.value)).toEqual(all);
    const actions = emitAuth0PostLoginAction(m) + emitAuth0CredentialsExchangeAction(m);
    const okta = oktaPermissionsExpression(m);
    for (const s of all) {
      expect(actions).toContain(JSON.stringify(s));
      expect(okta).toContain(JSON.stringify(s));
    }
    expect(actions).not.toContain('"default:write"');
    expect(okta).not.toContain('"default:write"');
    // The rendered file says which regex the strings are shaped for.
    const file = renderOutputs(m).files.find((f) => f.name === FILES.idpPermissions)!;
    expect(parse(file.content).permissionsRegex).toBe(SLASHED);
    expect(parse(file.content).groups.developers).toContain('temporal/default/write');
  });
});

const probes = (m: AuthModel) => {
  const table = apiTableFor(m.serverVersion);
  return ['StartWorkflowExecution', 'DescribeWorkflowExecution', 'UpdateNamespace', 'ListNamespaces'].map((n) =>
    describeMethod(table, Object.keys(API_TABLES[table.version]).find((x) => x.endsWith(`/${n}`))!),
  );
};

describe('explain --group, --client, the matrix and a token with the idp strings agree under the regex', () => {
  /** Each principal: --group/--client and a token carrying the strings idp-permissions lists for it decide alike, and match the matrix cell. */
  async function agree(m: AuthModel) {
    const idp = emitIdpPermissions(m);
    const matrix = await accessMatrix({ kind: 'loaded-spec', model: m } as never);
    for (const row of matrix.rows) {
      const strings = (row.kind === 'group' ? idp.groups : idp.clients)[row.principal] ?? [];
      const asPrincipal: PrincipalInput = row.kind === 'group' ? { kind: 'groups', groups: [row.principal] } : { kind: 'client', clientId: row.principal };
      for (const ns of [...matrix.namespaces, '']) {
        for (const api of probes(m)) {
          const viaPrincipal = explainPrincipal(m, asPrincipal, { api, namespace: ns }).decision!;
          const viaToken = explainPrincipal(m, { kind: 'claims', claims: { sub: 'u', permissions: strings } }, { api, namespace: ns }).decision!;
          const where = `${row.principal} ${api.name} ${ns || '(none)'}`;
          expect(viaPrincipal.allowed, where).toBe(viaToken.allowed);
          expect(viaPrincipal.had, where).toBe(viaToken.had);
          if (ns && api.entry?.scope === 'namespace') {
            const cell = row.namespaces[ns]!;
            const bits = cell.role ? ROLE_BITS[cell.role] : 0;
            expect(viaPrincipal.allowed, `${where} vs matrix ${cell.role}`).toBe(bits >= ROLE_BITS[api.entry.access]);
          }
        }
      }
    }
    return matrix;
  }

  it('the example regex: everyone keeps their grants (the strings carry them)', async () => {
    const m = await model(SLASHED);
    const matrix = await agree(m);
    const dev = matrix.rows.find((r) => r.principal === 'developers')!;
    expect(dev.namespaces.default!.role).toBe('write');
    expect(dev.system).toBe('read');
    const allowed = explainPrincipal(m, { kind: 'groups', groups: ['orders-team'] }, { api: probes(m)[0]!, namespace: 'orders' });
    expect(allowed.decision!.allowed).toBe(true);
  });

  it('plain namespace:role', async () => agree(await model()));

  it('a grant the regex cannot carry is no grant in any view (the server reads none): --group, --client and the matrix say so', async () => {
    // An unanchored regex whose namespace group stops at '-': "team-a:write" reads as namespace "a".
    const m = await model(undefined, (s) => {
      s.namespaces['team-a'] = { grants: [{ group: 'team', role: 'write' }] };
      s.clients.workers[0].grants = { 'team-a': 'write', orders: 'write' };
    });
    m.issuer.permissionsRegex = '(?P<namespace>[a-z]+):(?P<role>[a-z]+)'; // past validation, which refuses it
    expect(emitIdpPermissions(m).groups.team).toEqual([]);
    const start = probes(m)[0]!;
    const group = explainPrincipal(m, { kind: 'groups', groups: ['team'] }, { api: start, namespace: 'team-a' });
    expect(group.decision!.allowed).toBe(false);
    const client = explainPrincipal(m, { kind: 'client', clientId: 'orders-worker' }, { api: start, namespace: 'team-a' });
    expect(client.decision!.allowed).toBe(false);
    expect(explainPrincipal(m, { kind: 'client', clientId: 'orders-worker' }, { api: start, namespace: 'orders' }).decision!.allowed).toBe(true);
    const matrix = await agree(m);
    expect(matrix.rows.find((r) => r.principal === 'team')!.namespaces['team-a']!.role).toBeUndefined();
    // The plain string the old code wrote would have granted namespace "a", not team-a: the check is what refuses it.
    const pattern = compilePermissionsPattern(m.issuer.permissionsRegex);
    expect(pattern.usable && pattern.match('team-a:write')).toEqual({ namespace: 'a', role: 'write' });
    // The policy-only matrix (custom mode's view) still shows the grant: builtin mode must not use it.
    expect(policyMatrix(compilePolicy(m), ['team-a']).rows.find((r) => r.principal === 'team')!.namespaces['team-a']!.role).toBe('write');
  });

  it('through the CLI: explain --group and the matrix on a spec with the example regex', async () => {
    const file = writeSpec(spec(SLASHED));
    const allow = await runCli(['explain', file, '--group', 'developers', '-n', 'default', '--api', 'StartWorkflowExecution']);
    expect(allow.code, allow.stderr).toBe(0);
    expect(allow.stdout).toContain('ALLOW');
    expect(allow.stdout).toContain('temporal/default/write');
    const matrix = JSON.parse((await runCli(['explain', file, '-o', 'json'])).stdout);
    expect(matrix.rows.find((r: any) => r.principal === 'developers').namespaces.default.role).toBe('write');
    // A token with plain strings gets nothing from this server.
    const res = await explain({ file }, { who: { claims: { sub: 'u', permissions: ['default:write'] } }, api: 'StartWorkflowExecution', namespace: 'default' });
    expect(res.decision!.allowed).toBe(false);
  });
});

describe('lint: a regex for which a granted string cannot be written is refused', () => {
  const lint = async (s: Record<string, any>) => {
    const { validate } = await import('../src/api/spec.js');
    return (await validate({ text: stringify(s), file: 'spec.yaml' })).findings;
  };

  it('names the grants and points at server.authorization.permissionsRegex', async () => {
    const findings = await lint(spec('^(?P<namespace>[a-z]+):(?P<role>[a-z]+)$', (s) => (s.namespaces['team-2'] = { grants: [{ group: 'team', role: 'read' }] })));
    const hit = findings.find((f) => f.rule === 'permissions-regex-unwritable');
    expect(hit?.severity).toBe('error');
    expect(hit?.message).toContain('team-2 read');
    expect(hit?.message).not.toContain('default write');
    expect(hit!.line).toBeGreaterThan(1);
  });

  it('a regex that can never match a grant (a dot that must be a digit) is refused; the example regex and plain strings are not', async () => {
    const bad = await lint(spec('^(?P<namespace>[^:]+):(?P<role>[a-z]+)\\d$'));
    expect(bad.map((f) => f.rule)).toContain('permissions-regex-unwritable');
    for (const regex of [SLASHED, undefined, '(?i)^(?P<namespace>[^:]+):(?P<role>\\w+)$']) {
      expect(
        (await lint(spec(regex))).filter((f) => f.severity === 'error'),
        String(regex),
      ).toEqual([]);
    }
  });

  it('a regex the server ignores (no role group) is the existing warning, and plain strings are written', async () => {
    const findings = await lint(spec('^(?P<namespace>[^:]+):(?P<r>\\w+)$'));
    expect(findings.map((f) => f.rule)).toContain('permissions-regex');
    expect(findings.map((f) => f.rule)).not.toContain('permissions-regex-unwritable');
    const m = await model('^(?P<namespace>[^:]+):(?P<r>\\w+)$');
    expect(emitIdpPermissions(m).clients['orders-worker']).toEqual(['orders:write']);
  });
});

describe('plain strings are read as the server reads them: strings.SplitN(p, ":", 2)', () => {
  const read = (permissions: string[]) => builtinClaimMapper({ sub: 'u', permissions }, { claim: 'permissions', systemScope: 'temporal-system' });
  it('split at the first colon: "payroll:x:write" is namespace payroll with role "x:write", which grants nothing', () => {
    const out = read(['payroll:x:write', 'a:b:admin', 'temporal-system:x:admin']);
    expect(out.ok && out.sources).toEqual([]);
    expect(out.ok && out.ignored).toEqual(['payroll:x:write', 'a:b:admin', 'temporal-system:x:admin']);
  });
  it('the role is read case-insensitively, the namespace exactly', () => {
    const out = read(['Payroll:WRITE', 'temporal-system:Read']);
    expect(out.ok && out.claims.namespaces).toEqual({ Payroll: 4 });
    expect(out.ok && out.claims.system).toBe(2);
  });
});
