import type { LintRule, RuleHit } from './rule.js';

export const unknownNamespace: LintRule = {
  id: 'unknown-namespace',
  severity: 'error',
  summary: 'A worker client is granted a namespace the spec does not declare.',
  check: ({ spec }) => {
    const declared = Object.keys(spec.namespaces);
    const hits: RuleHit[] = [];
    (spec.clients.workers ?? []).forEach((worker, i) => {
      for (const ns of Object.keys(worker.grants)) {
        if (!Object.hasOwn(spec.namespaces, ns)) {
          hits.push({
            path: ['clients', 'workers', i, 'grants', ns],
            at: 'key',
            message: `namespace "${ns}" is not declared under namespaces; declare it or fix the name (declared: ${declared.join(', ') || 'none'})`,
          });
        }
      }
    });
    return hits;
  },
};
