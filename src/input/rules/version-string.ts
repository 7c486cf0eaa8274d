import type { LintRule } from './rule.js';

/** Keys whose value is a version or tag that YAML reads as a number when unquoted. */
const VERSION_KEYS = new Set(['chart.version', 'server.version', 'server.image.tag']);

// `version: 1.6` is the number 1.6 in YAML (and `1.10` the number 1.1): the
// schema's "must be a string" does not say what to do.
export const versionString: LintRule = {
  id: 'version-string',
  severity: 'error',
  summary: 'A version or image tag written as a YAML number (chart: { version: 1.6 }): quote it.',
  explainSchemaIssue: (issue, value) => {
    if (issue.keyword !== 'type' || typeof value !== 'number' || !VERSION_KEYS.has(issue.path.join('.'))) return undefined;
    const text = String(value);
    const full = /^\d+\.\d+$/.test(text) ? `${text}.0` : text;
    return `YAML reads ${text} as a number, not a version (and 1.10 would read as 1.1); quote it and give the full version, e.g. "${full}"`;
  },
};
