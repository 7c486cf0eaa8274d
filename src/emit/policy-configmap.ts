import type { AuthModel } from '../model/model.js';
import { policyJson } from '../policy/compile.js';
import { managedLabels } from './labels.js';

/** ConfigMap key the groups-claim env var reads, beside the policy file. */
export const GROUPS_CLAIM_KEY = 'groups_claim';

/** custom mode: the ConfigMap that is mounted into every server pod. */
export function emitPolicyConfigMap(model: AuthModel) {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: model.policy.configMapName, namespace: model.release.namespace, labels: managedLabels(model) },
    data: {
      [GROUPS_CLAIM_KEY]: model.issuer.groupsClaim ?? 'groups',
      [model.policy.fileName]: policyJson(model),
    },
  };
}
