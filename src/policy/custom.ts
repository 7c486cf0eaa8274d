import UI_CALLS_FILE from '../../schemas/ui-calls.json' with { type: 'json' };
import { ROLE_BITS } from '../temporal/roles.js';
import type { Caller, Decision } from './authorize.js';
import type { CompiledPolicy } from './compile.js';

/**
 * The cluster-scoped calls the Web UI makes when it loads, and the one whose
 * answer is filtered: read from schemas/ui-calls.json, the file the server
 * embeds (one fact, one place).
 */
export const UI_CALLS: { methods: ReadonlySet<string>; filtered: string; serverVersion: string } = {
  methods: new Set(UI_CALLS_FILE.methods),
  filtered: UI_CALLS_FILE.filtered,
  serverVersion: UI_CALLS_FILE.serverVersion,
};

const own = <T>(map: Record<string, T> | undefined, key: string): T | undefined => (map && Object.hasOwn(map, key) ? map[key] : undefined);

/**
 * Whether the policy enforces calls on a namespace (the request's exact name,
 * "" for a call that names none): its own entry in `enforce.namespaces`, else
 * `enforce.default`, else (no `enforce`) true. Only the namespace selects it.
 */
export function isEnforced(policy: CompiledPolicy, namespace: string): boolean {
  const enforce = policy.enforce;
  if (!enforce) return true;
  return own(enforce.namespaces, namespace) ?? enforce.default;
}

/** The namespaces the policy does not enforce (shadow mode) among `namespaces`, and whether calls naming none are. */
export function shadowNamespaces(policy: CompiledPolicy, namespaces: readonly string[]): { namespaces: string[]; clusterCalls: boolean } {
  return { namespaces: namespaces.filter((ns) => !isEnforced(policy, ns)), clusterCalls: !isEnforced(policy, '') };
}

/** A caller's role bits for reads on a namespace, as the default authorizer ORs them. */
const canRead = (caller: Caller, namespace: string) => caller.kind === 'claims' && (caller.claims.system | (own(caller.claims.namespaces, namespace) ?? 0)) >= ROLE_BITS.read;

/**
 * The custom-auth server's layer over Temporal's default authorizer (custom
 * mode only; the stock server does none of this), in order:
 *
 * 1. ui-cluster-api: a method of schemas/ui-calls.json that the system role
 *    does not allow (`cluster-api`, denied) is allowed to a caller with at
 *    least read in some namespace (temporal#11639: the Web UI cannot load
 *    without it).
 * 2. Shadow mode: a denial (any reason) on a namespace the policy does not
 *    enforce is let through: `allowed` true, `shadow` true, the denial's code
 *    and reason kept (the audit log's would-deny).
 * 3. ListNamespaces, given the namespaces the server has (`listed`): the
 *    caller's answer keeps those it may read (system read: all), and those
 *    whose reads shadow mode lets through.
 */
export function customLayer(policy: CompiledPolicy, caller: Caller, decision: Decision, namespace: string, listed?: readonly string[]): Decision {
  let d = decision;
  if (!d.allowed && d.code === 'cluster-api' && UI_CALLS.methods.has(d.method) && caller.kind === 'claims') {
    const readable = Object.entries(caller.claims.namespaces).filter(([, bits]) => bits >= ROLE_BITS.read);
    if (readable.length > 0) {
      const names = readable.map(([ns]) => ns).sort();
      d = {
        ...d,
        allowed: true,
        code: 'ui-cluster-api',
        via: caller.sources.filter((s) => s.scope !== 'system' && names.includes(s.scope.namespace)),
        reason: `${d.api} is cluster-scoped and the system role is ${d.had ? 'below read' : 'none'}, but the Web UI calls it when it loads: the custom-auth server allows it to a caller with read in some namespace (here ${names.slice(0, 5).join(', ')}${names.length > 5 ? `, and ${names.length - 5} more` : ''}; temporal#11639)`,
      };
    }
  }
  if (!d.allowed && !isEnforced(policy, namespace)) {
    d = { ...d, allowed: true, shadow: true };
  }
  if (d.method === UI_CALLS.filtered && d.allowed) {
    if (listed) d = { ...d, visible: listed.filter((ns) => canRead(caller, ns) || !isEnforced(policy, ns)) };
    else if (!(caller.kind === 'claims' && caller.claims.system >= ROLE_BITS.read)) {
      const readable =
        caller.kind === 'claims'
          ? Object.keys(caller.claims.namespaces)
              .filter((ns) => canRead(caller, ns))
              .sort()
          : [];
      const shown =
        readable.length > 0 ? `the namespaces it may read (${readable.slice(0, 5).join(', ')}${readable.length > 5 ? `, and ${readable.length - 5} more` : ''})` : 'no namespace it may read';
      d = { ...d, notes: [...d.notes, `the server filters the answer to ${shown}${policy.enforce ? ', plus the namespaces in shadow mode' : ''}`] };
    }
  }
  return d;
}
