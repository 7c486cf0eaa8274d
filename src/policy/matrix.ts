import type { Role } from '../input/spec.types.generated.js';
import { effectiveRole } from './authorize.js';
import { claimsFromPolicy, type Principal, type TemporalClaims } from './claims.js';
import type { CompiledPolicy } from './compile.js';

export interface MatrixCell {
  role?: Role;
  /** The role comes from the system role, which Temporal applies to every namespace. */
  viaSystem: boolean;
}

export interface MatrixRow {
  /** The group, the worker client's client ID, or the service account's token subject (system:serviceaccount:<namespace>:<name>). */
  principal: string;
  kind: 'group' | 'client' | 'service-account';
  namespaces: Record<string, MatrixCell>;
  system?: Role;
}

export interface AccessMatrix {
  namespaces: string[];
  rows: MatrixRow[];
  /**
   * custom mode with shadow mode in the spec: the namespaces not enforced
   * (their denials are let through and logged as would-deny), and whether
   * calls that name no namespace are.
   */
  shadow?: { namespaces: string[]; clusterCalls: boolean };
}

/**
 * Natural order, as people number things: `team-2` before `team-10`. Runs of
 * digits compare by value (then by length, so `01` and `1` stay distinct),
 * everything else by code unit; equal keys fall back to plain order, so the
 * result never depends on the input order or the locale.
 */
export function naturalCompare(a: string, b: string): number {
  const chunks = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const [x, y] = [chunks(a), chunks(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [p, q] = [x[i]!, y[i]!];
    const digits = /^\d/.test(p) && /^\d/.test(q);
    if (digits) {
      const [m, n] = [p.replace(/^0+(?=\d)/, ''), q.replace(/^0+(?=\d)/, '')];
      if (m.length !== n.length) return m.length - n.length;
      if (m !== n) return m < n ? -1 : 1;
      if (p.length !== q.length) return p.length - q.length;
    } else if (p !== q) return p < q ? -1 : 1;
  }
  if (x.length !== y.length) return x.length - y.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

const natural = (list: Iterable<string>) => [...list].sort(naturalCompare);

/**
 * Every principal the spec names (groups, then worker clients, then the
 * service accounts of workers without a client), by every
 * namespace and the system scope, in natural order: the effective role.
 * `claimsOf` is how the server maps a principal: the policy (custom mode, the
 * default), or in builtin mode what the stock mapper reads from the strings
 * the identity provider emits (builtinClaimsFor).
 */
export function accessMatrix(policy: CompiledPolicy, namespaces: readonly string[], claimsOf: (who: Principal) => TemporalClaims = (who) => claimsFromPolicy(policy, who).claims): AccessMatrix {
  const principals = [
    ...natural(Object.keys(policy.groups)).map((g) => ({ principal: g, kind: 'group' as const, who: { groups: [g] } as Principal })),
    ...natural(Object.keys(policy.clients)).map((c) => ({ principal: c, kind: 'client' as const, who: { groups: [], clientId: c } as Principal })),
    ...natural(Object.keys(policy.serviceAccounts ?? {})).map((sa) => ({ principal: sa, kind: 'service-account' as const, who: { groups: [], cluster: { subject: sa } } as Principal })),
  ];
  namespaces = natural(namespaces);
  return {
    namespaces: [...namespaces],
    rows: principals.map(({ principal, kind, who }) => {
      const claims = claimsOf(who);
      const cells = Object.fromEntries(
        namespaces.map((ns) => {
          const own = Object.hasOwn(claims.namespaces, ns) ? (claims.namespaces[ns] ?? 0) : 0;
          const role = effectiveRole(own | claims.system);
          return [ns, { role, viaSystem: role !== undefined && role !== effectiveRole(own) }];
        }),
      );
      return { principal, kind, namespaces: cells, system: effectiveRole(claims.system) };
    }),
  };
}
