import type { LintRule, RuleHit } from './rule.js';

// A worker is one identity: an OAuth client (clientId, with its secret) or a
// service account of this cluster. Both would grant it two ways (a leaked
// client secret would still open what the service account's token does);
// neither would map to nothing at all. The OAuth client's settings mean
// nothing to a service account, and a secret kept for it would be one to leak.
export const workerIdentity: LintRule = {
  id: 'worker-identity',
  severity: 'error',
  summary: 'A worker client has both a clientId and a serviceAccount, or neither; or a serviceAccount worker sets clientSecret, scopes or secret.',
  check: ({ spec }) => {
    const hits: RuleHit[] = [];
    (spec.clients.workers ?? []).forEach((w, i) => {
      const at = ['clients', 'workers', i];
      if (w.clientId === undefined && w.serviceAccount === undefined) {
        hits.push({
          path: [...at, 'name'],
          message: `worker ${w.name} has neither a clientId nor a serviceAccount, so no token maps to it; set serviceAccount { name } for a worker in this cluster, or clientId (an OAuth client) with its clientSecret`,
        });
        return;
      }
      if (w.serviceAccount === undefined) return;
      if (w.clientId !== undefined) {
        hits.push({
          path: [...at, 'clientId'],
          at: 'key',
          message: `worker ${w.name} has both a clientId and a serviceAccount: one worker granted two ways; keep serviceAccount for a worker in this cluster (remove clientId and clientSecret), or clientId alone`,
        });
        return;
      }
      for (const key of ['clientSecret', 'scopes', 'secret'] as const) {
        // secret defaults to {} (the schema's default): only settings in it are a finding.
        if (w[key] === undefined || (key === 'secret' && Object.keys(w.secret ?? {}).length === 0)) continue;
        hits.push({
          path: [...at, key],
          at: 'key',
          message: `worker ${w.name} authenticates with its service account, which has no ${key === 'scopes' ? 'OAuth scopes' : key === 'secret' ? 'Secret' : 'client secret'}: remove ${key}`,
        });
      }
    });
    return hits;
  },
};
