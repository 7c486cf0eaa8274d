import { ROLE_BITS } from '../../temporal/roles.js';
import type { Path } from '../source.js';
import type { Role } from '../spec.types.generated.js';
import type { LintRule, RuleHit } from './rule.js';

// Role bits are ORed and compared numerically, so the stronger of two grants
// wins; a reader of the spec may well expect the later or the weaker one.
export const duplicateGrant: LintRule = {
  id: 'duplicate-grant',
  severity: 'warning',
  summary: 'A group is granted twice in one namespace (or the system scope) with different roles.',
  check: ({ spec }) => {
    const hits: RuleHit[] = [];
    // Each group's first role in the scope being scanned, with the scope's number: one map for
    // every scope, its entries overwritten rather than the map cleared and grown again for each
    // of a large spec's 1,000 namespaces (no map, and no entry object, per namespace or grant).
    const first = new Map<string, { scope: number; role: Role }>();
    let scope = 0;
    const scan = (grants: { group: string; role: Role }[], at: (i: number) => Path, where: string) => {
      scope++;
      for (let i = 0; i < grants.length; i++) {
        const g = grants[i]!;
        const prior = first.get(g.group);
        if (prior === undefined) first.set(g.group, { scope, role: g.role });
        else if (prior.scope !== scope) {
          prior.scope = scope;
          prior.role = g.role;
        } else if (prior.role !== g.role) {
          const wins = ROLE_BITS[g.role] > ROLE_BITS[prior.role] ? g.role : prior.role;
          hits.push({
            path: at(i),
            message: `group "${g.group}" is granted ${prior.role} and ${g.role} ${where}; the roles add up and ${wins} wins; keep one grant`,
          });
        }
      }
    };
    for (const [ns, entry] of Object.entries(spec.namespaces)) scan(entry?.grants ?? [], (i) => ['namespaces', ns, 'grants', i, 'role'], `in namespace ${ns}`);
    scan(spec.system?.grants ?? [], (i) => ['system', 'grants', i, 'role'], 'in the system scope');
    return hits;
  },
};
