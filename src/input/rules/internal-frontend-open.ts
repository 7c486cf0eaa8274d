import type { LintRule } from './rule.js';

/** Whether the user's values turn on internode mTLS with client certificates. */
function internodeMtls(values: unknown): boolean {
  const server = (values as { server?: { config?: { tls?: { internode?: { server?: { requireClientAuth?: unknown } } } } } } | null)?.server;
  return server?.config?.tls?.internode?.server?.requireClientAuth === true;
}

// The internal frontend gives System Admin to any caller; Temporal relies on
// internode mTLS to keep others out. Without it, only a NetworkPolicy does.
export const internalFrontendOpen: LintRule = {
  id: 'internal-frontend-open',
  severity: 'warning',
  summary: 'The internal frontend (System Admin for any caller) is protected by neither internode mTLS nor the NetworkPolicy.',
  check: ({ spec, userValues }) => {
    const f = spec.server?.internalFrontend;
    if (f?.enabled === false || f?.networkPolicy !== false || internodeMtls(userValues?.data)) return [];
    return [
      {
        path: ['server', 'internalFrontend', 'networkPolicy'],
        message:
          'any pod that reaches the internal frontend gets System Admin: keep networkPolicy: true, or turn on internode mTLS (server.config.tls.internode.server.requireClientAuth) and pass those values with --values',
      },
    ];
  },
};
