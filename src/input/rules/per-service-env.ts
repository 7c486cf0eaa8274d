import { INTERNAL_FRONTEND_KEYS, SERVER_SERVICES } from '../../charts/services.js';
import type { LintRule, RuleHit } from './rule.js';

/**
 * The chart picks `server.<svc>.additionalEnv` INSTEAD of the global
 * `server.additionalEnv` when it is set (`default global perService`), so a
 * user's per-service list silently drops the auth variables for that service.
 */
export const perServiceEnv: LintRule = {
  id: 'per-service-env',
  severity: 'warning',
  summary: 'Your values set a per-service additionalEnv, which replaces the global env and would drop the auth variables.',
  check: ({ userValues }) => {
    if (!userValues) return [];
    const server = (userValues.data as { server?: Record<string, { additionalEnv?: unknown } | undefined> } | null)?.server;
    const hits: RuleHit[] = [];
    for (const svc of new Set([...SERVER_SERVICES, ...INTERNAL_FRONTEND_KEYS])) {
      const env = server?.[svc]?.additionalEnv;
      if (Array.isArray(env) && env.length > 0) {
        hits.push({
          in: 'values',
          path: ['server', svc, 'additionalEnv'],
          at: 'key',
          message: `server.${svc}.additionalEnv replaces server.additionalEnv for ${svc} pods and would drop the auth variables; render with the same --values so they are merged into it, or move these entries to server.additionalEnv`,
        });
      }
    }
    return hits;
  },
};
