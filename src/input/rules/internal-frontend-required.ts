import type { LintRule } from './rule.js';

// Without the internal frontend, Temporal's own system worker calls the
// authenticated frontend with no token and fails with "Request unauthorized".
export const internalFrontendRequired: LintRule = {
  id: 'internal-frontend-required',
  severity: 'error',
  summary: 'Authorization is on but server.internalFrontend.enabled is false.',
  check: ({ spec }) =>
    spec.server?.internalFrontend?.enabled === false
      ? [
          {
            path: ['server', 'internalFrontend', 'enabled'],
            message: 'authorization needs the internal frontend: without it the system worker fails with "Request unauthorized"; set enabled: true',
          },
        ]
      : [],
};
