import type { CompiledPolicy } from '../emit/policy.js';
import type { Role } from '../spec/spec.types.js';
import { ROLE_BITS } from './roles.js';

/** Temporal's authorization.Claims: role bits for the system scope and per namespace. */
export interface TemporalClaims {
  system: number;
  namespaces: Record<string, number>;
}

/** Where a bit in the claims came from, for explanations. */
export interface ClaimSource {
  scope: 'system' | { namespace: string };
  role: Role;
  from: string;
}

export interface MappedClaims {
  claims: TemporalClaims;
  sources: ClaimSource[];
}

/** Who is asking: the groups in the token and the client it was issued to. */
export interface Principal {
  groups: string[];
  clientId?: string;
}

/**
 * The custom image's ClaimMapper, as the README contract states it: OR the
 * role bits of every matching group and of the client into the claims.
 */
/** Namespace names come from specs and tokens: a map without a prototype cannot mistake `constructor` for one. */
const emptyNamespaces = (): Record<string, number> => Object.create(null) as Record<string, number>;

/** A principal's entry in a policy map, by own key only. */
const own = <T>(map: Record<string, T>, key: string): T | undefined => (Object.hasOwn(map, key) ? map[key] : undefined);

export function claimsFromPolicy(policy: CompiledPolicy, principal: Principal): MappedClaims {
  const claims: TemporalClaims = { system: 0, namespaces: emptyNamespaces() };
  const sources: ClaimSource[] = [];
  const apply = (grants: CompiledPolicy['groups'][string] | undefined, from: string) => {
    if (!grants) return;
    if (grants.system) {
      claims.system |= ROLE_BITS[grants.system];
      sources.push({ scope: 'system', role: grants.system, from });
    }
    for (const [ns, role] of Object.entries(grants.namespaces)) {
      claims.namespaces[ns] = (claims.namespaces[ns] ?? 0) | ROLE_BITS[role];
      sources.push({ scope: { namespace: ns }, role, from });
    }
  };
  for (const group of [...new Set(principal.groups)].sort()) apply(own(policy.groups, group), `group ${group}`);
  if (principal.clientId) apply(own(policy.clients, principal.clientId), `client ${principal.clientId}`);
  return { claims, sources };
}

const ROLE_BY_NAME: Record<string, Role> = { read: 'read', write: 'write', admin: 'admin', worker: 'worker' };

/**
 * Temporal's default JWT claim mapper: the permissions claim must be a list
 * of "namespace:role" strings; anything else is ignored silently (as the
 * server does), and reported here so a user can see why.
 */
export function claimsFromPermissions(
  value: unknown,
  options: { systemScope: string; regex?: string },
): MappedClaims & { ignored: string[]; notAList: boolean } {
  const claims: TemporalClaims = { system: 0, namespaces: emptyNamespaces() };
  const sources: ClaimSource[] = [];
  const ignored: string[] = [];
  if (!Array.isArray(value)) return { claims, sources, ignored, notAList: value !== undefined };
  const pattern = options.regex ? new RegExp(options.regex.replace(/\(\?P</g, '(?<')) : undefined;
  for (const item of value) {
    if (typeof item !== 'string') {
      ignored.push(JSON.stringify(item));
      continue;
    }
    let namespace: string | undefined;
    let roleText: string | undefined;
    if (pattern) {
      const m = pattern.exec(item);
      namespace = m?.groups?.namespace;
      roleText = m?.groups?.role;
    } else {
      const parts = item.split(':');
      if (parts.length === 2) [namespace, roleText] = parts;
    }
    const role = roleText ? own(ROLE_BY_NAME, roleText.toLowerCase()) : undefined;
    if (!namespace || !role) {
      ignored.push(item);
      continue;
    }
    if (namespace === options.systemScope) {
      claims.system |= ROLE_BITS[role];
      sources.push({ scope: 'system', role, from: `permission ${item}` });
    } else {
      claims.namespaces[namespace] = (claims.namespaces[namespace] ?? 0) | ROLE_BITS[role];
      sources.push({ scope: { namespace }, role, from: `permission ${item}` });
    }
  }
  return { claims, sources, ignored, notAList: false };
}
