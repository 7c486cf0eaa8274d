import type { LintRule } from './rule.js';

// The schema only admits { fromEnv } or { fromFile }; a plain string there is
// a secret pasted into a file that ends up in git. Say so, and never echo it.
export const literalSecret: LintRule = {
  id: 'literal-secret',
  severity: 'error',
  summary: 'A client secret is written into the spec instead of read from an env var or file.',
  explainSchemaIssue: (issue, value) =>
    issue.path[issue.path.length - 1] === 'clientSecret' && (typeof value === 'string' || typeof value === 'number')
      ? 'a literal client secret is refused (it would end up in git); use { fromEnv: VARIABLE } or { fromFile: PATH }'
      : undefined,
};
