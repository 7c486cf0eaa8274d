import type { LintRule } from './rule.js';

// Auth0 only lets Actions add custom claims under a namespaced (URL) name.
export const auth0NamespacedClaim: LintRule = {
  id: 'auth0-namespaced-claim',
  severity: 'warning',
  summary: 'Auth0 groups or permissions claim is not a namespaced URL name.',
  check: ({ spec }) => {
    if (spec.issuer.provider !== 'auth0') return [];
    const groups = spec.issuer.claims?.groups;
    if (groups === undefined || /^https?:\/\//.test(groups)) return [];
    return [
      {
        path: ['issuer', 'claims', 'groups'],
        message: `Auth0 custom claims must be namespaced URLs: name it like https://your-app.example/${groups} in your Action and here`,
      },
    ];
  },
};
