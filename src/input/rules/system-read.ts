import type { LintRule } from './rule.js';

// ListNamespaces is cluster-scoped: the default authorizer checks the system
// role only, so namespace roles alone leave the Web UI's namespace list at 403.
// The custom-auth server allows the Web UI's cluster calls to anyone with read
// in some namespace (schemas/ui-calls.json): builtin mode only.
export const systemRead: LintRule = {
  id: 'system-read',
  severity: 'warning',
  summary: 'Builtin mode: nobody but admins has system read, so the Web UI namespace list fails for everyone else.',
  check: ({ spec }) => {
    if (spec.server?.authorization?.mode !== 'builtin') return [];
    const grants = spec.system?.grants ?? [];
    if (grants.some((g) => g.role === 'read' || g.role === 'write')) return [];
    return [
      {
        path: grants.length > 0 ? ['system', 'grants'] : ['system'],
        message:
          'no group has system read below admin: the Web UI namespace list (a cluster-scoped call) returns 403 for everyone else; grant role read to a broad group under system.grants (or use custom mode, whose server lets namespace readers load the Web UI)',
      },
    ];
  },
};
