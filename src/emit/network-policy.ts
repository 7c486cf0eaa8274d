import type { AuthModel } from '../model/model.js';
import { managedLabels } from './labels.js';

/**
 * The internal frontend gives System Admin to every caller and relies on
 * internode mTLS. Without mTLS this policy is what keeps other pods (the Web
 * UI included) away from it: only the release's own server pods, admin tools
 * and the namespace job may connect.
 */
export function emitNetworkPolicy(model: AuthModel, userValues?: unknown) {
  const labels = model.chart.podLabels;
  // The user's values may rename the chart or move the ports; the selectors must follow.
  const theirs = (userValues ?? {}) as { nameOverride?: unknown; server?: Record<string, { service?: Record<string, unknown> } | undefined> };
  const chartName = typeof theirs.nameOverride === 'string' && theirs.nameOverride !== '' ? theirs.nameOverride : 'temporal';
  const service = theirs.server?.[model.chart.internalFrontendKey]?.service ?? {};
  const port = (key: string, fallback: number) => (typeof service[key] === 'number' ? (service[key] as number) : fallback);
  const ports = {
    grpc: port('port', model.chart.internalFrontendPorts.grpc),
    http: port('httpPort', model.chart.internalFrontendPorts.http),
    membership: port('membershipPort', model.chart.internalFrontendPorts.membership),
  };
  const release = { [labels.name]: chartName, [labels.instance]: model.release.name };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `${model.release.name}-internal-frontend`, namespace: model.release.namespace, labels: managedLabels(model) },
    spec: {
      podSelector: { matchLabels: { ...release, [labels.component]: 'internal-frontend' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              podSelector: {
                matchLabels: release,
                matchExpressions: [{ key: labels.component, operator: 'In', values: [...labels.serverComponents, labels.admintoolsComponent, labels.jobComponent] }],
              },
            },
          ],
          ports: [
            { protocol: 'TCP', port: ports.grpc },
            { protocol: 'TCP', port: ports.http },
            { protocol: 'TCP', port: ports.membership },
          ],
        },
      ],
    },
  };
}
