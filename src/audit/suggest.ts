import UI_CALLS from '../../schemas/ui-calls.json' with { type: 'json' };
import { yaml } from '../input/source.js';
import type { Role } from '../input/spec.types.generated.js';
import type { AuthModel } from '../model/model.js';
import { compilePolicy } from '../policy/compile.js';
import { ROLE_BITS } from '../temporal/roles.js';
import { printable } from '../util/printable.js';
import { type AuditIdentity, before, type DenialGroup, strongerRequired } from './group.js';
import type { AuditRole } from './parse.js';

/** A namespace name the spec accepts (schemas/temporal-auth.schema.json, $defs.namespaceName; test/audit-suggest.test.ts compares). */
export const NAMESPACE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;

/**
 * The smallest spec change that allows every call an identity was denied in
 * one namespace (or cluster-wide): one grant, or why no grant does.
 */
export interface Suggestion {
  identity: AuditIdentity;
  /** namespace: a namespace role decides; cluster: the system role (cluster-scoped calls, and calls that named no namespace). */
  scope: 'namespace' | 'cluster';
  /** The namespace ('' for cluster scope). */
  namespace: string;
  /** The role every denied call there needs: the strongest `required` of them. */
  role?: AuditRole;
  /** The APIs denied there, and how many calls (deny and would-deny). */
  apis: string[];
  calls: number;
  /**
   * worker-grant: the worker's `clients.workers[].grants`; group-grant: a grant
   * in `namespaces.<ns>.grants`; system-grant: `system.grants` (cluster-wide);
   * none: no grant fixes it (`why` says what does).
   */
  change: 'worker-grant' | 'group-grant' | 'system-grant' | 'none';
  /** add: a new grant entry; change: a broader role on the group's existing entry (with --spec). */
  action?: 'add' | 'change';
  /** The group granted, and the identity's other groups that would do as well. */
  group?: string;
  alternatives?: string[];
  /** A system grant: the role applies in every namespace. */
  broad: boolean;
  /** The change as spec data (merge it into the spec), and as YAML to paste. */
  patch?: Record<string, unknown>;
  yaml?: string;
  /**
   * Relative to today's grants (the spec with --spec, else the role the lines
   * name): new (no role there), broader (a weaker role there), already (the
   * role is there: the lines are from before a change), unknown.
   */
  status: 'new' | 'broader' | 'already' | 'unknown';
  /** The role the identity has there today (with --spec: in the spec; else: on the latest line). */
  has?: Role | 'none';
  /** Where `has` comes from. */
  hasFrom?: 'spec' | 'lines';
  /** One sentence: what to change and why. */
  why: string;
  notes: string[];
}

const bits = (r: Role | 'none' | undefined) => (r === undefined || r === 'none' ? 0 : ROLE_BITS[r]);
const stronger = (a: Role | undefined, b: Role | undefined): Role | undefined => (bits(b) > bits(a) ? b : a);

/** What the spec grants an identity today, where the calls were denied. */
interface Today {
  has: Role | 'none';
  /** The identity's groups with an entry in the namespace's (or system) grants today. */
  granted: string[];
  /** The identity's groups the spec grants anything. */
  known: string[];
  workerKnown?: boolean;
  namespaceKnown: boolean;
}

function today(model: AuthModel, identity: AuditIdentity, scope: 'namespace' | 'cluster', namespace: string): Today {
  if (identity.kind === 'worker') {
    const worker = model.workers.find((w) => w.name === identity.name);
    const role = scope === 'namespace' ? worker?.grants.find(([ns]) => ns === namespace)?.[1] : undefined;
    return { has: role ?? 'none', granted: [], known: [], workerKnown: worker !== undefined, namespaceKnown: scope === 'cluster' || model.namespaces.some((n) => n.name === namespace) };
  }
  const policy = compilePolicy(model);
  let has: Role | undefined;
  const known: string[] = [];
  for (const g of identity.groups) {
    const grants = Object.hasOwn(policy.groups, g) ? policy.groups[g] : undefined;
    if (!grants) continue;
    known.push(g);
    has = stronger(has, grants.system);
    if (scope === 'namespace' && Object.hasOwn(grants.namespaces, namespace)) has = stronger(has, grants.namespaces[namespace]);
  }
  const entries = scope === 'namespace' ? (model.namespaces.find((n) => n.name === namespace)?.grants ?? []) : model.system.grants;
  const granted = identity.groups.filter((g) => entries.some((e) => e.group === g));
  return { has: has ?? 'none', granted, known, namespaceKnown: scope === 'cluster' || model.namespaces.some((n) => n.name === namespace) };
}

