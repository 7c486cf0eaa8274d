import { compareVersions } from '../temporal/versions.js';
import {
  ADMIN_SERVICE_METHODS,
  ALWAYS_ALLOWED_APIS,
  API_MINORS,
  API_TABLE_SOURCES,
  API_TABLES,
  type ApiEntry,
  type ApiMinor,
  CLUSTER_ADMIN_PREFIXES,
  GRPC_GO_VERSIONS,
} from './api-tables.generated.js';

export type { ApiEntry };
export type TableVersion = ApiMinor;

/** The health check: always allowed. */
export const HEALTH_CHECK = '/grpc.health.v1.Health/Check';

/**
 * Methods the frontend serves beyond the API metadata, other than the health
 * check: the rest of the gRPC health service. service/frontend/service.go
 * registers grpc-go's health server (RegisterHealthServer, line 464 at
 * v1.31.2, and at v1.28.4, v1.29.7 and v1.30.6 too), and every one of those
 * releases pins grpc-go v1.79.3, whose health server serves Check, List
 * (unary, since grpc-go v1.72.0) and Watch (a server stream). Line numbers
 * below are at v1.31.2. Only Check is a health-check API
 * (common/authorization/frontend_api.go:8-11, IsHealthCheckAPI at :25-28),
 * so default_authorizer.go:38 does not let List or Watch through; with no
 * claims it denies (:41-43), and otherwise GetMethodMetadata gives
 * ScopeUnknown for them (common/api/metadata.go:216-217) and :55-56 denies:
 * every caller, system admin included. Watch, a stream, is authorized by
 * InterceptStream (common/authorization/interceptor.go:188-234, with no
 * namespace), which dynamic config system.disableStreamingAuthorizer
 * (default false) skips. The value is why the authorizer denies the method.
 * List is served only where the minor's go.mod requires grpc-go
 * HEALTH_LIST_SINCE_GRPC_GO or later (GRPC_GO_VERSIONS: 1.28 to 1.31); 1.22
 * to 1.27 require v1.58.2 to v1.71.0, whose health service has no List
 * (grpc/grpc-go#8155, released in v1.72.0), so there it is no method at all.
 */
export const SERVED_WITHOUT_METADATA: Readonly<Record<string, string>> = {
  '/grpc.health.v1.Health/List':
    'the frontend serves it (gRPC health service), but only /grpc.health.v1.Health/Check is a health-check API (IsHealthCheckAPI) and the API metadata does not know List, so the default authorizer denies it to every caller, system admin included',
  '/grpc.health.v1.Health/Watch':
    'the frontend serves it (gRPC health service, a stream the stream interceptor authorizes with no namespace), but only /grpc.health.v1.Health/Check is a health-check API (IsHealthCheckAPI) and the API metadata does not know Watch, so the default authorizer denies it to every caller, system admin included; only dynamic config system.disableStreamingAuthorizer: true (default false) lets every stream through unauthorized',
};

/** The grpc-go release whose health server first serves List (grpc/grpc-go#8155). */
export const HEALTH_LIST_SINCE_GRPC_GO = '1.72.0';

function servedWithoutMetadata(version: TableVersion): Readonly<Record<string, string>> {
  if (compareVersions(GRPC_GO_VERSIONS[version], HEALTH_LIST_SINCE_GRPC_GO) >= 0) return SERVED_WITHOUT_METADATA;
  const { '/grpc.health.v1.Health/List': _, ...rest } = SERVED_WITHOUT_METADATA;
  return rest;
}

/** The API metadata of one server minor version. */
export interface ApiTable {
  version: TableVersion;
  /** Why this table stands in for the server version asked for, when it is not an exact minor match. */
  note?: string;
  methods: Readonly<Record<string, ApiEntry>>;
  /** Every AdminService method (full names), for resolving short names; their metadata is the prefix rule. */
  adminMethods: readonly string[];
  /** Prefixes under which every method is cluster-scoped admin (AdminService). */
  clusterAdminPrefixes: readonly string[];
  /** Methods the authorizer allows without looking at claims. */
  alwaysAllowed: ReadonlySet<string>;
  /** The SERVED_WITHOUT_METADATA methods this minor's frontend serves. */
  servedWithoutMetadata: Readonly<Record<string, string>>;
}

const VERSIONS = [...API_MINORS].sort((a, b) => compareVersions(`${a}.0`, `${b}.0`));
const alwaysAllowedSets = new Map(VERSIONS.map((v) => [v, new Set(ALWAYS_ALLOWED_APIS[v])]));
const servedSets = new Map(VERSIONS.map((v) => [v, servedWithoutMetadata(v)]));

/** The table for a server version: its minor's, the newest for later servers, the oldest for earlier ones. */
export function apiTableFor(serverVersion: string): ApiTable {
  const minor = /^(\d+\.\d+)/.exec(serverVersion)?.[1] ?? '';
  let version = VERSIONS.find((v) => v === minor);
  let note: string | undefined;
  if (!version) {
    const newer = compareVersions(`${minor}.0`, `${VERSIONS[VERSIONS.length - 1]}.0`) > 0;
    version = newer ? VERSIONS[VERSIONS.length - 1]! : VERSIONS[0]!;
    note = `server ${serverVersion} is decided with the ${version} API table (${API_TABLE_SOURCES[version]?.tag}): temporal-auth has no table for ${minor}${newer ? '; methods added since are unknown to it' : ''}`;
  }
  return {
    version,
    note,
    methods: API_TABLES[version],
    adminMethods: ADMIN_SERVICE_METHODS[version],
    clusterAdminPrefixes: CLUSTER_ADMIN_PREFIXES[version],
    alwaysAllowed: alwaysAllowedSets.get(version)!,
    servedWithoutMetadata: servedSets.get(version)!,
  };
}

