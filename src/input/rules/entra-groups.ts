import type { LintRule } from './rule.js';

export const entraGroups: LintRule = {
  id: 'entra-groups',
  severity: 'warning',
  summary: 'Entra ID puts group object IDs (GUIDs) in tokens and drops the claim above 200 groups.',
  // Granting by app roles (claims.groups: roles) avoids both problems.
  check: ({ spec }) =>
    spec.issuer.provider === 'entra' && spec.issuer.claims?.groups !== 'roles'
      ? [
          {
            path: ['issuer', 'provider'],
            message: 'Entra ID emits group object IDs (GUIDs), not names, and replaces the groups claim with _claim_names above 200 groups; grant by GUID, or use app roles (claims.groups: roles)',
          },
        ]
      : [],
};
