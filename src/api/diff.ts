import { parseAllDocuments } from 'yaml';
import { compareConfigMapData, deepChanges, defaultedNetworkPolicySpec, type ObjectDrift } from '../diff/compare-objects.js';
import { compareValues, type ValueChange } from '../diff/compare-values.js';
import { buildReport, type DiffReport } from '../diff/report.js';
import { checkSecretKeys } from '../diff/secret-check.js';
import { OUTPUTS, type SecretFormat } from '../emit/index.js';
import type { ClusterReader, HelmDriver } from '../live/cluster.js';
import { type KeyOrigin, keyOrigin, type SecretEntry, secretEntries, workerKeyOrigin, workerSecretEntries, workersWithSecrets } from '../secrets/keys.js';
import type { SecretResolver } from '../secrets/resolve.js';
import { ValuesTooDeepError } from '../util/depth.js';
import { describeValue, isRecord } from '../util/describe-value.js';
import { renderForChart } from './chart-keys.js';
import { loadClusterJwks } from './cluster-jwks.js';
import { ClusterReadError, InputError } from './errors.js';
import { checkOptions, checkResolver, checkSpecInput, type Input, type LoadedSpec, loadSpec, type SpecOptions, specOptionFields } from './spec.js';

// How the CLI shows a report: as JSON, or as the text template's view.
export { jsonView, textView } from '../diff/report.js';
export type { DiffReport };

/** Helm's storage driver from HELM_DRIVER, as helm itself reads it (default secret); undefined for one diff cannot read. */
export function helmDriver(env: Readonly<Record<string, string | undefined>>): HelmDriver | undefined {
  const value = (env.HELM_DRIVER ?? '').toLowerCase();
  if (value === '' || value === 'secret' || value === 'secrets') return 'secret';
  if (value === 'configmap' || value === 'configmaps') return 'configmap';
  return undefined;
}

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

type LocalValue = { value: string } | { unavailable: string };

/** Each key's value as render would write it, where it can be known here (a source that cannot be read is noted, never fatal). */
async function localValues<K extends string>(entries: readonly SecretEntry<K>[], specFile: string, secrets: SecretResolver | undefined, origin: (e: SecretEntry<K>) => KeyOrigin) {
  const local = new Map<K, LocalValue>();
  for (const entry of entries) {
    const from = origin(entry);
    if (from.kind === 'literal') local.set(entry.key, { value: from.value });
    else if (from.kind === 'store') local.set(entry.key, { unavailable: `from the external store ${from.remoteKey}` });
    else if (!secrets) local.set(entry.key, { unavailable: 'no secret resolver given' });
    else {
      const read = await secrets(from.source, { specFile, path: [...entry.specPath, 'fromEnv' in from.source ? 'fromEnv' : 'fromFile'] });
      local.set(entry.key, read.ok ? { value: read.value } : { unavailable: read.message.split(';')[0]! });
    }
  }
  return local;
}

/** The file that carries the server's or the workers' Secret in `format` (the output table says). */
function secretFile(of: 'server' | 'workers', format: SecretFormat): string {
  const output = OUTPUTS.find((o) => o.secret?.of === of && o.secret.format === format);
  if (!output) throw new Error(`internal: no output carries the ${of} Secret as ${format}`);
  return output.name;
}

/**
 * Every Kubernetes object render writes, as the cluster has it: the auth
 * Secret and each worker's (keys, values by hash), and the ConfigMaps and
 * NetworkPolicy render's files hold (content). Objects are taken from
 * render's own output, so what diff checks is what render writes.
 */
