import { uiConfigValueProblem } from '../../util/ui-config-value.js';
import type { LintRule } from './rule.js';

export const webUiValue: LintRule = {
  id: 'web-ui-value',
  severity: 'error',
  summary: "A Web UI setting the UI would paste unquoted into its YAML config breaks it (newline, `: `, ` #`, a leading YAML indicator).",
  check: ({ spec }) => {
    const label = spec.clients.web.label;
    const problem = label === undefined ? undefined : uiConfigValueProblem(label);
    if (!problem) return [];
    return [
      {
        path: ['clients', 'web', 'label'],
        message: `the label ${problem}; the Web UI pastes it unquoted into its YAML config, which would break; use plain text`,
      },
    ];
  },
};
