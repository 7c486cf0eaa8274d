import type { CompiledPolicy } from '../emit/policy.js';
import type { Role } from '../spec/spec.types.js';
import { effectiveRole } from './authorize.js';
import { claimsFromPolicy } from './claims.js';

export interface MatrixCell {
  role?: Role;
  /** The role comes from the system role, which Temporal applies to every namespace. */
  viaSystem: boolean;
}

export interface MatrixRow {
  principal: string;
  kind: 'group' | 'client';
  namespaces: Record<string, MatrixCell>;
  system?: Role;
}

export interface AccessMatrix {
  namespaces: string[];
  rows: MatrixRow[];
}

/** Every principal the spec names, by every namespace and the system scope: the effective role. */
export function accessMatrix(policy: CompiledPolicy, namespaces: readonly string[]): AccessMatrix {
  const principals = [
    ...Object.keys(policy.groups).map((g) => ({ principal: g, kind: 'group' as const, who: { groups: [g] } })),
    ...Object.keys(policy.clients).map((c) => ({ principal: c, kind: 'client' as const, who: { groups: [], clientId: c } })),
  ];
  return {
    namespaces: [...namespaces],
    rows: principals.map(({ principal, kind, who }) => {
      const { claims } = claimsFromPolicy(policy, who);
      const cells = Object.fromEntries(
        namespaces.map((ns) => {
          const own = claims.namespaces[ns] ?? 0;
          const role = effectiveRole(own | claims.system);
          return [ns, { role, viaSystem: role !== undefined && role !== effectiveRole(own) }];
        }),
      );
      return { principal, kind, namespaces: cells, system: effectiveRole(claims.system) };
    }),
  };
}
