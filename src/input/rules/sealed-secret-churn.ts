import type { LintRule } from './rule.js';

// Without secrets.rolloutKey a SealedSecret cannot tell an unchanged value from a changed one
// (src/secrets/seal-reuse.ts), so each render re-encrypts every value: a GitOps repository gets
// a commit from every CI run although nothing changed.
export const sealedSecretChurn: LintRule = {
  id: 'sealed-secret-churn',
  severity: 'warning',
  summary: 'The sealed-secret format without secrets.rolloutKey: every render re-encrypts every value, so unchanged secrets still change the files.',
  check: ({ spec }) =>
    spec.secrets?.format === 'sealed-secret' && spec.secrets.rolloutKey === undefined
      ? [
          {
            path: ['secrets', 'format'],
            message:
              'every render seals every value afresh, so sealed-secret.yaml changes on each run although nothing did; set secrets.rolloutKey (a secret source of `openssl rand -hex 32`) and unchanged values keep their ciphertext',
          },
        ]
      : [],
};
