import type { LintRule } from './rule.js';

const ROLES = ['read', 'write', 'admin', 'worker'];

export const unknownRole: LintRule = {
  id: 'unknown-role',
  severity: 'error',
  summary: 'A grant names a role Temporal does not have.',
  explainSchemaIssue: (issue, value) => {
    if (issue.keyword !== 'enum') return undefined;
    const inGrant = issue.path[issue.path.length - 1] === 'role' || issue.path[issue.path.length - 2] === 'grants';
    return inGrant ? `unknown role ${JSON.stringify(value)}; use one of: ${ROLES.join(', ')}` : undefined;
  },
};
