import type { Role } from '../input/spec.types.generated.js';
import { ROLE_BITS } from '../temporal/roles.js';
import type { ApiEntry, ResolvedApi } from './api.js';
import type { ClaimSource, TemporalClaims } from './claims.js';

/**
 * Why a call is allowed or denied, as a stable code: the custom-auth server
 * computes the same codes (test/vectors/README.md), so the two halves can be
 * compared decision by decision.
 */
export type ReasonCode = 'always-allowed' | 'no-token' | 'token-invalid' | 'unknown-api' | 'cluster-api' | 'no-namespace' | 'namespace-api' | 'ui-cluster-api';

export interface Decision {
  allowed: boolean;
  code: ReasonCode;
  /** The method's short name, for messages. */
  api: string;
  /** The full gRPC method name the server authorizes. */
  method: string;
  info?: ApiEntry;
  /** The role the API needs. */
  required?: Role;
  /** The role bits the authorizer compared. */
  had: number;
  /** One sentence: why. */
  reason: string;
  /** What else a reader should know about this decision (short-name resolution, cross-namespace checks). */
  notes: string[];
  /** The grants that supplied the bits that were compared. */
  via: ClaimSource[];
  /**
   * custom mode, shadow mode: the decision denied the call (`code` and `reason`
   * say why) and the call's namespace is not enforced, so the server lets it
   * through (`allowed` is true) and logs it as would-deny.
   */
  shadow?: true;
  /** ListNamespaces in custom mode, given the namespaces the server has: those the caller's answer keeps. */
  visible?: string[];
}

/** The name of the strongest role a bit set satisfies, compared numerically as Temporal does. */
export function effectiveRole(bits: number): Role | undefined {
  if (bits >= ROLE_BITS.admin) return 'admin';
  if (bits >= ROLE_BITS.write) return 'write';
  if (bits >= ROLE_BITS.read) return 'read';
  if (bits >= ROLE_BITS.worker) return 'worker';
  return undefined;
}

/**
 * A workflow task completion carries commands, and commands that reach into
 * another namespace (signal, cancel, start a child there) are authorized again
 * against that namespace by the server's interceptor.
 */
const CROSS_NAMESPACE = new Set(['/temporal.api.workflowservice.v1.WorkflowService/RespondWorkflowTaskCompleted']);
const CROSS_NAMESPACE_NOTE =
  'with system.enableCrossNamespaceCommands on (default off: the server then refuses such commands), each command that signals, cancels or starts a child workflow in another namespace is also authorized there, as SignalWorkflowExecution, RequestCancelWorkflowExecution or StartWorkflowExecution';

/**
 * Who made the call: mapped claims, or no usable token at all. A rejected
 * token either leaves the caller without roles (the custom-auth server) or
 * fails the call before the authorizer runs (`failsEveryCall`: Temporal's
 * stock claim mapper returns an error, and the interceptor then refuses even
 * the health check).
 */
export type Caller = { kind: 'claims'; claims: TemporalClaims; sources: readonly ClaimSource[] } | { kind: 'no-token' } | { kind: 'token-invalid'; why: string; failsEveryCall?: boolean };

/**
 * Temporal's default authorizer (common/authorization/default_authorizer.go):
 * health checks and GetSystemInfo always pass; a method the API metadata does
 * not know is denied; cluster-scoped methods (and every AdminService method)
 * compare the system role alone; namespace-scoped methods compare
 * `Namespaces[ns] | System`, with `ns` empty when the request names no
 * namespace. Role bits compare numerically against read=2, write=4, admin=8.
 */
export function authorize(caller: Caller, api: ResolvedApi, namespace = ''): Decision {
  const base = { api: api.name, method: api.method, info: api.entry, notes: api.note ? [api.note] : [], via: [] as ClaimSource[], had: 0 };
  if (caller.kind === 'token-invalid' && caller.failsEveryCall) {
    return {
      ...base,
      allowed: false,
      code: 'token-invalid',
      reason: `the claim mapper rejects the token (${caller.why}), so the server refuses the call before authorizing it, health checks included`,
    };
  }
  if (api.alwaysAllowed) return { ...base, allowed: true, code: 'always-allowed', reason: `${api.name} is always allowed, with or without a token` };
  if (caller.kind === 'no-token') return { ...base, allowed: false, code: 'no-token', reason: `no token: the caller has no roles, and ${api.name} is not a health check` };
  if (caller.kind === 'token-invalid') return { ...base, allowed: false, code: 'token-invalid', reason: `the token is rejected (${caller.why}), so the caller has no roles` };
  if (!api.entry)
    return {
      ...base,
      allowed: false,
      code: 'unknown-api',
      reason: api.served ? `${api.method}: ${api.served}` : `${api.method} is not in the server's API metadata; the default authorizer denies it`,
    };
  const required: Role = api.entry.access;
  const { claims, sources } = caller;
  if (CROSS_NAMESPACE.has(api.method)) {
    base.notes.push(CROSS_NAMESPACE_NOTE);
  }
  if (api.entry.scope === 'cluster') {
    const had = claims.system;
    const allowed = had >= ROLE_BITS[required];
    const role = effectiveRole(had);
    const via = sources.filter((s) => s.scope === 'system');
    const reason = allowed
      ? `${api.name} is cluster-scoped and needs system ${required}; the system role is ${role}`
      : `${api.name} is cluster-scoped: it checks the system role only (namespace roles do not count${namespace ? `, not even on ${namespace}` : ''}) and needs ${required}; the system role is ${role ?? 'none'}`;
    return { ...base, allowed, code: 'cluster-api', required, had, via, reason };
  }
  const nsBits = Object.hasOwn(claims.namespaces, namespace) ? (claims.namespaces[namespace] ?? 0) : 0;
  const had = claims.system | nsBits;
  const allowed = had >= ROLE_BITS[required];
  const role = effectiveRole(had);
  const via = sources.filter((s) => s.scope === 'system' || s.scope.namespace === namespace);
  const fromSystem = nsBits === 0 || effectiveRole(nsBits) !== role;
  if (!namespace) {
    const reason = allowed
      ? `${api.name} is namespace-scoped and names no namespace, so only the system role can count; it is ${role}, enough for ${required}`
      : `${api.name} is namespace-scoped and names no namespace: the server compares the system role (and roles on the empty namespace), which is ${role ?? 'none'}, against ${required}; pass --namespace for a call on a namespace`;
    return { ...base, allowed, code: 'no-namespace', required, had, via, reason };
  }
  const reason = allowed
    ? `${api.name} needs ${required} on ${namespace}; the caller has ${role}${fromSystem ? ' (from the system role, which applies to every namespace)' : ''}`
    : `${api.name} needs ${required} on ${namespace}; the caller has ${role ?? 'no role'} there${role === 'worker' ? ' (worker grants nothing: use write)' : ''}`;
  return { ...base, allowed, code: 'namespace-api', required, had, via, reason };
}
