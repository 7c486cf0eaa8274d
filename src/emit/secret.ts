import type { AuthModel } from '../model/model.js';
import type { SecretKey } from '../secrets/keys.js';
import { managedLabels } from './labels.js';

/** The auth Secret, from values already resolved (see secrets/resolve.ts). */
export function emitSecret(model: AuthModel, values: ReadonlyMap<SecretKey, string>) {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: { name: model.secretName, namespace: model.release.namespace, labels: managedLabels(model) },
    data: Object.fromEntries([...values].map(([key, value]) => [key, Buffer.from(value, 'utf8').toString('base64')])),
  };
}
