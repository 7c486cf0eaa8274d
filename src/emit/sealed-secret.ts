import type { KeyObject } from 'node:crypto';
import type { AuthModel } from '../model/model.js';
import type { SecretKey } from '../secrets/keys.js';
import { sealLabel } from '../secrets/seal.js';
import { type PreviousSealed, sealValues } from '../secrets/seal-reuse.js';
import { managedLabels } from './labels.js';

const SCOPE_ANNOTATION = {
  strict: undefined,
  'namespace-wide': 'sealedsecrets.bitnami.com/namespace-wide',
  'cluster-wide': 'sealedsecrets.bitnami.com/cluster-wide',
} as const;

/**
 * sealed-secret format: the Secret's values encrypted for the sealed-secrets controller. A value
 * is sealed afresh (new session key) unless an earlier render sealed the same value for the same
 * controller key and target (src/secrets/seal-reuse.ts: needs secrets.rolloutKey).
 */
export function emitSealedSecret(model: AuthModel, values: ReadonlyMap<SecretKey, string>, key: KeyObject, reuse: { rolloutKey?: string; previous?: PreviousSealed } = {}) {
  const scope = model.secrets.sealedScope;
  const label = sealLabel(scope, model.release.namespace, model.secretName);
  const annotation = SCOPE_ANNOTATION[scope];
  const annotations = annotation ? { [annotation]: 'true' } : undefined;
  const sealed = sealValues(key, label, { namespace: model.release.namespace, name: model.secretName }, values, reuse);
  const own = { ...annotations, ...sealed.annotations };
  return {
    apiVersion: 'bitnami.com/v1alpha1',
    kind: 'SealedSecret',
    metadata: { name: model.secretName, namespace: model.release.namespace, labels: managedLabels(model), ...(Object.keys(own).length ? { annotations: own } : {}) },
    spec: {
      encryptedData: sealed.encryptedData,
      template: {
        type: 'Opaque',
        metadata: { name: model.secretName, namespace: model.release.namespace, labels: managedLabels(model), ...(annotations ? { annotations } : {}) },
      },
    },
  };
}
