import type { LintRule, RuleHit } from './rule.js';

/** The control plane's namespaces: Kubernetes' own components run there, never a Temporal release's workers. */
export const CONTROL_PLANE_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease'];

// A service account there is the control plane's (or a typo'd copy of one):
// granting it Temporal roles would hand them to whatever runs as it.
export const serviceAccountNamespace: LintRule = {
  id: 'service-account-namespace',
  severity: 'error',
  summary: "A worker's service account is in kube-system, kube-public or kube-node-lease, the control plane's namespaces.",
  check: ({ spec }) => {
    const hits: RuleHit[] = [];
    (spec.clients.workers ?? []).forEach((w, i) => {
      const namespace = w.serviceAccount?.namespace ?? (w.serviceAccount ? spec.release.namespace : undefined);
      if (namespace === undefined || !CONTROL_PLANE_NAMESPACES.includes(namespace)) return;
      hits.push({
        path: w.serviceAccount?.namespace !== undefined ? ['clients', 'workers', i, 'serviceAccount', 'namespace'] : ['release', 'namespace'],
        message: `worker ${w.name}'s service account is in ${namespace}, a namespace of the Kubernetes control plane, where no Temporal worker runs; use the namespace the worker's Deployment runs in`,
      });
    });
    return hits;
  },
};
