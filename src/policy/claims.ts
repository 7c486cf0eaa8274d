import type { Role } from '../input/spec.types.generated.js';
import { permissionFormat } from '../temporal/permissions-pattern.js';
import { ROLE_BITS } from '../temporal/roles.js';
import type { CompiledPolicy } from './compile.js';

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

/** Who is asking: the groups in the token and the client it was issued to, or a workload of the cluster. */
export interface Principal {
  groups: string[];
  clientId?: string;
  /**
   * A token of the cluster's service-account issuer: mapped through the
   * policy's serviceAccounts by its exact `subject` (the token's `sub`, when a
   * string) and through nothing else: `groups` and `clientId` are ignored.
   */
  cluster?: { subject?: string };
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
  if (principal.cluster) {
    const subject = principal.cluster.subject;
    if (subject !== undefined && policy.serviceAccounts) apply(own(policy.serviceAccounts, subject), `service account ${subject}`);
    return { claims, sources };
  }
  for (const group of [...new Set(principal.groups)].sort()) apply(own(policy.groups, group), `group ${group}`);
  if (principal.clientId) apply(own(policy.clients, principal.clientId), `client ${principal.clientId}`);
  return { claims, sources };
}

/**
 * The policy entry of the worker a principal is, when its verified claims
 * name one: a cluster token's entry in serviceAccounts by its subject, or an
 * identity-provider token's entry in clients by its client ID. Own keys only.
 */
export function workerEntry(policy: CompiledPolicy, principal: Principal): CompiledPolicy['clients'][string] | undefined {
  if (principal.cluster) {
    const subject = principal.cluster.subject;
    return subject !== undefined && policy.serviceAccounts ? own(policy.serviceAccounts, subject) : undefined;
  }
  return principal.clientId ? own(policy.clients, principal.clientId) : undefined;
}

/** The worker a principal's verified claims name (the audit line's and the vectors' `worker`): its entry's name, when it has one. */
export function workerName(policy: CompiledPolicy, principal: Principal): string | undefined {
  return workerEntry(policy, principal)?.name;
}

/**
 * The name Temporal records as the caller on history events (the default
 * authorizer's Principal{Type: "jwt", Name: Claims.Subject}, propagated when
 * frontend.enablePrincipalPropagation is on), for a policy with `principal`:
 * a token whose client ID names a worker entry is named by the worker's name;
 * else the principal claim (a top-level claim, own property) when it is a
 * non-empty string; else `sub` when it is a string; else "". A cluster
 * token is named by its serviceAccounts entry's name, else its `sub` (never
 * the principal claim). Undefined when the policy names no principal claim
 * (render then leaves propagation off).
 */
export function principalName(policy: CompiledPolicy, tokenClaims: Record<string, unknown>, clientId: string | undefined, cluster?: Principal['cluster']): string | undefined {
  if (!policy.principal) return undefined;
  const worker = workerEntry(policy, { groups: [], clientId, cluster });
  if (worker?.name) return worker.name;
  if (cluster) return cluster.subject ?? '';
  const value = Object.hasOwn(tokenClaims, policy.principal.claim) ? tokenClaims[policy.principal.claim] : undefined;
  if (typeof value === 'string' && value !== '') return value;
  return typeof tokenClaims.sub === 'string' ? tokenClaims.sub : '';
}

const ROLE_BY_NAME: Record<string, Role> = { read: 'read', write: 'write', admin: 'admin', worker: 'worker' };

export interface BuiltinMapperOptions {
  /** The claim holding the permission strings (permissionsClaimName). */
  claim: string;
  /** `temporal-system` (`system` before server 1.21). */
  systemScope: string;
  /** permissionsRegex, when the server version reads it (>= 1.29). */
  regex?: string;
}

export type BuiltinMapping = (MappedClaims & { ok: true; ignored: string[]; notAList: boolean; regexIgnored?: string }) | { ok: false; why: string };

/**
 * Temporal's default JWT claim mapper (default_jwt_claim_mapper.go) on
 * verified token claims: `sub` must be a string; the permissions claim must be
 * a list, anything else is ignored silently; each string is split on `:` into
 * exactly two parts (or matched with permissionsRegex, RE2, when it compiles
 * with both named groups: otherwise the server warns and falls back); the role
 * is read case-insensitively and an unknown role adds nothing; the system
 * scope sets the system role.
 */
export function builtinClaimMapper(tokenClaims: Record<string, unknown>, options: BuiltinMapperOptions): BuiltinMapping {
  if (typeof tokenClaims.sub !== 'string') return { ok: false, why: 'the sub claim is missing or not a string, so the claim mapper fails' };
  const value = Object.hasOwn(tokenClaims, options.claim) ? tokenClaims[options.claim] : undefined;
  const claims: TemporalClaims = { system: 0, namespaces: emptyNamespaces() };
  const sources: ClaimSource[] = [];
  const ignored: string[] = [];
  // One definition of how strings are read, shared with the writer of the strings (permissionStrings).
  const format = permissionFormat(options.regex);
  const regexIgnored = format.regexIgnored;
  if (!Array.isArray(value)) return { ok: true, claims, sources, ignored, notAList: value !== undefined, regexIgnored };
  for (const item of value) {
    if (typeof item !== 'string') {
      ignored.push(JSON.stringify(item));
      continue;
    }
    const parsed = format.read(item);
    const role = parsed ? own(ROLE_BY_NAME, parsed.role.toLowerCase()) : undefined;
    if (!parsed || !role) {
      ignored.push(item);
      continue;
    }
    if (parsed.namespace === options.systemScope) {
      claims.system |= ROLE_BITS[role];
      sources.push({ scope: 'system', role, from: `permission ${item}` });
    } else {
      claims.namespaces[parsed.namespace] = (claims.namespaces[parsed.namespace] ?? 0) | ROLE_BITS[role];
      sources.push({ scope: { namespace: parsed.namespace }, role, from: `permission ${item}` });
    }
  }
  return { ok: true, claims, sources, ignored, notAList: false, regexIgnored };
}