async function liveObjects(cluster: ClusterReader, loaded: LoadedSpec, userValues: Record<string, unknown>, secrets: SecretResolver | undefined): Promise<ObjectDrift[]> {
  const { model } = loaded;
  const files = { server: secretFile('server', model.secrets.format), workers: secretFile('workers', model.secrets.format) };
  const objects: ObjectDrift[] = [];
  const secret = async (name: string, namespace: string, file: string, keys: readonly string[], local: ReadonlyMap<string, LocalValue>) => {
    const live = await cluster.readSecretData(namespace, name);
    objects.push({ kind: 'Secret', name, namespace, file, present: live !== undefined, keys: live ? checkSecretKeys(keys, live, local) : [] });
  };
  const serverEntries = secretEntries(model);
  await secret(
    model.secretName,
    model.release.namespace,
    files.server,
    serverEntries.map((e) => e.key),
    await localValues(serverEntries, loaded.file, secrets, (e) => keyOrigin(model, e)),
  );
  // Render without secrets still writes every ConfigMap and the NetworkPolicy.
  for (const file of renderForChart(model, { userValues, clusterJwks: loadClusterJwks(loaded) }, undefined).files) {
    if (file.output.format !== 'yaml') continue;
    for (const doc of parseAllDocuments(file.content).map((d) => d.toJS() as Manifest | null)) {
      const name = doc?.metadata?.name;
      const namespace = doc?.metadata?.namespace ?? model.release.namespace;
      if (!doc || typeof name !== 'string') continue;
      if (doc.kind === 'ConfigMap') {
        const live = await cluster.readConfigMapData(namespace, name);
        objects.push({ kind: 'ConfigMap', name, namespace, file: file.name, present: live !== undefined, changes: live ? compareConfigMapData(doc.data ?? {}, live) : [] });
      } else if (doc.kind === 'NetworkPolicy') {
        const live = await cluster.readNetworkPolicySpec(namespace, name);
        const changes: ValueChange[] = [];
        if (live) deepChanges('spec', defaultedNetworkPolicySpec(doc.spec ?? {}), live, changes);
        objects.push({ kind: 'NetworkPolicy', name, namespace, file: file.name, present: live !== undefined, changes });
      }
    }
  }
  for (const { worker, index } of workersWithSecrets(model)) {
    const entries = workerSecretEntries(model, worker, index);
    await secret(
      worker.secret.name,
      worker.secret.namespace,
      files.workers,
      entries.map((e) => e.key),
      await localValues(entries, loaded.file, secrets, (e) => workerKeyOrigin(model, worker, e)),
    );
  }
  return objects;
}

interface Manifest {
  kind?: string;
  metadata?: { name?: unknown; namespace?: string };
  data?: Record<string, unknown>;
  spec?: Record<string, unknown>;
}

/**
 * Whether the cluster runs what the spec says: the values render would emit
 * against the release's user-supplied values, on the paths temporal-auth owns
 * (with `values`, the user's own values as render takes them, every entry of
 * the lists render writes), and every object render writes: the auth Secret
 * and the worker Secrets (keys, values by hash), the policy ConfigMap and the
 * Web UI's config (content), the NetworkPolicy. Secret values are never returned.
 */
export async function diff(input: Input | LoadedSpec, options: DiffOptions): Promise<DiffReport> {
  checkSpecInput('diff', input);
  checkOptions('diff', options, specOptionFields('live: { values, label? } or { cluster: { kubeconfig?, context?, timeoutMs?, release?, namespace?, driver? } }, secrets?'), ['live']);
  const given: unknown = options.live;
  if (!(isRecord(given) && ('values' in given ? isRecord(given.values) : 'cluster' in given && isRecord(given.cluster)))) {
    throw new TypeError(`diff: options.live must be { values: object, label? } or { cluster: object }; got ${describeValue(given)}`);
  }
  if (options.secrets !== undefined) checkResolver('diff', options.secrets, 'options.secrets', false);
  const loaded = await loadSpec(input, options);
  const { model } = loaded;
  const userValues = loaded.userValues?.data as Record<string, unknown> | undefined;
  const target = model.chart.chartVersion;
  const live = options.live;
  if ('values' in live) {
    let changes;
    try {
      changes = compareValues(model, live.values, userValues);
    } catch (err) {
      if (err instanceof ValuesTooDeepError) throw new InputError('values-too-deep', `values ${err.message}; pass the output of \`helm get values RELEASE -o yaml\``);
      throw err;
    }
    return buildReport({ source: { kind: 'file', path: live.label ?? '<values>' }, chart: { target, mismatch: false }, changes, objects: [] });
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
    let changes;
    try {
      changes = compareValues(model, release.config, userValues);
    } catch (err) {
      if (err instanceof ValuesTooDeepError)
        throw new ClusterError('corrupt', `release ${name} in namespace ${namespace}, revision ${release.revision}: ${err.message}; temporal-auth does not compare it`);
      throw err;
    }
    return buildReport({
      source: { kind: 'release', name, namespace, revision: release.revision, driver, server: cluster.server },
      chart: { target, live: release.chartVersion, mismatch: release.chartVersion !== undefined && release.chartVersion !== target },
      changes,
      // The release's values stand in for the user's where they shape an object (the NetworkPolicy's selectors and ports).
      objects: await liveObjects(cluster, loaded, userValues ?? release.config, options.secrets),
    });
  } catch (err) {
    // A kubeconfig the user named that cannot be used is bad input; anything the cluster did is a cluster error.
    if (err instanceof ClusterError) throw err.kind === 'config' ? new InputError('kubeconfig-unusable', err.message) : new ClusterReadError(err.kind, err.message);
    throw err;
  }
}
