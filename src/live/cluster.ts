import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { importExternal } from '../util/import-external.js';
import { printable } from '../util/printable.js';
import type { StoredRevision } from './helm-release.js';
import { KUBE_RESPONSE_LIMIT_BYTES, KubeRedirectError, KubeResponseTooLargeError, kubeRequest } from './kube-http.js';

export type ClusterErrorKind = 'config' | 'unreachable' | 'timeout' | 'tls' | 'unauthorized' | 'forbidden' | 'not-found' | 'corrupt' | 'api' | 'redirect' | 'too-large';

/**
 * A failure to read the cluster, with a one-line message that says what to
 * do. The message is printable: whatever the cluster said (names, labels,
 * Status messages) has its control characters escaped.
 */
export class ClusterError extends Error {
  constructor(
    readonly kind: ClusterErrorKind,
    message: string,
  ) {
    super(printable(message));
  }
}

export type HelmDriver = 'secret' | 'configmap';

export interface ClusterOptions {
  kubeconfig?: string;
  context?: string;
  timeoutMs: number;
}

/** The few reads `diff` makes, behind an interface so the rest never sees the client. */
export interface ClusterReader {
  server: string;
  listHelmRevisions(namespace: string, release: string | undefined, driver: HelmDriver): Promise<StoredRevision[]>;
  /** A Secret's data, base64-decoded; undefined when it does not exist. */
  readSecretData(namespace: string, name: string): Promise<Map<string, Buffer> | undefined>;
  /** A ConfigMap's data (text values); undefined when it does not exist. */
  readConfigMapData(namespace: string, name: string): Promise<Record<string, string> | undefined>;
  /** A NetworkPolicy's spec as stored (defaulted by the API server); undefined when it does not exist. */
  readNetworkPolicySpec(namespace: string, name: string): Promise<Record<string, unknown> | undefined>;
}

interface ApiErrorLike {
  code?: number | string;
  body?: unknown;
  type?: string;
  name?: string;
  message?: string;
}

/** How much of a Status message from the API server is shown. */
const MAX_STATUS_MESSAGE = 300;