/** The patch as YAML to paste: strings with characters a terminal must not see are double-quoted, then escaped (the same string in YAML). */
export function patchYaml(patch: Record<string, unknown>): string {
  const Y = yaml();
  const doc = new Y.Document(patch);
  Y.visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && printable(node.value) !== node.value) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc
    .toString({ lineWidth: 0 })
    .split('\n')
    .map((l) => printable(l))
    .join('\n');
}

const roleOf = (r: Role | 'none') => (r === 'none' ? 'no role' : r);

function where(scope: 'namespace' | 'cluster', namespace: string): string {
  return scope === 'cluster' ? 'cluster-wide (the system role)' : `on ${namespace}`;
}

/**
 * One suggestion per (identity, namespace) with denials, or (identity,
 * cluster) for calls the system role decides. `model`: the spec in force
 * today, to say what changes relative to its grants.
 */
export function suggest(groups: readonly DenialGroup[], model?: AuthModel): Suggestion[] {
  const byTarget = new Map<string, DenialGroup[]>();
  for (const g of groups) {
    const scope = g.reason === 'cluster-api' || g.reason === 'no-namespace' ? 'cluster' : 'namespace';
    const key = `${g.identity.kind}\u0000${g.identity.name}\u0000${g.reason === 'unknown-api' ? 'unknown' : scope}\u0000${scope === 'cluster' ? '' : g.namespace}`;
    const list = byTarget.get(key);
    if (list) list.push(g);
    else byTarget.set(key, [g]);
  }
  return [...byTarget.values()].map((list) => suggestOne(list, model));
}

