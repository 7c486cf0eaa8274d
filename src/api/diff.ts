import { compareValues } from '../diff/compare-values.js';
import { buildReport, type DiffReport } from '../diff/report.js';
import { checkSecretKeys } from '../diff/secret-check.js';
import type { AuthModel } from '../model/model.js';
import type { SecretResolver } from '../secrets/resolve.js';
import { secretEntries, type SecretKey } from '../secrets/keys.js';
import { ValuesTooDeepError } from '../util/depth.js';
import { ClusterReadError, InputError } from './errors.js';
import { loadSpec, type Input, type LoadedSpec, type SpecOptions } from './spec.js';

export type { DiffReport };

/** What to compare with: a release's user-supplied values you already have (`helm get values`), or a live release. */
export type LiveSource =
  | { values: Record<string, unknown>; label?: string }
  | {
      cluster: {
        /** kubeconfig file; default KUBECONFIG, ~/.kube/config, or in-cluster. */
        kubeconfig?: string;
        context?: string;
        /** Deadline per Kubernetes request, body included (default 15 s). */
        timeoutMs?: number;
        /** Default: the spec's release.name and release.namespace. */
        release?: string;
        namespace?: string;
        /** Helm's storage driver (HELM_DRIVER): secret (default) or configmap. */
        driver?: 'secret' | 'configmap';
      };
    };

export interface DiffOptions extends SpecOptions {
  live: LiveSource;
  /** Reads the secret values locally to compare them (by hash) with the live Secret; without it, only presence is checked. */
  secrets?: SecretResolver;
}

async function localSecretValues(model: AuthModel, specFile: string, secrets: SecretResolver | undefined) {
  const local = new Map<SecretKey, { value: string } | { unavailable: string }>();
  for (const entry of secretEntries(model)) {
    if ('value' in entry.from) local.set(entry.key, { value: entry.from.value });
    else if (!secrets) local.set(entry.key, { unavailable: 'no secret resolver given' });
    else {
      const read = await secrets(entry.from, { specFile, path: [...entry.specPath, 'fromEnv' in entry.from ? 'fromEnv' : 'fromFile'] });
      local.set(entry.key, read.ok ? { value: read.value } : { unavailable: read.message.split(';')[0]! });
    }
  }
  return local;
}

/**
 * Whether the cluster runs what the spec says: the values render would emit
 * against the release's user-supplied values, on the paths temporal-auth owns,
 * and the auth Secret by hash. Secret values are never returned.
 */
export async function diff(input: Input | LoadedSpec, options: DiffOptions): Promise<DiffReport> {
  const loaded = await loadSpec(input, options);
  const { model } = loaded;
  const target = model.chart.chartVersion;
  const live = options.live;
  if ('values' in live) {
    let changes;
    try {
      changes = compareValues(model, live.values);
    } catch (err) {
      if (err instanceof ValuesTooDeepError) throw new InputError(`values ${err.message}; pass the output of \`helm get values RELEASE -o yaml\``);
      throw err;
    }
    return buildReport({ source: { kind: 'file', path: live.label ?? '<values>' }, chart: { target, mismatch: false }, changes });
  }
  // The Kubernetes client is large: it loads only when a cluster is read.
  const { ClusterError, openCluster } = await import('../live/cluster.js');
  const { readDeployedRelease } = await import('../live/release.js');
  const { release: releaseName, namespace: ns, driver = 'secret' } = live.cluster;
  const name = releaseName ?? model.release.name;
  const namespace = ns ?? model.release.namespace;
  try {
    const cluster = await openCluster({ kubeconfig: live.cluster.kubeconfig, context: live.cluster.context, timeoutMs: live.cluster.timeoutMs ?? 15_000 });
    const release = await readDeployedRelease(cluster, namespace, name, driver);
    const liveSecret = await cluster.readSecretData(namespace, model.secretName);
    const keys = secretEntries(model).map((e) => e.key);
    let changes;
    try {
      changes = compareValues(model, release.config);
    } catch (err) {
      if (err instanceof ValuesTooDeepError) throw new ClusterError('corrupt', `release ${name} in namespace ${namespace}, revision ${release.revision}: ${err.message}; temporal-auth does not compare it`);
      throw err;
    }
    return buildReport({
      source: { kind: 'release', name, namespace, revision: release.revision, driver, server: cluster.server },
      chart: { target, live: release.chartVersion, mismatch: release.chartVersion !== undefined && release.chartVersion !== target },
      changes,
      secret: {
        name: model.secretName,
        namespace,
        present: liveSecret !== undefined,
        keys: liveSecret ? checkSecretKeys(keys, liveSecret, await localSecretValues(model, loaded.file, options.secrets)) : [],
      },
    });
  } catch (err) {
    // A kubeconfig the user named that cannot be used is bad input; anything the cluster did is a cluster error.
    if (err instanceof ClusterError) throw err.kind === 'config' ? new InputError(err.message) : new ClusterReadError(err.message, err.kind);
    throw err;
  }
}
