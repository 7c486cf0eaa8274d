import type { AuthModel } from '../model/model.js';
import { claimAt, clientIdOf, groupsAt, groupsClaimNote } from '../oidc/groups.js';
import type { TokenVerdict } from '../oidc/token-rules.js';
import type { ApiTable, ResolvedApi } from './api.js';
import { authorize, type Caller, type Decision, effectiveRole } from './authorize.js';
import { builtinClaimsFor, builtinMapperOptions } from './builtin.js';
import { type BuiltinMapping, builtinClaimMapper, claimsFromPolicy, type MappedClaims, type Principal, principalName, workerName } from './claims.js';
import { type CompiledPolicy, compilePolicy } from './compile.js';
import { customLayer, isEnforced } from './custom.js';

export type PrincipalInput = { kind: 'groups'; groups: string[] } | { kind: 'client'; clientId: string } | { kind: 'claims'; claims: Record<string, unknown>; verification?: TokenVerdict };

export interface Explanation {
  who: string;
  groups: string[];
  clientId?: string;
  /** What the policy grants (custom mode: the custom-auth server's mapping; builtin mode: what the IdP is told to emit). */
  policy: MappedClaims;
  /**
   * What Temporal's builtin JWT mapper makes of the token's claims; in builtin
   * mode for a group or client, of the strings the identity provider is told
   * to emit for them (what the server then grants).
   */
  builtin?: BuiltinMapping & { claim: string };
  /** The mapping the server will actually use for this spec's mode. */
  effective: 'policy' | 'builtin';
  /** Why the server would give this caller no roles at all (token or claim mapper rejected it). */
  rejected?: string;
  /** Things the server would accept but a reader should know. */
  warnings: string[];
  /**
   * From token claims: why the groups claim gave no or odd groups (Entra ID's
   * groups overage, a value that is not a list of strings, an object whose keys
   * were read). Undefined when it is a plain list of strings.
   */
  groupsNote?: string;
  /** The API table used, and why, when not an exact match for the server version. */
  table?: { version: string; note?: string };
  decision?: Decision;
  /**
   * custom mode with server.authorization.principal: the name history events
   * record for this caller's calls (a worker's name, the claim, else sub).
   * Undefined for a user named by groups alone (the token's claim decides).
   */
  principal?: string;
  /** custom mode with shadow mode somewhere in the spec, given an API: whether the call's namespace is enforced. */
  enforced?: boolean;
}

/**
 * Whether verified claims are a token of the cluster's service-account
 * issuer: their `iss` is exactly the cluster issuer (the server verified the
 * token against the issuer its `iss` names, so the claims say which it was).
 */
export const isClusterToken = (claims: Record<string, unknown>, clusterIssuer: string | undefined): boolean =>
  clusterIssuer !== undefined && Object.hasOwn(claims, 'iss') && claims.iss === clusterIssuer;

/**
 * The custom-auth server's claim mapping: a token of the cluster issuer by
 * its `sub` alone (test/vectors/README.md, "Two issuers"); any other by the
 * groups at the policy's path and the client at its client-id claims.
 */
export function principalOfClaims(policy: CompiledPolicy, claims: Record<string, unknown>, clusterIssuer?: string): Principal {
  if (isClusterToken(claims, clusterIssuer)) return { groups: [], cluster: typeof claims.sub === 'string' ? { subject: claims.sub } : {} };
  return { groups: groupsAt(claims, policy.groupsClaim), clientId: clientIdOf(claims, policy.clientIdClaims) };
}

/**
 * The custom-auth server's decision for a call: verified claims (or no token,
 * or a rejected one) through the policy, then Temporal's default authorizer.
 * `clusterIssuer` is the server's cluster issuer (TEMPORAL_AUTH_CLUSTER_ISSUER),
 * when it has one: claims whose `iss` it is map through serviceAccounts alone.
 * The decision vectors hold the Go server to exactly this.
 */
export function decideCustom(
  policy: CompiledPolicy,
  token: { claims: Record<string, unknown> } | { none: true } | { invalid: string },
  api: ResolvedApi,
  namespace = '',
  listed?: readonly string[],
  clusterIssuer?: string,
): Decision & { principal?: string; worker?: string } {
  let caller: Caller;
  let principal: string | undefined;
  let worker: string | undefined;
  if ('none' in token) caller = { kind: 'no-token' };
  else if ('invalid' in token) caller = { kind: 'token-invalid', why: token.invalid };
  else {
    const who = principalOfClaims(policy, token.claims, clusterIssuer);
    caller = { kind: 'claims', ...claimsFromPolicy(policy, who) };
    principal = principalName(policy, token.claims, who.clientId, who.cluster);
    worker = workerName(policy, who);
  }
  const decision = customLayer(policy, caller, authorize(caller, api, namespace), namespace, listed);
  return { ...decision, ...(principal !== undefined ? { principal } : {}), ...(worker !== undefined ? { worker } : {}) };
}