function suggestOne(list: DenialGroup[], model: AuthModel | undefined): Suggestion {
  const first = list[0]!;
  const identity = first.identity;
  const unknownApi = first.reason === 'unknown-api';
  const scope: Suggestion['scope'] = first.reason === 'cluster-api' || first.reason === 'no-namespace' ? 'cluster' : 'namespace';
  const namespace = scope === 'cluster' ? '' : first.namespace;
  let role: AuditRole | undefined;
  for (const g of list) role = strongerRequired(role, g.required);
  const latest = list.reduce((a, b) => (before(a.last, b.last) ? b : a));
  const base = {
    identity,
    scope,
    namespace,
    role,
    apis: list.map((g) => g.api),
    calls: list.reduce((n, g) => n + g.deny + g.wouldDeny, 0),
    broad: false,
    notes: [] as string[],
  };
  const none = (why: string, status: Suggestion['status'] = 'unknown'): Suggestion => ({ ...base, change: 'none', status, why });
  if (unknownApi) return none('the server does not know this method (a client newer than the server, or a typo): no grant allows it; upgrade the server or fix the client');
  if (role === undefined) return none('the server named no role these calls need: no grant is known to allow them');
  if (list.some((g) => g.reason === 'no-namespace'))
    base.notes.push('some calls named no namespace: a namespace-scoped method without one is decided on the system role; a client that names its namespace needs only a namespace role there');
  if (scope === 'namespace' && !NAMESPACE_NAME.test(namespace)) return none(`the calls named a namespace that is not a valid name (${JSON.stringify(namespace)}): no grant can name it`);

  const t = model ? today(model, identity, scope, namespace) : undefined;
  const has: Role | 'none' | undefined = t ? t.has : latest.had;
  const status: Suggestion['status'] = has === undefined ? 'unknown' : bits(has) >= ROLE_BITS[role] ? 'already' : bits(has) >= ROLE_BITS.read ? 'broader' : 'new';
  const rel = { status, ...(has !== undefined ? { has, hasFrom: t ? ('spec' as const) : ('lines' as const) } : {}) };
  const relText =
    status === 'broader'
      ? `has ${has} ${where(scope, namespace)}, needs ${role}: a broader role`
      : status === 'new'
        ? `has ${roleOf(has!)} ${where(scope, namespace)}, needs ${role}: a new grant`
        : `needs ${role} ${where(scope, namespace)}`;
  if (status === 'already') {
    return {
      ...base,
      ...rel,
      change: 'none',
      why: `already has ${has} ${where(scope, namespace)} in ${t ? 'this spec' : 'the latest line'}: the denials are from before a change (or from a token with other groups); nothing to add`,
    };
  }
  if (t && scope === 'namespace' && !t.namespaceKnown) base.notes.push(`the spec lists no namespace ${namespace}: the change adds it`);

  if (identity.kind === 'worker') {
    if (t && !t.workerKnown) base.notes.push(`this spec has no worker named ${identity.name}: the lines came from a server running another policy`);
    if (scope === 'cluster')
      return {
        ...none(
          `worker ${identity.name} ${relText}, but a worker client gets namespace roles only (clients.workers[].grants): no spec change grants it the system role; have the client name its namespace, or call as a person in a group with a system grant`,
        ),
        ...rel,
      };
    const patch = { clients: { workers: [{ name: identity.name, grants: { [namespace]: role } }] } };
    // A weaker role there is an entry of its grants already: the change sets its role.
    const action = status === 'broader' ? 'change' : 'add';
    const verb = action === 'change' ? `set ${namespace}: ${role} in its grants` : `add ${namespace}: ${role} to its grants`;
    return { ...base, ...rel, change: 'worker-grant', action, patch, yaml: patchYaml(patch), why: `worker ${identity.name} ${relText}: ${verb}` };
  }

  if (identity.groups.length === 0) {
    const holders = model ? holdersOf(model, scope, namespace, role) : [];
    return {
      ...none(
        `${identity.name || 'the caller'} ${relText}, and its token carries no groups: the identity provider must put it in a group (then grant that group ${role} ${where(scope, namespace)})${holders.length > 0 ? `; groups with ${role} there in this spec: ${holders.join(', ')}` : ''}${identity.clientId !== undefined ? `; if it is a machine client (client ID ${identity.clientId}), declare it in clients.workers instead` : ''}`,
      ),
      ...rel,
    };
  }
  // The group: one with an entry there already (a broader role on it, no second entry), else one the policy knows, else the first.
  const known = [...identity.matchedGroups.filter((g) => identity.groups.includes(g)), ...(t?.known ?? [])];
  const group = t?.granted[0] ?? known[0] ?? identity.groups[0]!;
  const action = t?.granted.includes(group) ? 'change' : 'add';
  const alternatives = identity.groups.filter((g) => g !== group).slice(0, 10);
  const grant = { group, role };
  const broad = scope === 'cluster';
  const patch = broad ? { system: { grants: [grant] } } : { namespaces: { [namespace]: { grants: [grant] } } };
  if (broad) base.notes.push(`a system grant is broad: ${role} in every namespace for everyone in ${group}`);
  if (broad && base.apis.every((api) => UI_CALLS.methods.includes(api)))
    base.notes.push(
      'these are Web UI calls (schemas/ui-calls.json): the custom-auth server allows them to a caller with read in any namespace (ui-cluster-api), so a namespace grant may be all this person needs',
    );
  const verb = action === 'change' ? `give ${group}'s existing grant the role ${role}` : `grant ${group} ${role}`;
  return {
    ...base,
    ...rel,
    broad,
    change: broad ? 'system-grant' : 'group-grant',
    action,
    group,
    alternatives,
    patch,
    yaml: patchYaml(patch),
    why: `${identity.name || 'the caller'} ${relText}: ${verb} ${broad ? 'in system.grants (cluster-wide)' : `in namespaces.${namespace}.grants`}`,
  };
}

/** The spec's groups holding at least `role` there. */
function holdersOf(model: AuthModel, scope: 'namespace' | 'cluster', namespace: string, role: AuditRole): string[] {
  const entries = scope === 'namespace' ? (model.namespaces.find((n) => n.name === namespace)?.grants ?? []) : model.system.grants;
  return [...new Set(entries.filter((e) => ROLE_BITS[e.role] >= ROLE_BITS[role]).map((e) => e.group))].slice(0, 5);
}
