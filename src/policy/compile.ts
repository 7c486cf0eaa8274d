import type { Role } from '../input/spec.types.generated.js';
import type { AuthModel } from '../model/model.js';
import { ROLE_BITS, strongerRole } from '../temporal/roles.js';

/**
 * The compiled namespace permissions the custom-auth image reads (the
 * contract in the README, schema in schemas/policy.schema.json). Keys are
 * sorted so the same spec always gives the same bytes.
 */
export interface CompiledPolicy {
  version: 1;
  /** Dotted path of the groups claim in the access token. */
  groupsClaim: string;
  /** Claims naming the client a token was issued to; the first present as a string is looked up in `clients`. */
  clientIdClaims: string[];
  /** Temporal's role bits, so an image can OR them into claims without a table of its own. */
  roleBits: Record<Role, number>;
  groups: Record<string, PrincipalGrants>;
  /** Worker clients by client ID (the value of the first of `clientIdClaims` in the token). */
  clients: Record<string, ClientGrants>;
  /**
   * Workload identity: worker clients by the exact `sub` of their Kubernetes
   * service account's tokens (system:serviceaccount:<namespace>:<name>). Only
   * a token of the cluster's issuer is looked up here, and only here. Present
   * only when some worker has a service account (other specs keep their bytes).
   */
  serviceAccounts?: Record<string, ClientGrants>;
  /**
   * Shadow mode: present only when the default or some namespace is not
   * enforced (a fully enforcing spec keeps the bytes it had before shadow mode
   * existed). `namespaces` lists only the namespaces whose setting the spec gives.
   */
  enforce?: { default: boolean; namespaces?: Record<string, boolean> };
  /** The audit log's settings, only those the spec sets. */
  audit?: { allowSampleRate?: number; maxLinesPerSecond?: number };
  /** The claim naming a person in history (frontend.enablePrincipalPropagation), when the spec sets one. */
  principal?: { claim: string };
}

export interface PrincipalGrants {
  system?: Role;
  namespaces: Record<string, Role>;
}

/** A worker client's entry: its grants and its name (workers sharing a client ID: their names sorted, joined with `+`). */
export interface ClientGrants extends PrincipalGrants {
  name?: string;
}

function sortedRecord<T>(entries: Map<string, T>): Record<string, T> {
  // Sorting the keys alone (default sort: UTF-16 code units, as `<` compares) is
  // several times cheaper than sorting entry pairs with a comparator.
  // Plain assignment for every key but `__proto__`, which gets defineProperty so a
  // group of that name is data, not a prototype (defineProperty for every key
  // costs about three times as much on 50,000 grants).
  const record: Record<string, T> = {};
  for (const key of [...entries.keys()].sort()) {
    if (key === '__proto__') Object.defineProperty(record, key, { value: entries.get(key)!, enumerable: true, writable: true, configurable: true });
    else record[key] = entries.get(key)!;
  }
  return record;
}

// The model does not change once built, and render needs the policy twice
// (the ConfigMap and the server checksum): compile and serialise it once.
const compiled = new WeakMap<AuthModel, CompiledPolicy>();
const serialised = new WeakMap<AuthModel, string>();

export function compilePolicy(model: AuthModel): CompiledPolicy {
  let policy = compiled.get(model);
  if (!policy) compiled.set(model, (policy = compileFresh(model)));
  return policy;
}

/** record[key] = role for a key the record does not have yet; `__proto__` stays a key (data, not a prototype). */
function addRole(record: Record<string, Role>, key: string, role: Role): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value: role, enumerable: true, writable: true, configurable: true });
  else record[key] = role;
}