/** The `message` of a Kubernetes Status body, printable and cut short. */
function statusMessage(body: unknown): string | undefined {
  try {
    const parsed = typeof body === 'string' ? JSON.parse(body) : body;
    const message = parsed !== null && typeof parsed === 'object' ? (parsed as { message?: unknown }).message : undefined;
    if (typeof message !== 'string') return undefined;
    return printable(message.length > MAX_STATUS_MESSAGE ? `${message.slice(0, MAX_STATUS_MESSAGE)}...` : message);
  } catch {
    return undefined;
  }
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|HOSTNAME/;

/** Maps whatever the client threw to a ClusterError naming the verb and resource. */
function toClusterError(err: unknown, what: { verb: string; resource: string; namespace: string }, server: string, timeoutMs: number): ClusterError {
  const e = err as ApiErrorLike;
  const doing = `${what.verb} ${what.resource} in namespace ${what.namespace}`;
  if (err instanceof KubeRedirectError) {
    return new ClusterError(
      'redirect',
      `${server} answered ${err.status} redirecting to ${printable(err.location)} while trying to ${doing}; temporal-auth does not follow redirects from the Kubernetes API (they would carry your credentials elsewhere): check the kubeconfig's server address`,
    );
  }
  if (err instanceof KubeResponseTooLargeError) {
    return new ClusterError('too-large', `${server} answered with more than ${KUBE_RESPONSE_LIMIT_BYTES / (1024 * 1024)} MiB while trying to ${doing}; temporal-auth reads no more`);
  }
  if (err instanceof SyntaxError) {
    return new ClusterError('corrupt', `${server} answered with something that is not JSON while trying to ${doing}; is it a Kubernetes API server?`);
  }
  if (typeof e?.code === 'number') {
    if (e.code === 401)
      return new ClusterError(
        'unauthorized',
        `401 Unauthorized from ${server} while trying to ${doing}: the kubeconfig's credentials were refused; log in again or pass another --kubeconfig/--context`,
      );
    if (e.code === 403) {
      const detail = statusMessage(e.body);
      return new ClusterError('forbidden', `403 Forbidden: not allowed to ${doing}${detail ? ` (${detail})` : ''}; grant the ${what.verb} verb on ${what.resource} to this user`);
    }
    return new ClusterError('api', `${e.code} from ${server} while trying to ${doing}${statusMessage(e.body) ? `: ${statusMessage(e.body)}` : ''}`);
  }
  if (e?.name === 'AbortError' || e?.type === 'aborted') {
    return new ClusterError('timeout', `${server} did not answer within ${timeoutMs / 1000}s while trying to ${doing}; check the cluster or raise --timeout`);
  }
  const code = typeof e?.code === 'string' ? e.code : '';
  if (TLS_CODES.test(code)) return new ClusterError('tls', `TLS with ${server} failed (${code}); check the kubeconfig's certificate-authority`);
  if (code) return new ClusterError('unreachable', `cannot reach ${server} (${code}); check the cluster address and your network`);
  return new ClusterError('unreachable', `cannot reach ${server}: ${String(e?.message ?? err).split('\n')[0]}`);
}

/**
 * Opens the cluster the kubeconfig points at. The Kubernetes client is
 * imported here and only here (it takes ~300 ms to load), so commands that do
 * not talk to a cluster never load it.
 */
export async function openCluster(options: ClusterOptions): Promise<ClusterReader> {
  const k8s = await importExternal<typeof import('@kubernetes/client-node')>('@kubernetes/client-node');
  const kc = new k8s.KubeConfig();
  try {
    if (options.kubeconfig) kc.loadFromFile(options.kubeconfig);
    else {
      // With none of KUBECONFIG, ~/.kube/config or an in-cluster service account, the client
      // would fall back to http://localhost:8080 and report that as unreachable: say what is missing.
      const home = process.env.HOME ?? '';
      const inCluster = Boolean(process.env.KUBERNETES_SERVICE_HOST) && existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token');
      if (!process.env.KUBECONFIG && !(home && existsSync(join(home, '.kube', 'config'))) && !inCluster) {
        throw new ClusterError('config', 'no cluster configured: pass --kubeconfig, set KUBECONFIG, or create ~/.kube/config');
      }
      kc.loadFromDefault(); // KUBECONFIG, ~/.kube/config, or in-cluster
    }
  } catch (err) {
    if (err instanceof ClusterError) throw err;
    const why = (err as Error).message.split('\n')[0];
    throw new ClusterError('config', `cannot load kubeconfig${options.kubeconfig ? ` ${options.kubeconfig}` : ''}: ${why}`);
  }
  if (options.context) {
    if (!kc.getContextObject(options.context)) {
      const known = kc.getContexts().map((c) => c.name);
      throw new ClusterError('config', `context ${options.context} is not in the kubeconfig (contexts: ${known.join(', ') || 'none'})`);
    }
    kc.setCurrentContext(options.context);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new ClusterError('config', 'no cluster configured: pass --kubeconfig, set KUBECONFIG, or create ~/.kube/config');
  const server = cluster.server;

  // As KubeConfig.makeApiClient, plus a deadline on every request.
  const timeout = {
    pre: async (ctx: InstanceType<typeof k8s.RequestContext>) => {
      ctx.setSignal(AbortSignal.timeout(options.timeoutMs) as never);
      return ctx;
    },
    post: async (ctx: InstanceType<typeof k8s.ResponseContext>) => ctx,
  };
  // Requests go through kubeRequest, not the client's node-fetch, which
  // follows redirects (to any host, with the kubeconfig's TLS client
  // certificate) and reads bodies of any size.
  const httpApi = k8s.wrapHttpLibrary({
    async send(request) {
      const res = await kubeRequest({
        url: request.getUrl(),
        method: request.getHttpMethod(),
        headers: request.getHeaders(),
        body: request.getBody(),
        signal: request.getSignal() as AbortSignal | undefined,
        agent: request.getAgent(),
      });
      return new k8s.ResponseContext(res.status, res.headers, { text: async () => res.body.toString('utf8'), binary: async () => res.body });
    },
  });
  const configuration = k8s.createConfiguration({
    baseServer: new k8s.ServerConfiguration(server, {}),
    authMethods: { default: kc },
    promiseMiddleware: [timeout],
    httpApi,
  });
  const core = new k8s.CoreV1Api(configuration);
  const networking = new k8s.NetworkingV1Api(configuration);

  const call = async <T>(what: { verb: string; resource: string; namespace: string }, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      throw toClusterError(err, what, server, options.timeoutMs);
    }
  };

  return {
    server,
    async listHelmRevisions(namespace, release, driver) {
      const labelSelector = release ? `owner=helm,name=${release}` : 'owner=helm';
      if (driver === 'configmap') {
        const list = await call({ verb: 'list', resource: 'configmaps', namespace }, () => core.listNamespacedConfigMap({ namespace, labelSelector }));
        return items(list).map((o) => ({ objectName: objectName(o), labels: stringMap(o.metadata?.labels), payload: stringMap(o.data).release ?? '' }));
      }
      const list = await call({ verb: 'list', resource: 'secrets', namespace }, () => core.listNamespacedSecret({ namespace, labelSelector }));
      // Over the API a Secret's data is base64 of what Helm stored (itself base64).
      return items(list).map((o) => ({
        objectName: objectName(o),
        labels: stringMap(o.metadata?.labels),
        payload: Buffer.from(stringMap(o.data).release ?? '', 'base64').toString('utf8'),
      }));
    },
    async readSecretData(namespace, name) {
      const secret = await orMissing(call({ verb: 'get', resource: 'secrets', namespace }, () => core.readNamespacedSecret({ name, namespace })));
      return secret && new Map(Object.entries(stringMap(secret.data)).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
    },
    async readConfigMapData(namespace, name) {
      const map = await orMissing(call({ verb: 'get', resource: 'configmaps', namespace }, () => core.readNamespacedConfigMap({ name, namespace })));
      return map && stringMap(map.data);
    },
    async readNetworkPolicySpec(namespace, name) {
      const policy = await orMissing(call({ verb: 'get', resource: 'networkpolicies.networking.k8s.io', namespace }, () => networking.readNamespacedNetworkPolicy({ name, namespace })));
      if (!policy) return undefined;
      const spec = asStored((policy as { spec?: unknown }).spec);
      return spec !== null && typeof spec === 'object' && !Array.isArray(spec) ? (spec as Record<string, unknown>) : {};
    },
  };
}

/**
 * A value of the client's model classes as the API server sent it: the
 * classes rename some fields (V1NetworkPolicyIngressRule's `from` is
 * `_from`), each listing the wire name (`baseName`) in its attribute map.
 */
function asStored(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asStored);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  const attributes = (value.constructor as { getAttributeTypeMap?: () => { name: string; baseName: string }[] }).getAttributeTypeMap?.() ?? [];
  const wire = new Map(attributes.map((a) => [a.name, a.baseName]));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[wire.get(k) ?? k] = asStored(v);
  return out;
}

/** The object, or undefined when the API server answers 404 (it does not exist). */
async function orMissing<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (err) {
    if (err instanceof ClusterError && err.kind === 'api' && /^404 /.test(err.message)) return undefined;
    throw err;
  }
}

interface ObjectLike {
  metadata?: { name?: unknown; labels?: unknown };
  data?: unknown;
}

/** The list's items that are objects; an answer without a list of items has none. */
function items(list: unknown): ObjectLike[] {
  const raw = list !== null && typeof list === 'object' ? (list as { items?: unknown }).items : undefined;
  return Array.isArray(raw) ? raw.filter((o): o is ObjectLike => o !== null && typeof o === 'object') : [];
}

const objectName = (o: ObjectLike) => (typeof o.metadata?.name === 'string' ? o.metadata.name : '?');

/** A map of strings from the API (labels, data), dropping entries that are not strings. */
function stringMap(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}
