import type { StoredRevision } from './helm-release.js';

export type ClusterErrorKind = 'config' | 'unreachable' | 'timeout' | 'tls' | 'unauthorized' | 'forbidden' | 'not-found' | 'corrupt' | 'api';

/** A failure to read the cluster, with a one-line message that says what to do. */
export class ClusterError extends Error {
  constructor(
    readonly kind: ClusterErrorKind,
    message: string,
  ) {
    super(message);
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
}

/** Helm's storage driver from HELM_DRIVER, as helm itself reads it. */
export function helmDriver(env: NodeJS.ProcessEnv): HelmDriver | undefined {
  const value = (env.HELM_DRIVER ?? '').toLowerCase();
  if (value === '' || value === 'secret' || value === 'secrets') return 'secret';
  if (value === 'configmap' || value === 'configmaps') return 'configmap';
  return undefined;
}

interface ApiErrorLike {
  code?: number | string;
  body?: unknown;
  type?: string;
  name?: string;
  message?: string;
}

function statusMessage(body: unknown): string | undefined {
  try {
    const parsed = typeof body === 'string' ? JSON.parse(body) : body;
    return typeof parsed?.message === 'string' ? parsed.message : undefined;
  } catch {
    return undefined;
  }
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|HOSTNAME/;

/** Maps whatever the client threw to a ClusterError naming the verb and resource. */
function toClusterError(err: unknown, what: { verb: string; resource: string; namespace: string }, server: string, timeoutMs: number): ClusterError {
  const e = err as ApiErrorLike;
  const doing = `${what.verb} ${what.resource} in namespace ${what.namespace}`;
  if (typeof e?.code === 'number') {
    if (e.code === 401) return new ClusterError('unauthorized', `401 Unauthorized from ${server} while trying to ${doing}: the kubeconfig's credentials were refused; log in again or pass another --kubeconfig/--context`);
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
  return new ClusterError('unreachable', `cannot reach ${server}: ${(e?.message ?? String(err)).split('\n')[0]}`);
}

/**
 * Opens the cluster the kubeconfig points at. The Kubernetes client is
 * imported here and only here (it takes ~300 ms to load), so commands that do
 * not talk to a cluster never load it.
 */
export async function openCluster(options: ClusterOptions): Promise<ClusterReader> {
  const k8s = await import('@kubernetes/client-node');
  const kc = new k8s.KubeConfig();
  try {
    if (options.kubeconfig) kc.loadFromFile(options.kubeconfig);
    else kc.loadFromDefault(); // KUBECONFIG, ~/.kube/config, or in-cluster
  } catch (err) {
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
  const core = new k8s.CoreV1Api(
    k8s.createConfiguration({
      baseServer: new k8s.ServerConfiguration(server, {}),
      authMethods: { default: kc },
      promiseMiddleware: [timeout],
    }),
  );

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
        return list.items.map((o) => ({ objectName: o.metadata?.name ?? '?', labels: o.metadata?.labels ?? {}, payload: o.data?.release ?? '' }));
      }
      const list = await call({ verb: 'list', resource: 'secrets', namespace }, () => core.listNamespacedSecret({ namespace, labelSelector }));
      // Over the API a Secret's data is base64 of what Helm stored (itself base64).
      return list.items.map((o) => ({
        objectName: o.metadata?.name ?? '?',
        labels: o.metadata?.labels ?? {},
        payload: Buffer.from(o.data?.release ?? '', 'base64').toString('utf8'),
      }));
    },
    async readSecretData(namespace, name) {
      try {
        const secret = await call({ verb: 'get', resource: 'secrets', namespace }, () => core.readNamespacedSecret({ name, namespace }));
        return new Map(Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
      } catch (err) {
        if (err instanceof ClusterError && err.kind === 'api' && /^404 /.test(err.message)) return undefined;
        throw err;
      }
    },
  };
}
