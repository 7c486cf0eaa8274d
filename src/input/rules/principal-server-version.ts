import { effectiveServerVersion, PRINCIPAL_PROPAGATION_SINCE, serverSupportsPrincipalPropagation } from '../../temporal/versions.js';
import type { LintRule } from './rule.js';

// render turns on frontend.enablePrincipalPropagation for principal; a server
// whose dynamic config does not know the key ignores it, and history records nothing.
export const principalServerVersion: LintRule = {
  id: 'principal-server-version',
  severity: 'error',
  summary: `principal needs server ${PRINCIPAL_PROPAGATION_SINCE} or later (dynamic config frontend.enablePrincipalPropagation).`,
  check: ({ spec, chart }) => {
    const auth = spec.server?.authorization;
    if (!auth?.principal || auth.mode === 'builtin') return [];
    const version = effectiveServerVersion(spec, chart);
    if (!version || serverSupportsPrincipalPropagation(version)) return [];
    return [
      {
        path: ['server', 'authorization', 'principal'],
        at: 'key',
        message: `server ${version} does not know the dynamic config frontend.enablePrincipalPropagation (added in ${PRINCIPAL_PROPAGATION_SINCE}), so history would record no principal: run a custom-auth image built on ${PRINCIPAL_PROPAGATION_SINCE} or later (server.image.tag, server.version), or remove principal`,
      },
    ];
  },
};
