import { chartReads, envEntries, frontendPorts, type Values, whichFrontend } from './chart-addresses.js';
import type { LintRule, RuleHit } from './rule.js';

// With the internal frontend on, the chart points the admin tools and the
// namespace-creation job at it: they carry no token. Pointed at the (external)
// frontend, where authorization is on, every call they make is denied.
export const admintoolsExternalFrontend: LintRule = {
  id: 'admintools-external-frontend',
  severity: 'warning',
  summary: 'Your values point the admin tools or the namespace job at the frontend, where authorization is on: they carry no token, so every call is denied.',
  check: ({ spec, userValues, chart }) => {
    if (!userValues || spec.server?.internalFrontend?.enabled === false) return [];
    const values = (userValues.data ?? {}) as Values;
    const ports = frontendPorts(values, chart);
    const hits: RuleHit[] = [];
    const why = 'is the frontend, where authorization is on, and the admin tools carry no token, so their temporal commands are denied';
    const address = values.admintools?.temporalAddress;
    if (typeof address === 'string' && chartReads(chart, 'admintools.temporalAddress') && whichFrontend(address, ports) === 'external') {
      hits.push({
        in: 'values',
        path: ['admintools', 'temporalAddress'],
        message: `admintools.temporalAddress ${JSON.stringify(address)} ${why}; leave it unset (the chart then uses the internal frontend), or give the tools a token (TEMPORAL_API_KEY)`,
      });
    }
    // The namespace job copies admintools.additionalEnv after its own TEMPORAL_ADDRESS: the last one wins.
    for (const e of envEntries(values.admintools?.additionalEnv, ['TEMPORAL_ADDRESS', 'TEMPORAL_CLI_ADDRESS'])) {
      if (whichFrontend(e.value, ports) !== 'external') continue;
      hits.push({
        in: 'values',
        path: ['admintools', 'additionalEnv', e.index, 'value'],
        message: `${e.name} ${JSON.stringify(e.value)} ${why}; the namespace-creation job reads this list too, so namespaces.create would fail; remove the entry (the chart points both at the internal frontend)`,
      });
    }
    return hits;
  },
};