function compileFresh(model: AuthModel): CompiledPolicy {
  // The namespaces in name order (as sortedRecord sorts): each group's record
  // gets its keys in sorted order as the grants are read, with no map and no
  // sort per group (400 groups of 125 namespaces each at 1,000 x 50).
  const byName = [...model.namespaces].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // `last`: the namespace the group's record got its last key from. The names are distinct and
  // in order, so a key the record already has can only be that one (a group granted twice in one
  // namespace): no lookup of the key in a record of a hundred or more keys per grant.
  const groups = new Map<string, { system?: Role; namespaces: Record<string, Role>; last?: string; lastRole?: Role }>();
  const entry = (group: string) => {
    let e = groups.get(group);
    if (!e) groups.set(group, (e = { namespaces: {} }));
    return e;
  };
  for (const ns of byName) {
    const name = ns.name;
    const grants = ns.grants;
    // Indexed: a for-of allocates an iterator result per grant until the loop is optimised
    // (1.7 MB of the 20 MB a 1,000 x 50 render allocates).
    for (let i = 0; i < grants.length; i++) {
      const { group, role } = grants[i]!;
      const e = entry(group);
      if (e.last === name) {
        const stronger = strongerRole(e.lastRole, role);
        if (stronger !== e.lastRole) addRole(e.namespaces, name, (e.lastRole = stronger));
      } else {
        addRole(e.namespaces, name, role);
        e.last = name;
        e.lastRole = role;
      }
    }
  }
  for (const { group, role } of model.system.grants) {
    const e = entry(group);
    e.system = strongerRole(e.system, role);
  }
  const clients = new Map<string, ClientGrants>();
  const names = new Map<string, string[]>();
  for (const worker of model.workers) {
    const namespaces = new Map<string, Role>(clients.has(worker.clientId) ? Object.entries(clients.get(worker.clientId)!.namespaces) : []);
    for (const [ns, role] of worker.grants) namespaces.set(ns, strongerRole(namespaces.get(ns), role));
    const sharing = [...(names.get(worker.clientId) ?? []), worker.name];
    names.set(worker.clientId, sharing);
    // name first: the entry reads as "who, then what".
    clients.set(worker.clientId, { name: [...new Set(sharing)].sort().join('+'), namespaces: sortedRecord(namespaces) });
  }
  const serviceAccounts = compileServiceAccounts(model);
  const compiledGroups = new Map<string, PrincipalGrants>([...groups].map(([group, e]) => [group, e.system ? { system: e.system, namespaces: e.namespaces } : { namespaces: e.namespaces }]));
  const policy: CompiledPolicy = {
    version: 1,
    groupsClaim: model.issuer.groupsClaim ?? 'groups',
    clientIdClaims: [...model.issuer.clientIdClaims],
    roleBits: { ...ROLE_BITS },
    groups: sortedRecord(compiledGroups),
    clients: sortedRecord(clients),
  };
  if (serviceAccounts) policy.serviceAccounts = serviceAccounts;
  const enforce = compileEnforce(model);
  if (enforce) policy.enforce = enforce;
  const audit = model.authorization.audit;
  if (audit && (audit.allowSampleRate !== undefined || audit.maxLinesPerSecond !== undefined)) {
    policy.audit = {
      ...(audit.allowSampleRate !== undefined ? { allowSampleRate: audit.allowSampleRate } : {}),
      ...(audit.maxLinesPerSecond !== undefined ? { maxLinesPerSecond: audit.maxLinesPerSecond } : {}),
    };
  }
  if (model.authorization.principalClaim !== undefined) policy.principal = { claim: model.authorization.principalClaim };
  return policy;
}

/**
 * The policy's `serviceAccounts`: each service-account worker by its token's
 * subject, its grants' namespaces sorted; undefined when there is none.
 * Lint refuses two workers with one service account; should a spec get here
 * with two anyway, they merge as workers sharing a client ID do (the stronger
 * role per namespace, the names sorted and joined with `+`), whatever their order.
 */
function compileServiceAccounts(model: AuthModel): Record<string, ClientGrants> | undefined {
  if (model.serviceAccountWorkers.length === 0) return undefined;
  const bySubject = new Map<string, { names: Set<string>; namespaces: Map<string, Role> }>();
  for (const worker of model.serviceAccountWorkers) {
    let e = bySubject.get(worker.subject);
    if (!e) bySubject.set(worker.subject, (e = { names: new Set(), namespaces: new Map() }));
    e.names.add(worker.name);
    for (const [ns, role] of worker.grants) e.namespaces.set(ns, strongerRole(e.namespaces.get(ns), role));
  }
  // name first: the entry reads as "who, then what".
  return sortedRecord(new Map([...bySubject].map(([subject, e]) => [subject, { name: [...e.names].sort().join('+'), namespaces: sortedRecord(e.namespaces) }])));
}

/**
 * The policy's `enforce`: undefined when every call is enforced (the default
 * and every namespace's own setting true), so enforcing specs keep their
 * bytes; else the default and each namespace the spec sets, sorted.
 */
function compileEnforce(model: AuthModel): CompiledPolicy['enforce'] {
  const set = new Map<string, boolean>();
  for (const ns of model.namespaces) if (ns.enforce !== undefined) set.set(ns.name, ns.enforce);
  if (model.authorization.enforce && [...set.values()].every(Boolean)) return undefined;
  return set.size > 0 ? { default: model.authorization.enforce, namespaces: sortedRecord(set) } : { default: model.authorization.enforce };
}

/** The policy file's bytes: compact JSON with a trailing newline. */
export function policyJson(model: AuthModel): string {
  let text = serialised.get(model);
  // Compact: a ConfigMap holds 1 MiB, which indentation alone would cost a large policy a third of
  // (1,000 namespaces x 50 grants: 1.35 MB indented, 0.84 MB compact). diff compares it as JSON.
  if (text === undefined) serialised.set(model, (text = `${JSON.stringify(compilePolicy(model))}\n`));
  return text;
}
