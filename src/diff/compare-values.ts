import { isDeepStrictEqual } from 'node:util';
import { INTERNAL_FRONTEND_KEYS } from '../charts/services.js';
import { entryKey, type ListKind } from '../emit/list-entries.js';
import { emitValues, OWNED_LISTS, type OwnedList } from '../emit/values.js';
import type { AuthModel } from '../model/model.js';
import { depthExceeds, MAX_VALUES_DEPTH, ValuesTooDeepError } from '../util/depth.js';

export interface ValueChange {
  /** Dotted path; named list entries as `list[NAME]`. */
  path: string;
  /** added: the spec wants it and the release lacks it; removed: the reverse. */
  kind: 'added' | 'removed' | 'changed';
  live?: unknown;
  desired?: unknown;
  note?: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const get = (v: unknown, key: string) => (isObj(v) ? v[key] : undefined);

function indexByKey(kind: ListKind, list: unknown): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (const e of Array.isArray(list) ? list : []) {
    const k = entryKey(kind, e);
    if (k !== undefined) map.set(k, e);
  }
  return map;
}

/**
 * A list render writes, entry by entry (by name, or mountPath for mounts, not
 * by position). `exact`: the desired list is the whole list (render had the
 * user's values), so any other live entry is one the spec would remove; else
 * only the entries temporal-auth owns are.
 */
function compareList(path: string, list: OwnedList, desired: unknown, live: unknown, exact: boolean, out: ValueChange[]) {
  const want = indexByKey(list.kind, desired);
  const have = indexByKey(list.kind, live);
  for (const [key, entry] of want) {
    const current = have.get(key);
    if (current === undefined) out.push({ path: `${path}[${key}]`, kind: 'added', desired: entry });
    else if (!isDeepStrictEqual(current, entry)) out.push({ path: `${path}[${key}]`, kind: 'changed', live: current, desired: entry });
  }
  for (const [key, entry] of have) {
    if (!want.has(key) && (exact || list.owns(entry))) out.push({ path: `${path}[${key}]`, kind: 'removed', live: entry });
  }
}

const listAt = (path: readonly string[]) => OWNED_LISTS.find((l) => l.path.length === path.length && l.path.every((k, i) => k === path[i]));

function compare(path: string[], desired: unknown, live: unknown, exact: boolean, out: ValueChange[]) {
  const dotted = path.join('.');
  const list = listAt(path);
  if (Array.isArray(desired) && list) return compareList(dotted, list, desired, live, exact, out);
  if (isObj(desired)) {
    for (const [k, v] of Object.entries(desired)) compare([...path, k], v, get(live, k), exact, out);
    return;
  }
  // A null removes the key in Helm's merge (render writes one to delete a stale annotation): absent is as good.
  if (desired === null && (live === undefined || live === null)) return;
  if (live === undefined) out.push({ path: dotted, kind: 'added', desired });
  else if (!isDeepStrictEqual(live, desired)) out.push({ path: dotted, kind: 'changed', live, desired });
}

/**
 * What differs between the values `render` would emit and a release's
 * user-supplied values, on the paths temporal-auth owns only. Lists compare
 * by entry (name, or mountPath), not position. `userValues` are the user's
 * own values, as render --values takes them: the lists render would write
 * are then known whole, and every entry of the live lists is compared.
 * Without them the release's own entries stand in for the user's, so only
 * entries temporal-auth owns can be missing or extra (a per-service env list
 * that lacks the auth variables still shows). Values nested deeper than
 * MAX_VALUES_DEPTH throw ValuesTooDeepError.
 */
export function compareValues(model: AuthModel, live: Obj, userValues?: Obj): ValueChange[] {
  // Everything below recurses over the values: bound the depth first.
  if (depthExceeds(live, MAX_VALUES_DEPTH) || (userValues !== undefined && depthExceeds(userValues, MAX_VALUES_DEPTH))) throw new ValuesTooDeepError();
  const desired = emitValues(model, userValues ?? live) as Obj;
  const out: ValueChange[] = [];
  compare([], desired, live, userValues !== undefined, out);

  const liveServer = get(live, 'server');
  // Authorization config temporal-auth would not set (custom mode) or keys it no longer sets.
  const liveAuthz = get(get(liveServer, 'config'), 'authorization');
  const wantAuthz = get(get(get(desired, 'server'), 'config'), 'authorization');
  if (isObj(liveAuthz)) {
    if (!isObj(wantAuthz)) out.push({ path: 'server.config.authorization', kind: 'removed', live: liveAuthz, note: `custom mode leaves authorization to the image` });
    else for (const k of Object.keys(liveAuthz)) if (!(k in wantAuthz)) out.push({ path: `server.config.authorization.${k}`, kind: 'removed', live: liveAuthz[k] });
  }
  // The internal frontend under the key the target chart does not read.
  for (const other of INTERNAL_FRONTEND_KEYS.filter((k) => k !== model.chart.internalFrontendKey)) {
    const enabled = get(get(liveServer, other), 'enabled');
    if (enabled !== undefined) {
      out.push({
        path: `server.${other}.enabled`,
        kind: 'removed',
        live: enabled,
        note: `chart ${model.chart.chartVersion} reads server.${model.chart.internalFrontendKey}; this key is ignored${model.chart.internalFrontendKey === 'internal-frontend' ? ' (and fails the render from chart 1.1)' : ''}`,
      });
    }
  }
  // Owned entries in lists the desired values do not carry at all (custom -> builtin, per-service lists).
  for (const list of OWNED_LISTS) {
    const at = (root: unknown) => list.path.reduce<unknown>((node, k) => get(node, k), root);
    if (at(desired) === undefined) compareList(list.path.join('.'), list, [], at(live), false, out);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
