import type { KeyObject } from 'node:crypto';
import type { AuthModel } from '../model/model.js';
import type { SecretKey } from '../secrets/keys.js';
import { sealLabel, sealValue } from '../secrets/seal.js';
import { managedLabels } from './labels.js';

const SCOPE_ANNOTATION = {
  strict: undefined,
  'namespace-wide': 'sealedsecrets.bitnami.com/namespace-wide',
  'cluster-wide': 'sealedsecrets.bitnami.com/cluster-wide',
} as const;

/** sealed-secret format: the Secret's values encrypted for the sealed-secrets controller. Not deterministic: fresh keys per value. */
export function emitSealedSecret(model: AuthModel, values: ReadonlyMap<SecretKey, string>, key: KeyObject) {
  const scope = model.secrets.sealedScope;
  const label = sealLabel(scope, model.release.namespace, model.secretName);
  const annotation = SCOPE_ANNOTATION[scope];
  const annotations = annotation ? { [annotation]: 'true' } : undefined;
  return {
    apiVersion: 'bitnami.com/v1alpha1',
    kind: 'SealedSecret',
    metadata: { name: model.secretName, namespace: model.release.namespace, labels: managedLabels(model), ...(annotations ? { annotations } : {}) },
    spec: {
      encryptedData: Object.fromEntries([...values].map(([k, v]) => [k, sealValue(key, label, v)])),
      template: {
        type: 'Opaque',
        metadata: { name: model.secretName, namespace: model.release.namespace, labels: managedLabels(model), ...(annotations ? { annotations } : {}) },
      },
    },
  };
}