export interface ResolvedApi {
  /** Full gRPC method name, as the server authorizes it. */
  method: string;
  /** The method's own name, for messages. */
  name: string;
  service: string;
  alwaysAllowed: boolean;
  /** Scope and access; undefined when the server's metadata does not know the method (it is then denied). */
  entry?: ApiEntry;
  /** A method the frontend serves though the metadata does not know it (the table's servedWithoutMetadata): why it is denied. */
  served?: string;
  /** How a short name was resolved, when it could have meant another service's method. */
  note?: string;
}

const ADMIN_ENTRY: ApiEntry = { scope: 'cluster', access: 'admin' };

const parts = (method: string) => {
  const m = /^\/([^/]+)\/([^/]+)$/.exec(method);
  return m ? { service: m[1]!.slice(m[1]!.lastIndexOf('.') + 1), name: m[2]! } : { service: '', name: method };
};

/** What the server's authorizer sees for a full method name (unknown methods included). */
export function describeMethod(table: ApiTable, method: string): ResolvedApi {
  const { service, name } = parts(method);
  const alwaysAllowed = table.alwaysAllowed.has(method);
  const entry = Object.hasOwn(table.methods, method) ? table.methods[method] : table.clusterAdminPrefixes.some((p) => method.startsWith(p)) ? ADMIN_ENTRY : undefined;
  const served = !alwaysAllowed && !entry && Object.hasOwn(table.servedWithoutMetadata, method) ? table.servedWithoutMetadata[method] : undefined;
  return { method, name, service, alwaysAllowed, entry, ...(served ? { served } : {}) };
}

// Services searched for a short name, in the order an ambiguous name resolves.
const SERVICE_ORDER = ['WorkflowService', 'OperatorService', 'NexusService', 'AdminService', 'Health'];

const shortIndexes = new WeakMap<ApiTable['methods'], Map<string, string[]>>();

function shortIndex(table: ApiTable): Map<string, string[]> {
  let index = shortIndexes.get(table.methods);
  if (index) return index;
  index = new Map();
  const all = [...Object.keys(table.methods), ...table.adminMethods, ...table.alwaysAllowed, ...Object.keys(table.servedWithoutMetadata)];
  for (const method of all) {
    const { name } = parts(method);
    const list = index.get(name) ?? [];
    if (!list.includes(method)) list.push(method);
    index.set(name, list);
  }
  const rank = (m: string) => SERVICE_ORDER.indexOf(parts(m).service);
  for (const list of index.values()) list.sort((a, b) => rank(a) - rank(b));
  shortIndexes.set(table.methods, index);
  return index;
}

export type ApiLookup = { ok: true; api: ResolvedApi } | { ok: false; message: string };

/**
 * A method named by the user: a full gRPC name (`/pkg.Service/Method`), or a
 * short name when it is unambiguous. A short name in two services (AdminService
 * and WorkflowService both have DeleteWorkflowExecution) resolves to the
 * public service and says so.
 */
export function resolveApi(table: ApiTable, input: string): ApiLookup {
  if (input.startsWith('/')) {
    const api = describeMethod(table, input);
    if (api.entry || api.alwaysAllowed || api.served) return { ok: true, api };
    return { ok: false, message: `${input} is not a method of server ${table.version}'s API${suggest(table, parts(input).name)}` };
  }
  const methods = shortIndex(table).get(input);
  if (!methods) return { ok: false, message: `unknown API ${input}${suggest(table, input)}` };
  const api = describeMethod(table, methods[0]!);
  if (methods.length > 1) {
    api.note = `${input} also exists as ${methods.slice(1).join(', ')}; this is ${methods[0]} (pass the full method name for another)`;
  }
  return { ok: true, api };
}

/** "; did you mean X?" for a near miss: a name it is the start of, else the closest by edit distance. */
function suggest(table: ApiTable, name: string): string {
  const names = [...shortIndex(table).keys()];
  const lower = name.toLowerCase();
  const prefixed = names.filter((n) => n.toLowerCase().startsWith(lower)).sort((a, b) => a.length - b.length);
  let best = prefixed[0];
  if (!best) {
    let bestDistance = Math.max(3, Math.floor(name.length / 4)) + 1;
    for (const n of names) {
      const d = editDistance(lower, n.toLowerCase(), bestDistance);
      if (d < bestDistance) [best, bestDistance] = [n, d];
    }
  }
  return best ? `; did you mean ${best}?` : '; name a WorkflowService, OperatorService, NexusService or AdminService method';
}

/** Levenshtein distance, giving up at `limit` (names are short; the user's input is capped by the caller). */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin >= limit) return limit;
    prev = row;
  }
  return prev[b.length]!;
}
