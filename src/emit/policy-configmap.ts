import type { ClusterJwks } from '../input/cluster-jwks.js';
import type { AuthModel } from '../model/model.js';
import { policyJson } from '../policy/compile.js';
import { managedLabels } from './labels.js';

/** ConfigMap key the groups-claim env var reads, beside the policy file. */
export const GROUPS_CLAIM_KEY = 'groups_claim';

/** ConfigMap key of the cluster's JWKS (workload identity, cluster.jwks.source: file), beside the policy file: TEMPORAL_AUTH_CLUSTER_JWKS_FILE points at it. */
export const CLUSTER_JWKS_KEY = 'cluster-jwks.json';

/** The JWKS as the server reads it: JSON, two-space indented, one final newline. */
export const clusterJwksJson = (jwks: ClusterJwks) => `${JSON.stringify({ keys: jwks.keys }, null, 2)}\n`;

/**
 * custom mode: the ConfigMap that is mounted into every server pod. In
 * file mode of workload identity it carries the cluster's JWKS (read at
 * render time: src/input/cluster-jwks.ts) as a second key.
 */
export function emitPolicyConfigMap(model: AuthModel, clusterJwks?: ClusterJwks) {
  const fileMode = model.cluster?.jwks.source === 'file';
  if (fileMode && !clusterJwks) throw new Error("internal: cluster.jwks.source is file, and the cluster's JWKS was not read");
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: model.policy.configMapName, namespace: model.release.namespace, labels: managedLabels(model) },
    data: {
      [GROUPS_CLAIM_KEY]: model.issuer.groupsClaim ?? 'groups',
      [model.policy.fileName]: policyJson(model),
      ...(fileMode && clusterJwks ? { [CLUSTER_JWKS_KEY]: clusterJwksJson(clusterJwks) } : {}),
    },
  };
}
