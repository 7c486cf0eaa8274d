import type { Role } from '../spec/spec.types.js';
import { ALWAYS_ALLOWED, apiInfo, type ApiInfo } from './api-table.js';
import type { ClaimSource, TemporalClaims } from './claims.js';
import { ROLE_BITS } from './roles.js';

export interface Decision {
  allowed: boolean;
  api: string;
  info?: ApiInfo;
  /** The role the API needs. */
  required?: Role;
  /** The role bits the authorizer compared. */
  had: number;
  /** One sentence: why. */
  reason: string;
  /** The grants that supplied the bits that were compared. */
  via: ClaimSource[];
}

const REQUIRED: Record<ApiInfo['access'], Role> = { read: 'read', write: 'write', admin: 'admin' };

/** The name of the strongest role a bit set satisfies, compared numerically as Temporal does. */
export function effectiveRole(bits: number): Role | undefined {
  if (bits >= ROLE_BITS.admin) return 'admin';
  if (bits >= ROLE_BITS.write) return 'write';
  if (bits >= ROLE_BITS.read) return 'read';
  if (bits >= ROLE_BITS.worker) return 'worker';
  return undefined;
}

/**
 * Temporal's default authorizer (common/authorization/default_authorizer.go):
 * health checks and GetSystemInfo always pass; cluster-scoped APIs compare the
 * system role only; namespace APIs compare system | namespace role; the bits
 * are compared numerically against read=2, write=4, admin=8.
 */
export function authorize(claims: TemporalClaims, sources: readonly ClaimSource[], api: string, namespace?: string): Decision {
  const { name, info } = apiInfo(api);
  if (ALWAYS_ALLOWED.has(name)) {
    return { allowed: true, api: name, info, had: 0, via: [], reason: `${name} is always allowed (health check)` };
  }
  if (!info) return { allowed: false, api: name, had: 0, via: [], reason: `${name} is not a WorkflowService or OperatorService API; the default authorizer denies unknown APIs` };
  const required = REQUIRED[info.access];
  const cluster = info.scope === 'cluster';
  if (!cluster && !namespace) return { allowed: false, api: name, info, required, had: 0, via: [], reason: `${name} is a namespace API: pass --namespace` };
  // Cluster APIs compare the system role alone; namespace APIs system | namespace.
  const nsBits = !cluster && Object.hasOwn(claims.namespaces, namespace!) ? (claims.namespaces[namespace!] ?? 0) : 0;
  const had = claims.system | nsBits;
  const via = sources.filter((s) => s.scope === 'system' || (!cluster && s.scope.namespace === namespace));
  const allowed = had >= ROLE_BITS[required];
  const role = effectiveRole(had);
  let reason: string;
  if (cluster) {
    reason = allowed
      ? `${name} is cluster-scoped and needs system ${required}; the system role is ${role}`
      : `${name} is cluster-scoped: it checks the system role only (namespace roles do not count) and needs ${required}; the system role is ${role ?? 'none'}`;
  } else {
    reason = allowed
      ? `${name} needs ${required} on ${namespace}; the caller has ${role}${nsBits ? '' : ' (from the system role, which applies to every namespace)'}`
      : `${name} needs ${required} on ${namespace}; the caller has ${role ?? 'no role'} there${role === 'worker' ? ' (worker grants nothing: use write)' : ''}`;
  }
  return { allowed, api: name, info, required, had, via, reason };
}
