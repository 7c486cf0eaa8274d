import type { LintRule, RuleHit } from './rule.js';

// Shadow mode is a stage of a rollout, not a place to stay: while it is on,
// every caller (no token included) gets through where it applies. A warning
// on every render keeps it from being forgotten.
export const shadowMode: LintRule = {
  id: 'shadow-mode',
  severity: 'warning',
  summary: 'Shadow mode is on (enforce: false): denied calls are let through and only logged.',
  concerns: 'render',
  check: ({ spec }) => {
    const auth = spec.server?.authorization;
    if (auth?.mode === 'builtin') return [];
    const hits: RuleHit[] = [];
    const next = 'collect the audit log (temporal-auth audit), fix the grants, then set enforce: true (README: "Turning auth on without an outage")';
    const own = Object.entries(spec.namespaces).filter(([, e]) => e?.enforce !== undefined);
    if (auth?.enforce === false) {
      const enforced = own.filter(([, e]) => e?.enforce === true).map(([ns]) => ns);
      const where = enforced.length > 0 ? `every namespace but ${enforced.join(', ')}` : 'every namespace';
      hits.push({
        path: ['server', 'authorization', 'enforce'],
        message: `shadow mode: calls on ${where} (and calls that name no namespace) are let through even when denied, no token included; ${next}`,
      });
    }
    for (const [ns, e] of own) {
      if (e?.enforce === false && auth?.enforce !== false) {
        hits.push({ path: ['namespaces', ns, 'enforce'], message: `shadow mode on ${ns}: its calls are let through even when denied, no token included; ${next}` });
      }
    }
    return hits;
  },
};
