import type { AuthModel } from '../model/model.js';
import { managedLabels } from './labels.js';

/** The port Temporal serves Prometheus metrics on, and the chart annotates for scraping (prometheus.io/port). */
export const METRICS_PORT = 9090;

/**
 * The internal frontend gives System Admin to every caller and relies on
 * internode mTLS. Without mTLS this policy is what keeps other pods (the Web
 * UI included) away from it: only the release's own server pods, admin tools
 * and the namespace job may connect. The metrics port is admitted separately,
 * from where Prometheus runs (`metricsFrom`; by default from anywhere: metrics
 * grant no access to Temporal, and the scraper's namespace is not known), so
 * the policy does not silently cut the internal frontend out of monitoring.
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
  // server.config.metrics.prometheus.listenAddress ("0.0.0.0:9090") moves the metrics port.
  const listen = (theirs.server?.config as { metrics?: { prometheus?: { listenAddress?: unknown } } } | undefined)?.metrics?.prometheus?.listenAddress;
  const listenPort = typeof listen === 'string' ? /:(\d+)$/.exec(listen)?.[1] : undefined;
  const metricsPort = listenPort ? Number(listenPort) : METRICS_PORT;
  const metricsFrom = model.internalFrontendMetricsFrom;
  const metricsRule: { from?: ReturnType<typeof peer>[]; ports: { protocol: string; port: number }[] }[] =
    metricsFrom === undefined
      ? [{ ports: [{ protocol: 'TCP', port: metricsPort }] }]
      : metricsFrom.length > 0
        ? [{ from: metricsFrom.map(peer), ports: [{ protocol: 'TCP', port: metricsPort }] }]
        : [];
  const release = { [labels.name]: chartName, [labels.instance]: model.release.name };
  const ownPods = {
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
  };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `${model.release.name}-internal-frontend`, namespace: model.release.namespace, labels: managedLabels(model) },
    spec: {
      podSelector: { matchLabels: { ...release, [labels.component]: 'internal-frontend' } },
      policyTypes: ['Ingress'],
      // The release's own pods first (tests and readers find them at [0]), then the metrics port.
      ingress: [ownPods, ...metricsRule] as [typeof ownPods, ...typeof metricsRule],
    },
  };
}

/** A spec peer as a NetworkPolicyPeer: only the selectors given, each with its matchLabels. */
function peer(p: NonNullable<AuthModel['internalFrontendMetricsFrom']>[number]) {
  const selector = (s: { matchLabels?: Record<string, string | undefined> }) => (s.matchLabels ? { matchLabels: { ...s.matchLabels } } : {});
  return {
    ...(p.namespaceSelector ? { namespaceSelector: selector(p.namespaceSelector) } : {}),
    ...(p.podSelector ? { podSelector: selector(p.podSelector) } : {}),
  };
}
