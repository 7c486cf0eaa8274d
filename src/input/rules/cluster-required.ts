import type { LintRule, RuleHit } from './rule.js';

// A service-account worker's token is checked against the cluster's issuer:
// without `cluster` the server knows none and refuses every such worker.
// Temporal's stock server (builtin mode) knows one issuer, the identity
// provider's. And the JWKS source: `file` needs the file, and a file with
// the apiServer source would be silently ignored.
export const clusterRequired: LintRule = {
  id: 'cluster-required',
  severity: 'error',
  summary: 'A worker has a serviceAccount and the spec no `cluster`; `cluster` in builtin mode; or `cluster.jwks` with source file and no file (or a file with source apiServer).',
  check: ({ spec }) => {
    const hits: RuleHit[] = [];
    const builtin = spec.server?.authorization?.mode === 'builtin';
    if (spec.cluster && builtin) {
      hits.push({
        path: ['cluster'],
        at: 'key',
        message:
          "cluster is read by the custom-auth server only; Temporal's stock server (builtin mode) accepts tokens of the identity provider alone: remove cluster and the workers' serviceAccount, or switch to custom mode",
      });
    }
    if (!spec.cluster && !builtin) {
      (spec.clients.workers ?? []).forEach((w, i) => {
        if (w.serviceAccount === undefined) return;
        hits.push({
          path: ['clients', 'workers', i, 'serviceAccount'],
          at: 'key',
          message: `worker ${w.name} authenticates with its service account, but the spec has no cluster section, so the server knows no issuer for its token; add cluster { issuer, audience } (issuer: kubectl get --raw /.well-known/openid-configuration)`,
        });
      });
    }
    const jwks = spec.cluster?.jwks;
    if (jwks?.source === 'file' && jwks.file === undefined) {
      hits.push({
        path: ['cluster', 'jwks', 'source'],
        message: 'cluster.jwks.source is file, but cluster.jwks.file is not set; save the JWKS (kubectl get --raw /openid/v1/jwks > FILE) and set file',
      });
    }
    if (jwks?.source !== 'file' && jwks?.file !== undefined) {
      hits.push({
        path: ['cluster', 'jwks', 'file'],
        at: 'key',
        message: 'cluster.jwks.file is set, but cluster.jwks.source is apiServer (the default), so the file is never read; set source: file, or remove file',
      });
    }
    return hits;
  },
};
