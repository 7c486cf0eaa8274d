import { systemScopeName } from '../../temporal/roles.js';
import { effectiveServerVersion } from '../../temporal/versions.js';
import type { LintRule } from './rule.js';

// Temporal's default claim mapper reads `temporal-system:ROLE` (`system:` before
// 1.21) as the SYSTEM role, which the authorizer applies to every namespace:
// a namespace by that name would widen a grant from one namespace to all.
export const systemScopeNamespace: LintRule = {
  id: 'system-scope-namespace',
  severity: 'error',
  summary: 'Builtin mode: a namespace named like the system scope (`temporal-system`) would grant the system role on every namespace.',
  check: ({ spec, chart }) => {
    if (spec.server?.authorization?.mode !== 'builtin') return [];
    const scope = systemScopeName(effectiveServerVersion(spec, chart) ?? '1.31.0');
    if (!Object.hasOwn(spec.namespaces, scope)) return [];
    return [
      {
        path: ['namespaces', scope],
        at: 'key',
        message: `the identity provider would emit "${scope}:ROLE", which Temporal's claim mapper reads as the system role on every namespace; grant system-wide access under system.grants, or remove this namespace`,
      },
    ];
  },
};
