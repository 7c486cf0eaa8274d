import type { LintRule, RuleHit } from './rule.js';

// Two entries for one client would be merged to the stronger role per
// namespace, which neither entry says: refuse the second.
export const duplicateWorker: LintRule = {
  id: 'duplicate-worker',
  severity: 'error',
  summary: 'Two worker clients share a name or a client ID.',
  check: ({ spec }) => {
    const hits: RuleHit[] = [];
    const names = new Map<string, number>();
    const ids = new Map<string, number>();
    (spec.clients.workers ?? []).forEach((w, i) => {
      const sameName = names.get(w.name);
      if (sameName !== undefined) {
        hits.push({ path: ['clients', 'workers', i, 'name'], message: `worker name "${w.name}" is already used by clients.workers[${sameName}]; give each worker its own name` });
      } else names.set(w.name, i);
      if (w.clientId === undefined) return; // a service-account worker: rule worker-identity
      const sameId = ids.get(w.clientId);
      if (sameId !== undefined) {
        hits.push({
          path: ['clients', 'workers', i, 'clientId'],
          message: `client ID "${w.clientId}" is already declared by clients.workers[${sameId}]; merge the two entries' grants into one`,
        });
      } else ids.set(w.clientId, i);
    });
    return hits;
  },
};
