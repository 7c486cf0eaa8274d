import type { KeyObject } from 'node:crypto';
import { Document } from 'yaml';
import type { AuthModel, WorkerModel } from '../model/model.js';
import { type WorkerSecretKey, workerKeyOrigin, workerSecretEntries, workersWithSecrets } from '../secrets/keys.js';
import { sealLabel } from '../secrets/seal.js';
import { type PreviousSealed, sealValues } from '../secrets/seal-reuse.js';
import { goTemplateLiteral } from './external-secret.js';
import { managedLabels } from './labels.js';

/**
 * One Secret per worker client with a client secret, for the worker's own
 * Deployment (`envFrom: [{ secretRef: { name } }]`), in the worker's
 * namespace. The same three formats and guarantees as the server's Secret:
 * a plain Secret from values already resolved (mode 0600, never printed), an
 * ExternalSecret that names store properties and holds no value, or a
 * SealedSecret whose values only the controller can decrypt.
 */

function workerLabels(model: AuthModel, worker: WorkerModel): Record<string, string> {
  return { ...managedLabels(model), 'temporal-auth/worker': worker.name };
}

function metadata(model: AuthModel, worker: WorkerModel) {
  return { name: worker.secret.name, namespace: worker.secret.namespace, labels: workerLabels(model, worker) };
}

/** Plain v1 Secrets, from each worker's resolved values (see resolveSecretValues). */
export function emitWorkerSecrets(model: AuthModel, values: ReadonlyMap<string, ReadonlyMap<WorkerSecretKey, string>>) {
  return workersWithSecrets(model).map(({ worker, index }) => {
    const resolved = values.get(worker.name);
    if (!resolved) throw new Error(`internal: no values for worker ${worker.name}'s Secret`);
    // Key order is the entries' order, whatever order the values were read in.
    const data = workerSecretEntries(model, worker, index).map((e) => {
      const value = resolved.get(e.key);
      if (value === undefined) throw new Error(`internal: no value for ${e.key} of worker ${worker.name}`);
      return [e.key, Buffer.from(value, 'utf8').toString('base64')] as const;
    });
    return { apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: metadata(model, worker), data: Object.fromEntries(data) };
  });
}

/** external-secret format: the client secret from the store, the rest as template literals. No value is written. */
export function emitWorkerExternalSecrets(model: AuthModel) {
  const settings = model.secrets.externalSecret;
  if (!settings) throw new Error('internal: external-secret format without secrets.externalSecret');
  return workersWithSecrets(model).map(({ worker, index }) => {
    const data: { secretKey: string; remoteRef: { key: string; property: string } }[] = [];
    const literals: Record<string, string> = {};
    for (const entry of workerSecretEntries(model, worker, index)) {
      const origin = workerKeyOrigin(model, worker, entry);
      if (origin.kind === 'literal') literals[entry.key] = goTemplateLiteral(origin.value);
      else if (origin.kind === 'store') data.push({ secretKey: entry.key, remoteRef: { key: origin.remoteKey, property: origin.property } });
    }
    return {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: metadata(model, worker),
      spec: {
        refreshInterval: settings.refreshInterval,
        secretStoreRef: { name: settings.storeName, kind: settings.storeKind },
        target: {
          name: worker.secret.name,
          creationPolicy: 'Owner',
          template: { engineVersion: 'v2', mergePolicy: 'Merge', metadata: { labels: workerLabels(model, worker) }, data: literals },
        },
        data,
      },
    };
  });
}

const SCOPE_ANNOTATION = {
  strict: undefined,
  'namespace-wide': 'sealedsecrets.bitnami.com/namespace-wide',
  'cluster-wide': 'sealedsecrets.bitnami.com/cluster-wide',
} as const;

/** sealed-secret format: each worker Secret's values sealed for its own name and namespace (secrets.sealedSecret.scope); unchanged values keep their ciphertext (emitSealedSecret). */
export function emitWorkerSealedSecrets(
  model: AuthModel,
  values: ReadonlyMap<string, ReadonlyMap<WorkerSecretKey, string>>,
  key: KeyObject,
  reuse: { rolloutKey?: string; previous?: PreviousSealed } = {},
) {
  const scope = model.secrets.sealedScope;
  const annotation = SCOPE_ANNOTATION[scope];
  const annotations = annotation ? { annotations: { [annotation]: 'true' } } : {};
  return workersWithSecrets(model).map(({ worker, index }) => {
    const resolved = values.get(worker.name);
    if (!resolved) throw new Error(`internal: no values for worker ${worker.name}'s Secret`);
    const label = sealLabel(scope, worker.secret.namespace, worker.secret.name);
    const entries = workerSecretEntries(model, worker, index).map((e) => {
      const value = resolved.get(e.key);
      if (value === undefined) throw new Error(`internal: no value for ${e.key} of worker ${worker.name}`);
      return [e.key, value] as const;
    });
    const sealed = sealValues(key, label, { namespace: worker.secret.namespace, name: worker.secret.name }, entries, reuse);
    const own = { ...annotations.annotations, ...sealed.annotations };
    return {
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata: { ...metadata(model, worker), ...(Object.keys(own).length ? { annotations: own } : {}) },
      spec: { encryptedData: sealed.encryptedData, template: { type: 'Opaque', metadata: { ...metadata(model, worker), ...annotations } } },
    };
  });
}

/** Several documents in one file, each serialised like toYaml. */
export function toYamlStream(docs: unknown[], header?: string): string {
  return docs
    .map((data, i) => {
      const doc = new Document(data);
      if (header && i === 0) doc.commentBefore = header;
      return doc.toString({ lineWidth: 0, minContentWidth: 0 });
    })
    .join('---\n');
}
