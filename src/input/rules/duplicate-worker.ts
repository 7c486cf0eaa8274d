import type { LintRule, RuleHit } from './rule.js';

// Two entries for one client would be merged to the stronger role per
// namespace, which neither entry says: refuse the second.
export const duplicateWorker: LintRule = {
  id: 'duplicate-worker',
  severity: 'error',
  summary: 'Two worker clients share a name, a client ID or a service account.',
  check: ({ spec }) => {
    const hits: RuleHit[] = [];
    const names = new Map<string, number>();
    const ids = new Map<string, number>();
    const accounts = new Map<string, number>();
    (spec.clients.workers ?? []).forEach((w, i) => {
      const sameName = names.get(w.name);
      if (sameName !== undefined) {
        hits.push({ path: ['clients', 'workers', i, 'name'], message: `worker name "${w.name}" is already used by clients.workers[${sameName}]; give each worker its own name` });
      } else names.set(w.name, i);
      if (w.serviceAccount !== undefined) {
        // One token subject, system:serviceaccount:<namespace>:<name>, maps to one worker.
        const account = `${w.serviceAccount.namespace ?? spec.release.namespace}/${w.serviceAccount.name}`;
        const sameAccount = accounts.get(account);
        if (sameAccount !== undefined) {
          hits.push({
            path: ['clients', 'workers', i, 'serviceAccount', 'name'],
            message: `service account ${account} is already clients.workers[${sameAccount}]'s; its token maps to one worker: merge the two entries' grants into one, or give each worker its own service account`,
          });
        } else accounts.set(account, i);
      }
      if (w.clientId === undefined) return; // neither, or a service account: rule worker-identity
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
