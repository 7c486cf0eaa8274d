import { uiConfigValueProblem } from '../../util/ui-config-value.js';
import type { Path } from '../source.js';
import type { LintRule, RuleHit } from './rule.js';

export const webUiValue: LintRule = {
  id: 'web-ui-value',
  severity: 'error',
  summary: 'A Web UI setting the UI would paste unquoted into its YAML config breaks it (newline, `: `, ` #`, a leading YAML indicator).',
  check: ({ spec }) => {
    const web = spec.clients.web;
    // Every free-text value that webEnv puts in the UI's env (scopes, headers and the public path are held to safe patterns by the schema).
    const values: [Path, string | undefined, string][] = [
      [['clients', 'web', 'label'], web.label, 'the label'],
      [['clients', 'web', 'issuerUrl'], web.issuerUrl, 'the issuer URL'],
      [['clients', 'web', 'codec', 'endpoint'], web.codec?.endpoint, 'the codec endpoint'],
    ];
    const hits: RuleHit[] = [];
    for (const [path, value, what] of values) {
      const problem = value === undefined ? undefined : uiConfigValueProblem(value);
      if (problem) {
        hits.push({ path, message: `${what} ${problem}; the Web UI pastes it unquoted into its YAML config, which would break; use plain text` });
      }
    }
    return hits;
  },
};
