import type { LintRule, RuleHit } from './rule.js';

// Every Web UI user's token names the UI's client (azp, cid, client_id): a
// worker entry with that client ID would hand its grants to every UI user.
export const workerIsWebClient: LintRule = {
  id: 'worker-is-web-client',
  severity: 'error',
  summary: "A worker client uses the Web UI's client ID, so every UI user would get the worker's grants.",
  check: ({ spec }) => {
    const web = spec.clients.web.clientId;
    const hits: RuleHit[] = [];
    (spec.clients.workers ?? []).forEach((w, i) => {
      if (w.clientId === web) {
        hits.push({
          path: ['clients', 'workers', i, 'clientId'],
          message: `"${w.clientId}" is also clients.web.clientId: every Web UI user's token names that client, so every user would get this worker's grants; register a separate client for the worker at the identity provider`,
        });
      }
    });
    return hits;
  },
};
