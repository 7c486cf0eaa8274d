import type { LintRule, RuleHit } from './rule.js';

// Temporal's default authorizer checks read/write/admin; `worker` (bit 1)
// satisfies none of them, so a worker with only this role cannot even poll.
export const workerRoleBuiltin: LintRule = {
  id: 'worker-role-builtin',
  severity: 'warning',
  summary: 'Role `worker` in builtin mode (the default authorizer gives it nothing; workers need write).',
  check: ({ spec }) => {
    if (spec.server?.authorization?.mode !== 'builtin') return [];
    const message = "role worker grants nothing under Temporal's default authorizer (polling needs write); use write";
    const hits: RuleHit[] = [];
    for (const [ns, entry] of Object.entries(spec.namespaces)) {
      entry?.grants.forEach((g, i) => g.role === 'worker' && hits.push({ path: ['namespaces', ns, 'grants', i, 'role'], message }));
    }
    (spec.system?.grants ?? []).forEach((g, i) => g.role === 'worker' && hits.push({ path: ['system', 'grants', i, 'role'], message }));
    (spec.clients.workers ?? []).forEach((w, i) => {
      for (const [ns, role] of Object.entries(w.grants)) if (role === 'worker') hits.push({ path: ['clients', 'workers', i, 'grants', ns], message });
    });
    return hits;
  },
};
