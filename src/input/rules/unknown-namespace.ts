import type { LintRule, RuleHit } from './rule.js';

export const unknownNamespace: LintRule = {
  id: 'unknown-namespace',
  severity: 'error',
  summary: 'A worker client is granted a namespace the spec does not declare.',
  check: ({ spec }) => {
    // Listed only for a message, and at most 20: enumerating a huge namespaces map is not free.
    let declared: string | undefined;
    const list = () => {
      if (declared === undefined) {
        const names = Object.keys(spec.namespaces);
        declared = names.length === 0 ? 'none' : names.length > 20 ? `${names.slice(0, 20).join(', ')} and ${names.length - 20} more` : names.join(', ');
      }
      return declared;
    };
    const hits: RuleHit[] = [];
    (spec.clients.workers ?? []).forEach((worker, i) => {
      for (const ns of Object.keys(worker.grants)) {
        if (!Object.hasOwn(spec.namespaces, ns)) {
          hits.push({
            path: ['clients', 'workers', i, 'grants', ns],
            at: 'key',
            message: `namespace "${ns}" is not declared under namespaces; declare it or fix the name (declared: ${list()})`,
          });
        }
      }
    });
    return hits;
  },
};
