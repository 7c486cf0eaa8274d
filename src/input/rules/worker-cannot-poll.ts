import type { LintRule, RuleHit } from './rule.js';

// PollWorkflowTaskQueue and PollActivityTaskQueue need write: a worker client
// granted read (or worker) on a namespace connects fine and then gets
// PermissionDenied on its first poll.
export const workerCannotPoll: LintRule = {
  id: 'worker-cannot-poll',
  severity: 'warning',
  summary: 'A worker client has less than write on a namespace it is granted, so it cannot poll there.',
  check: ({ spec }) => {
    const hits: RuleHit[] = [];
    (spec.clients.workers ?? []).forEach((w, i) => {
      for (const [ns, role] of Object.entries(w.grants)) {
        if (role === 'read' || role === 'worker') {
          hits.push({
            path: ['clients', 'workers', i, 'grants', ns],
            message: `${w.name} has ${role} on ${ns}, but polling for tasks needs write; grant write (or drop the grant if this client only reads)`,
          });
        }
      }
    });
    return hits;
  },
};
