import { RULES } from '../input/rules/index.js';
import { RENDER_FINDINGS } from './findings.js';

/**
 * What each finding's `rule` is, for reports that describe their rules (SARIF's
 * tool.driver.rules): the lint rules, the findings only render knows, and the three that
 * come before any rule (schema, yaml, io).
 */
export function findingRules(): ReadonlyMap<string, { summary: string; severity: 'error' | 'warning' }> {
  const rules = new Map<string, { summary: string; severity: 'error' | 'warning' }>([
    ['schema', { summary: 'The spec does not match the JSON Schema (schemas/temporal-auth.schema.json).', severity: 'error' }],
    ['yaml', { summary: 'The file is not valid YAML.', severity: 'error' }],
    ['io', { summary: 'The file cannot be read: missing, not a regular file, too large or not UTF-8.', severity: 'error' }],
  ]);
  for (const r of RULES) rules.set(r.id, { summary: r.summary, severity: r.severity });
  for (const f of Object.values(RENDER_FINDINGS)) rules.set(f.id, { summary: f.summary, severity: f.severity });
  return rules;
}
