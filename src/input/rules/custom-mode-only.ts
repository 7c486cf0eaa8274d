import type { LintRule, RuleHit } from './rule.js';

// Shadow mode, the audit log and the principal claim are the custom-auth
// server's own: Temporal's stock server (builtin mode) enforces every call,
// logs no decisions and names callers by `sub`. Said, not silently dropped.
export const customModeOnly: LintRule = {
  id: 'custom-mode-only',
  severity: 'error',
  summary: 'Builtin mode sets shadow mode (enforce: false), audit or principal, which only the custom-auth server reads.',
  check: ({ spec }) => {
    const auth = spec.server?.authorization;
    if (auth?.mode !== 'builtin') return [];
    const hits: RuleHit[] = [];
    const fix = 'only the custom-auth server (server.authorization.mode: custom) reads it; remove it, or switch to custom mode';
    if (auth.enforce === false) {
      hits.push({ path: ['server', 'authorization', 'enforce'], message: `enforce: false (shadow mode) would let denied calls through, but Temporal's stock server enforces every call: ${fix}` });
    }
    if (auth.audit) hits.push({ path: ['server', 'authorization', 'audit'], at: 'key', message: `audit configures the custom-auth server's decision log; the stock server writes none: ${fix}` });
    if (auth.principal) {
      hits.push({ path: ['server', 'authorization', 'principal'], at: 'key', message: `principal names callers in history by a claim of your choice; the stock server names them by sub: ${fix}` });
    }
    for (const [ns, entry] of Object.entries(spec.namespaces)) {
      if (entry?.enforce !== undefined)
        hits.push({ path: ['namespaces', ns, 'enforce'], at: 'key', message: `namespaces.${ns}.enforce is shadow mode's per-namespace switch; the stock server enforces every call: ${fix}` });
    }
    return hits;
  },
};