/** Who can do what: the principal's claims under the spec, and, given a call, the authorizer's answer. */
export function explainPrincipal(model: AuthModel, input: PrincipalInput, request?: { api: ResolvedApi; namespace?: string; table?: ApiTable }): Explanation {
  const policy = compilePolicy(model);
  let groups: string[] = [];
  let clientId: string | undefined;
  let who: string;
  let builtin: Explanation['builtin'];
  let rejected: string | undefined;
  let groupsNote: string | undefined;
  const warnings: string[] = [];
  if (input.kind === 'groups') {
    groups = input.groups;
    who = `group${groups.length > 1 ? 's' : ''} ${groups.join(', ')}`;
  } else if (input.kind === 'client') {
    clientId = input.clientId;
    who = `client ${clientId}`;
  } else {
    ({ groups, clientId } = principalOfClaims(policy, input.claims));
    // A worker's token names its client and has no groups claim: nothing to say about that, overage aside.
    const workerWithoutGroups =
      clientId !== undefined && Object.hasOwn(policy.clients, clientId) && claimAt(input.claims, policy.groupsClaim) === undefined && !Object.hasOwn(input.claims, '_claim_names');
    groupsNote = workerWithoutGroups ? undefined : groupsClaimNote(input.claims, policy.groupsClaim);
    who = `token subject ${typeof input.claims.sub === 'string' ? input.claims.sub : JSON.stringify(input.claims.sub ?? null)}`;
    builtin = { claim: model.issuer.permissionsClaim, ...builtinClaimMapper(input.claims, builtinMapperOptions(model)) };
    if (input.verification) {
      warnings.push(...input.verification.warnings);
      if (!input.verification.ok) rejected = input.verification.reason;
    }
    // The stock claim mapper's own checks apply in builtin mode only; the custom server does not read sub.
    if (!rejected && model.mode === 'builtin' && !builtin.ok) rejected = builtin.why;
  }
  const mapped = claimsFromPolicy(policy, { groups, clientId });
  if (model.mode === 'builtin' && input.kind !== 'claims') {
    // The server grants what its mapper reads from the strings the provider emits, not the policy itself.
    const { unwritable, ...view } = builtinClaimsFor(model, policy, { groups, clientId });
    builtin = { claim: model.issuer.permissionsClaim, ...view };
    for (const u of unwritable) {
      warnings.push(`${u.from}: no permission string carries ${u.namespace} ${u.role} under server.authorization.permissionsRegex, so the server grants it to nobody`);
    }
  }
  const effective = model.mode === 'builtin' && builtin ? 'builtin' : 'policy';
  let decision: Decision | undefined;
  if (request) {
    let caller: Caller;
    // The stock claim mapper fails the call on a bad token; the custom-auth server leaves the caller without roles.
    if (rejected) caller = { kind: 'token-invalid', why: rejected, failsEveryCall: model.mode === 'builtin' };
    else if (effective === 'builtin' && builtin?.ok) caller = { kind: 'claims', claims: builtin.claims, sources: builtin.sources };
    else caller = { kind: 'claims', ...mapped };
    decision = authorize(caller, request.api, request.namespace);
    // The custom-auth server's own layer (the Web UI's calls, shadow mode); the stock server has none.
    if (model.mode === 'custom') decision = customLayer(policy, caller, decision, request.namespace ?? '');
    if (request.table?.note) decision.notes.push(request.table.note);
  }
  let principal: string | undefined;
  if (model.mode === 'custom' && !rejected) {
    if (input.kind === 'claims') principal = principalName(policy, input.claims, clientId);
    // A worker named by --client: its client ID alone decides the name.
    else if (input.kind === 'client') principal = principalName(policy, {}, clientId);
  }
  return {
    who,
    groups,
    clientId,
    policy: mapped,
    builtin,
    effective,
    rejected,
    warnings,
    groupsNote,
    table: request?.table && { version: request.table.version, note: request.table.note },
    decision,
    ...(principal !== undefined ? { principal } : {}),
    ...(request && model.mode === 'custom' && policy.enforce ? { enforced: isEnforced(policy, request.namespace ?? '') } : {}),
  };
}

/** The worker a `--client` names: its name or its client ID. */
export function findWorker(model: AuthModel, nameOrId: string): AuthModel['workers'][number] | undefined {
  return model.workers.find((w) => w.name === nameOrId) ?? model.workers.find((w) => w.clientId === nameOrId);
}

/** "payroll write, system read" for a claims set. */
export function describeClaims(mapped: MappedClaims): string {
  const parts = Object.entries(mapped.claims.namespaces)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([ns, bits]) => `${ns} ${effectiveRole(bits) ?? 'none'}`);
  if (mapped.claims.system) parts.push(`system ${effectiveRole(mapped.claims.system)}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}
