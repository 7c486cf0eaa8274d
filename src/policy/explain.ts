import type { Role } from '../input/spec.types.generated.js';
import type { AuthModel } from '../model/model.js';
import { claimAt, clientIdOf, groupsAt, groupsClaimNote } from '../oidc/groups.js';
import type { TokenVerdict, TokenVerifierKind } from '../oidc/token-rules.js';
import type { ApiTable, ResolvedApi } from './api.js';
import { authorize, type Caller, type Decision, effectiveRole } from './authorize.js';
import { builtinClaimsFor, builtinMapperOptions } from './builtin.js';
import { type BuiltinMapping, builtinClaimMapper, claimsFromPolicy, type MappedClaims, type Principal, principalName, workerEntry, workerName } from './claims.js';
import { type CompiledPolicy, compilePolicy } from './compile.js';
import { customLayer, isEnforced } from './custom.js';

export type PrincipalInput =
  | { kind: 'groups'; groups: string[] }
  | { kind: 'client'; clientId: string }
  /** A worker that authenticates with its service account, by its token's subject. */
  | { kind: 'service-account'; subject: string }
  /**
   * Token claims; `verification` when the token was verified; `refused`: why
   * the server refuses the token, known without verifying it (a cluster
   * token's audience, an issuer neither verifier takes).
   */
  | { kind: 'claims'; claims: Record<string, unknown>; verification?: TokenVerdict; refused?: string };

/** A cluster token's service account: its subject, the namespace and name in it (when it has that form), and whether the spec lists it. */
export interface ServiceAccountView {
  subject: string;
  namespace?: string;
  name?: string;
  /** The policy's serviceAccounts has an entry for the subject (the spec has a worker with this service account). */
  listed: boolean;
}

/** What to add to the spec for a service account it does not list: a worker under clients.workers. */
export interface ServiceAccountSuggestion {
  add: { name: string; serviceAccount: { namespace: string; name: string }; grants: Record<string, Role | '<role>'> };
  /** The entry as YAML, indented as a list item under clients.workers. */
  yaml: string;
  /** A worker of the spec with a service account of the same name in another namespace, which this token is not. */
  note?: string;
}

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
  /**
   * custom mode with a cluster issuer, for claims or a token: which of the
   * server's verifiers takes it (the one its `iss` names).
   */
  issuer?: TokenVerifierKind;
  /** The worker the caller maps to: a clients or serviceAccounts entry's name (custom mode). */
  worker?: string;
  /** A token of the cluster issuer (or --client of a service-account worker): its service account. */
  serviceAccount?: ServiceAccountView;
  /** A cluster token of a service account the spec does not list: what to add to the spec. */
  suggestion?: ServiceAccountSuggestion;
}

const SA_SUBJECT = /^system:serviceaccount:([^:]+):([^:]+)$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** A cluster token's subject as a service account: namespace and name when it has the form system:serviceaccount:<namespace>:<name>. */
function serviceAccountOf(subject: string, listed: boolean): ServiceAccountView {
  const m = SA_SUBJECT.exec(subject);
  return m ? { subject, namespace: m[1], name: m[2], listed } : { subject, listed };
}

/**
 * A worker for a service account the spec does not list: named after the
 * service account (with its namespace when a worker already has the name),
 * granted the role the call needs in its namespace when the call names one.
 */
