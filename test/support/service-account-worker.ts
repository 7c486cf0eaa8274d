import { exampleData } from '../helpers.js';

/**
 * examples/okta.yaml with the cluster's service-account issuer and a second
 * worker, billing-worker, that authenticates with its Kubernetes service
 * account billing/billing (Deployment billing, container worker) and has no
 * client ID or secret: what the worker snippets' tests render.
 */
export function serviceAccountWorkerSpec(): Record<string, any> {
  const spec = exampleData('okta');
  spec.cluster = { issuer: 'https://kubernetes.default.svc.cluster.local', audience: 'temporal.acme.example' };
  spec.clients.workers.push({
    name: 'billing-worker',
    serviceAccount: { namespace: 'billing', name: 'billing', deployment: 'billing', container: 'worker' },
    grants: { payroll: 'read', 'bitovi-project': 'write' },
  });
  return spec;
}
