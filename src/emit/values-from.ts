import type { AuthModel } from '../model/model.js';
import { managedLabels } from './labels.js';

/**
 * gitops.valuesFrom: values.auth.yaml's text as a ConfigMap (or Secret) under the key
 * `values.yaml`, for a Flux HelmRelease's `spec.valuesFrom` (helm-controller reads
 * `valuesKey`, default values.yaml). The same bytes as the values file, so the two never
 * disagree; in the release's namespace, where the HelmRelease must be to read it.
 */
export const VALUES_KEY = 'values.yaml';

export function emitValuesFrom(model: AuthModel, valuesText: string) {
  const from = model.valuesFrom;
  if (!from) return undefined;
  const metadata = { name: from.name, namespace: model.release.namespace, labels: managedLabels(model) };
  return from.kind === 'ConfigMap'
    ? { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { [VALUES_KEY]: valuesText } }
    : { apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata, data: { [VALUES_KEY]: Buffer.from(valuesText, 'utf8').toString('base64') } };
}