function suggestWorker(model: AuthModel, sa: { namespace: string; name: string }, need?: { namespace: string; role: Role }): ServiceAccountSuggestion {
  const base = DNS_LABEL.test(sa.name)
    ? sa.name
    : sa.name
        .replace(/[^-a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 63)
        .replace(/-+$/, '') || 'worker';
  const taken = new Set([...model.workers, ...model.serviceAccountWorkers].map((w) => w.name));
  const name = taken.has(base) ? `${base}-${sa.namespace}`.slice(0, 63).replace(/-+$/, '') : base;
  const sameName = model.serviceAccountWorkers.find((w) => w.serviceAccount.name === sa.name && w.serviceAccount.namespace !== sa.namespace);
  const grants: ServiceAccountSuggestion['add']['grants'] = need ? { [need.namespace]: need.role } : { '<namespace>': '<role>' };
  const grantsYaml = need ? `{ ${yamlScalar(need.namespace)}: ${need.role} }` : '{ <namespace>: <role> }';
  return {
    add: { name, serviceAccount: { namespace: sa.namespace, name: sa.name }, grants },
    yaml: [`- name: ${name}`, `  serviceAccount: { namespace: ${sa.namespace}, name: ${sa.name} }`, `  grants: ${grantsYaml}`].join('\n'),
    ...(sameName
      ? {
          note: `the spec's worker ${sameName.name} has the service account ${sameName.serviceAccount.name} of namespace ${sameName.serviceAccount.namespace}; this token is of namespace ${sa.namespace}, another service account`,
        }
      : {}),
  };
}

/** A namespace name as a YAML flow-mapping key: plain when it is a plain word, else double-quoted (JSON is YAML). */
const yamlScalar = (s: string) => (/^[a-z0-9][-a-z0-9._]*$/.test(s) ? s : JSON.stringify(s));

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
  let cluster: Principal['cluster'];
  let issuer: TokenVerifierKind | undefined;
  let serviceAccount: ServiceAccountView | undefined;
  const warnings: string[] = [];
  const clusterIssuer = model.mode === 'custom' ? model.cluster?.issuer : undefined;
  if (input.kind === 'groups') {
    groups = input.groups;
    who = `group${groups.length > 1 ? 's' : ''} ${groups.join(', ')}`;
  } else if (input.kind === 'client') {
    clientId = input.clientId;
    who = `client ${clientId}`;
  } else if (input.kind === 'service-account') {
    cluster = { subject: input.subject };
    const entry = workerEntry(policy, { groups: [], cluster });
    serviceAccount = serviceAccountOf(input.subject, entry !== undefined);
    who = entry?.name ? `worker ${entry.name} (service account ${input.subject})` : `service account ${input.subject}`;
  } else if (clusterIssuer !== undefined && isClusterToken(input.claims, clusterIssuer)) {
    // A cluster token: its sub alone, through serviceAccounts; groups and client IDs in it count for nothing.
    issuer = 'cluster';
    cluster = principalOfClaims(policy, input.claims, clusterIssuer).cluster!;
    const subject = cluster.subject;
    const entry = workerEntry(policy, { groups: [], cluster });
    if (subject !== undefined) serviceAccount = serviceAccountOf(subject, entry !== undefined);
    who = entry?.name ? `worker ${entry.name} (service account ${subject})` : `service account ${subject ?? `(no sub: ${JSON.stringify(input.claims.sub ?? null)})`}`;
    const ignored = [
      ...(claimAt(input.claims, policy.groupsClaim) !== undefined ? [`groups claim (${policy.groupsClaim})`] : []),
      ...(clientIdOf(input.claims, policy.clientIdClaims) !== undefined ? ['client-ID claim'] : []),
    ];
    if (ignored.length > 0) warnings.push(`the token's ${ignored.join(' and ')} ignored: a token of the cluster issuer maps through its service account only`);
    if (input.verification) {
      warnings.push(...input.verification.warnings);
      if (!input.verification.ok) rejected = input.verification.reason;
    }
    if (!rejected && input.refused) rejected = input.refused;
  } else {
    // The identity provider's verifier takes its own iss (claims without one are read as its own); any other, neither verifier.
    if (clusterIssuer !== undefined && (!Object.hasOwn(input.claims, 'iss') || input.claims.iss === model.issuer.url)) issuer = 'identity-provider';
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
    if (!rejected && input.refused) rejected = input.refused;
    // The stock claim mapper's own checks apply in builtin mode only; the custom server does not read sub.
    if (!rejected && model.mode === 'builtin' && !builtin.ok) rejected = builtin.why;
  }
  const mapped = claimsFromPolicy(policy, { groups, clientId, cluster });
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
  let worker: string | undefined;
  if (model.mode === 'custom' && !rejected) {
    if (input.kind === 'claims') principal = principalName(policy, input.claims, clientId, cluster);
    // A worker named by --client: its client ID (or service account) alone decides the name.
    else if (input.kind === 'client' || input.kind === 'service-account') principal = principalName(policy, {}, clientId, cluster);
    worker = workerName(policy, { groups, clientId, cluster });
  }
  let suggestion: ServiceAccountSuggestion | undefined;
  if (serviceAccount && !serviceAccount.listed && !rejected && serviceAccount.namespace !== undefined && serviceAccount.name !== undefined) {
    const d = decision;
    const need = d?.required && d.info?.scope === 'namespace' && request?.namespace ? { namespace: request.namespace, role: d.required } : undefined;
    suggestion = suggestWorker(model, { namespace: serviceAccount.namespace, name: serviceAccount.name }, need);
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
    ...(issuer !== undefined ? { issuer } : {}),
    ...(worker !== undefined ? { worker } : {}),
    ...(serviceAccount ? { serviceAccount } : {}),
    ...(suggestion ? { suggestion } : {}),
  };
}

/** The worker a `--client` names: its name or its client ID. */
export function findWorker(model: AuthModel, nameOrId: string): AuthModel['workers'][number] | undefined {
  return model.workers.find((w) => w.name === nameOrId) ?? model.workers.find((w) => w.clientId === nameOrId);
}

/** The service-account worker a `--client` names: its name or its token's subject (system:serviceaccount:<namespace>:<name>). */
export function findServiceAccountWorker(model: AuthModel, nameOrSubject: string): AuthModel['serviceAccountWorkers'][number] | undefined {
  return model.serviceAccountWorkers.find((w) => w.name === nameOrSubject) ?? model.serviceAccountWorkers.find((w) => w.subject === nameOrSubject);
}

/** "payroll write, system read" for a claims set. */
export function describeClaims(mapped: MappedClaims): string {
  const parts = Object.entries(mapped.claims.namespaces)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([ns, bits]) => `${ns} ${effectiveRole(bits) ?? 'none'}`);
  if (mapped.claims.system) parts.push(`system ${effectiveRole(mapped.claims.system)}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}
