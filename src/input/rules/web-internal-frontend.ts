import { chartReads, envEntries, frontendPorts, type Values, whichFrontend } from './chart-addresses.js';
import type { LintRule, RuleHit } from './rule.js';

// The internal frontend gives System Admin to every caller. A Web UI pointed
// at it passes that on to everyone who can log in to the UI.
export const webInternalFrontend: LintRule = {
  id: 'web-internal-frontend',
  severity: 'error',
  summary: 'Your values point the Web UI at the internal frontend (web.temporalAddress), which would give every UI user System Admin.',
  check: ({ userValues, chart }) => {
    if (!userValues) return [];
    const values = (userValues.data ?? {}) as Values;
    const ports = frontendPorts(values, chart);
    const hits: RuleHit[] = [];
    const message = (where: string, value: string) =>
      `${where} ${JSON.stringify(value)} is the internal frontend, which grants System Admin to every caller: every Web UI user would be cluster admin, whatever their grants; point the UI at the frontend service (leave ${where} unset)`;
    const address = values.web?.temporalAddress;
    if (typeof address === 'string' && chartReads(chart, 'web.temporalAddress') && whichFrontend(address, ports) === 'internal') {
      hits.push({ in: 'values', path: ['web', 'temporalAddress'], message: message('web.temporalAddress', address) });
    }
    for (const e of envEntries(values.web?.additionalEnv, ['TEMPORAL_ADDRESS'])) {
      if (whichFrontend(e.value, ports) === 'internal') hits.push({ in: 'values', path: ['web', 'additionalEnv', e.index, 'value'], message: message(`web.additionalEnv ${e.name}`, e.value) });
    }
    return hits;
  },
};
