import { CLUSTER_JWKS_RULE, MAX_CLUSTER_JWKS_BYTES, PRIVATE_JWK_MEMBERS } from '../input/cluster-jwks.js';
import type { Severity } from '../input/finding.js';

export { type Finding, formatFinding, type Severity } from '../input/finding.js';

/**
 * Findings that are no lint rule: what only a render (or a command that reads
 * secrets) can know, beyond the spec. Each code is the `rule` of its findings;
 * the README's table of them is generated from this one.
 */
export const RENDER_FINDINGS = {
  secretSource: {
    id: 'secret-source',
    severity: 'error',
    commands: ['render', 'token'],
    summary:
      'A secret the spec names cannot be used: its env var or file is missing, empty, unreadable or not one line of text; the Web UI client secret would break the UI config; the rollout key is under 32 bytes; or (`token`) the worker has no clientSecret. Nothing is written.',
  },
  policySize: {
    id: 'policy-size',
    severity: 'error',
    commands: ['render'],
    summary: 'Custom mode: the compiled policy is larger than the 1 MiB a ConfigMap holds (and the custom-auth server reads).',
  },
  clusterJwks: {
    id: CLUSTER_JWKS_RULE,
    severity: 'error',
    commands: ['render', 'diff'],
    summary: `\`cluster.jwks.source: file\`: the cluster's JWKS file is missing, not a regular file, over ${MAX_CLUSTER_JWKS_BYTES / 1024} KiB, not UTF-8 JSON (or repeats a member), or not a JWKS of public RSA or EC keys: no \`keys\`, a key without its public members, or a private member (${PRIVATE_JWK_MEMBERS.map((m) => `\`${m}\``).join(', ')}). Located in the spec, or in the JWKS file itself. Nothing is written.`,
  },
} as const satisfies Record<string, { id: string; severity: Severity; commands: readonly string[]; summary: string }>;
