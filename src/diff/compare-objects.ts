import { isDeepStrictEqual } from 'node:util';
import type { ValueChange } from './compare-values.js';
import type { SecretKeyCheck } from './secret-check.js';

/**
 * One Kubernetes object render writes, as the cluster has it. ConfigMaps and
 * the NetworkPolicy are compared by content (what the pods and the CNI read);
 * Secrets by their keys, and each value by hash where it is known locally.
 */
export type ObjectDrift =
  | { kind: 'Secret'; name: string; namespace: string; file: string; present: boolean; keys: SecretKeyCheck[] }
  | { kind: 'ConfigMap' | 'NetworkPolicy'; name: string; namespace: string; file: string; present: boolean; changes: ValueChange[] };

/** Whether the object differs from what render writes (a key that was not checked is not drift). */
export function objectDrifts(o: ObjectDrift): boolean {
  if (!o.present) return true;
  return o.kind === 'Secret' ? o.keys.some((k) => k.state === 'missing' || k.state === 'differs') : o.changes.length > 0;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** JSON text as data, for a ConfigMap value that holds JSON (the policy); undefined when it is not JSON. */
function asJson(text: unknown): unknown {
  if (typeof text !== 'string' || !/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Every difference between two JSON-like values, by path (lists by position), at most `limit`. */
export function deepChanges(path: string, desired: unknown, live: unknown, out: ValueChange[], limit = 50): void {
  if (out.length >= limit || isDeepStrictEqual(desired, live)) return;
  if (isObj(desired) && isObj(live)) {
    for (const key of new Set([...Object.keys(desired), ...Object.keys(live)])) {
      const at = path ? `${path}.${key}` : key;
      if (!(key in live)) out.push({ path: at, kind: 'added', desired: desired[key] });
      else if (!(key in desired)) out.push({ path: at, kind: 'removed', live: live[key] });
      else deepChanges(at, desired[key], live[key], out, limit);
      if (out.length >= limit) return;
    }
    return;
  }
  if (Array.isArray(desired) && Array.isArray(live)) {
    for (let i = 0; i < Math.max(desired.length, live.length); i++) {
      const at = `${path}[${i}]`;
      if (i >= live.length) out.push({ path: at, kind: 'added', desired: desired[i] });
      else if (i >= desired.length) out.push({ path: at, kind: 'removed', live: live[i] });
      else deepChanges(at, desired[i], live[i], out, limit);
      if (out.length >= limit) return;
    }
    return;
  }
  out.push({ path, kind: 'changed', live, desired });
}

/**
 * A ConfigMap's data, key by key. A value that is JSON on both sides (the
 * policy) is compared as data, so the report names the grant that changed,
 * not the whole file; the formatting of the JSON does not count.
 */
export function compareConfigMapData(desired: Obj, live: Obj | undefined): ValueChange[] {
  const out: ValueChange[] = [];
  const have = live ?? {};
  for (const key of new Set([...Object.keys(desired), ...Object.keys(have)])) {
    const at = `data[${key}]`;
    if (!(key in have)) out.push({ path: at, kind: 'added', desired: desired[key] });
    else if (!(key in desired)) out.push({ path: at, kind: 'removed', live: have[key] });
    else if (desired[key] !== have[key]) {
      const [want, got] = [asJson(desired[key]), asJson(have[key])];
      if (want !== undefined && got !== undefined) deepChanges(at, want, got, out);
      else out.push({ path: at, kind: 'changed', live: have[key], desired: desired[key] });
    }
  }
  return out;
}

/**
 * A NetworkPolicy's spec as the API server stores it: it fills in `protocol:
 * TCP` on every port and `policyTypes` from the rules
 * (pkg/apis/networking/v1/defaults.go in kubernetes), so what render writes
 * is compared after the same defaulting.
 */
export function defaultedNetworkPolicySpec(spec: Obj): Obj {
  const copy = structuredClone(spec);
  for (const direction of ['ingress', 'egress'] as const) {
    for (const rule of Array.isArray(copy[direction]) ? (copy[direction] as Obj[]) : []) {
      for (const port of Array.isArray(rule?.ports) ? (rule.ports as Obj[]) : []) if (isObj(port) && port.protocol === undefined) port.protocol = 'TCP';
    }
  }
  if (copy.policyTypes === undefined) copy.policyTypes = Array.isArray(copy.egress) && copy.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  return copy;
}
