import { isDeepStrictEqual } from 'node:util';
import type { AuthModel } from '../model/model.js';
import { INTERNAL_FRONTEND_KEYS, SERVER_SERVICES } from '../charts/services.js';
import { emitValues, POLICY_VOLUME } from '../emit/values.js';
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

/** Lists merged by entry name, and which names in them temporal-auth owns. */
function ownedNames(listKey: string): ((name: string) => boolean) | undefined {
  if (listKey === 'additionalEnv') return (n) => n.startsWith('TEMPORAL_AUTH_') || n === 'TEMPORAL_UI_PUBLIC_PATH';
  if (listKey === 'additionalVolumes' || listKey === 'additionalVolumeMounts') return (n) => n === POLICY_VOLUME;
  return undefined;
}

function indexByName(list: unknown): Map<string, unknown> {
  const map = new Map<string, unknown>();
  if (Array.isArray(list)) for (const e of list) if (typeof get(e, 'name') === 'string') map.set(get(e, 'name') as string, e);
  return map;
}

function compareNamedList(path: string, owned: (n: string) => boolean, desired: unknown, live: unknown, out: ValueChange[]) {
  const want = indexByName(desired);
  const have = indexByName(live);
  for (const [name, entry] of want) {
    const current = have.get(name);
    if (current === undefined) out.push({ path: `${path}[${name}]`, kind: 'added', desired: entry });
    else if (!isDeepStrictEqual(current, entry)) out.push({ path: `${path}[${name}]`, kind: 'changed', live: current, desired: entry });
  }
  for (const [name, entry] of have) {
    if (owned(name) && !want.has(name)) out.push({ path: `${path}[${name}]`, kind: 'removed', live: entry });
  }
}

/** The release's values minus list entries temporal-auth owns, so stale ones are not carried into "desired". */
function withoutOwnedEntries(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) {
    const owned = ownedNames(key);
    return owned ? value.filter((e) => !(typeof get(e, 'name') === 'string' && owned(get(e, 'name') as string))) : value;
  }
  if (isObj(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutOwnedEntries(v, k)]));
  return value;
}

function compare(path: string[], desired: unknown, live: unknown, out: ValueChange[]) {
  const dotted = path.join('.');
  const key = path[path.length - 1] ?? '';
  const owned = ownedNames(key);
  if (Array.isArray(desired) && owned) return compareNamedList(dotted, owned, desired, live, out);
  if (isObj(desired)) {
    for (const [k, v] of Object.entries(desired)) compare([...path, k], v, get(live, k), out);
    return;
  }
  if (live === undefined) out.push({ path: dotted, kind: 'added', desired });
  else if (!isDeepStrictEqual(live, desired)) out.push({ path: dotted, kind: 'changed', live, desired });
}

/**
 * What differs between the values `render` would emit and a release's
 * user-supplied values, on the paths temporal-auth owns only. Env and volume
 * lists compare by entry name, not position. The release's own lists are
 * merged in first, exactly as render --values would, so per-service env
 * lists that lack the auth variables show up as drift. Values nested deeper
 * than MAX_VALUES_DEPTH throw ValuesTooDeepError.
 */
export function compareValues(model: AuthModel, live: Obj): ValueChange[] {
  // Everything below recurses over the values: bound the depth first.
  if (depthExceeds(live, MAX_VALUES_DEPTH)) throw new ValuesTooDeepError();
  const desired = emitValues(model, withoutOwnedEntries(live)) as Obj;
  const out: ValueChange[] = [];
  compare([], desired, live, out);

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
  const lists: string[][] = [
    ['server', 'additionalEnv'],
    ['server', 'additionalVolumes'],
    ['server', 'additionalVolumeMounts'],
    ['web', 'additionalEnv'],
    ...SERVER_SERVICES.map((svc) => ['server', svc === 'internal-frontend' ? model.chart.internalFrontendKey : svc, 'additionalEnv']),
  ];
  for (const path of lists) {
    const at = (root: unknown) => path.reduce<unknown>((node, k) => get(node, k), root);
    if (at(desired) === undefined) compareNamedList(path.join('.'), ownedNames(path[path.length - 1]!)!, [], at(live), out);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
