import { chartReads, type Values } from './chart-addresses.js';
import type { LintRule, RuleHit } from './rule.js';

// Temporal refuses to start with both (common/config: "when using
// internal-frontend, publicClient must be empty"): the server's own clients
// reach the cluster through the internal frontend instead.
export const publicClientInternalFrontend: LintRule = {
  id: 'public-client-internal-frontend',
  severity: 'error',
  summary: "Your values set server.publicClientHostPort (or the config's publicClient) while the internal frontend is on: the server refuses to start.",
  check: ({ spec, userValues, chart }) => {
    if (!userValues || spec.server?.internalFrontend?.enabled === false) return [];
    const server = (userValues.data as Values | null)?.server;
    const hits: RuleHit[] = [];
    const why =
      'with the internal frontend on, Temporal refuses to start when publicClient is set ("when using internal-frontend, publicClient must be empty"); its own clients use the internal frontend';
    if (typeof server?.publicClientHostPort === 'string' && server.publicClientHostPort !== '' && chartReads(chart, 'server.publicClientHostPort')) {
      hits.push({ in: 'values', path: ['server', 'publicClientHostPort'], at: 'key', message: `${why}; remove server.publicClientHostPort` });
    }
    if (server?.config && typeof server.config === 'object' && Object.hasOwn(server.config, 'publicClient') && server.config.publicClient != null) {
      hits.push({ in: 'values', path: ['server', 'config', 'publicClient'], at: 'key', message: `${why}; remove server.config.publicClient` });
    }
    return hits;
  },
};
