import type { LintRule, RuleHit } from './rule.js';

/** The default name of a worker's Secret; the model uses the same (src/model/model.ts, workerSecretName). */
const defaultName = (worker: string) => `temporal-auth-worker-${worker}`;

// Two Secrets with one name in one namespace: the second apply overwrites the
// first, and a worker (or the server) silently reads another client's credentials.
export const workerSecretName: LintRule = {
  id: 'worker-secret-name',
  severity: 'error',
  summary: "A worker's Secret has the name of the server's Secret or of another worker's Secret in the same namespace.",
  check: ({ spec }) => {
    const hits: RuleHit[] = [];
    const taken = new Map<string, string>([[`${spec.release.namespace}/${spec.secrets?.name ?? 'temporal-auth-secrets'}`, 'the server Secret (secrets.name)']]);
    (spec.clients.workers ?? []).forEach((w, i) => {
      if (w.clientSecret === undefined) return;
      const name = w.secret?.name ?? defaultName(w.name);
      const key = `${w.secret?.namespace ?? spec.release.namespace}/${name}`;
      const other = taken.get(key);
      if (other !== undefined) {
        hits.push({
          path: w.secret?.name !== undefined ? ['clients', 'workers', i, 'secret', 'name'] : ['clients', 'workers', i, 'name'],
          message: `worker ${w.name}'s Secret ${key} is also ${other}; one would overwrite the other: give clients.workers[${i}].secret.name another name`,
        });
      } else taken.set(key, `clients.workers[${i}]'s Secret`);
    });
    return hits;
  },
};
