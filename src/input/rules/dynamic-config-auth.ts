import type { Values } from './chart-addresses.js';
import type { LintRule, RuleHit } from './rule.js';

/** Dynamic config keys that weaken authorization, and the value that does it. */
const WEAKENING: Record<string, { value: boolean; why: string }> = {
  'frontend.enableTokenNamespaceEnforcement': {
    value: false,
    why: 'lets a caller complete tasks with a task token from another namespace than the one it is authorized for',
  },
  'system.disableStreamingAuthorizer': {
    value: true,
    why: 'turns off authorization on the streaming endpoints (AdminService replication streams)',
  },
};

// server.dynamicConfig: { key: [ { value, constraints } ] }, copied by the chart into dynamic_config.yaml.
export const dynamicConfigAuth: LintRule = {
  id: 'dynamic-config-auth',
  severity: 'warning',
  summary: 'Your values set dynamic config that weakens authorization (frontend.enableTokenNamespaceEnforcement: false, system.disableStreamingAuthorizer: true).',
  check: ({ userValues }) => {
    const dc = ((userValues?.data ?? {}) as Values).server?.dynamicConfig;
    if (!dc || typeof dc !== 'object') return [];
    const hits: RuleHit[] = [];
    for (const [key, rule] of Object.entries(WEAKENING)) {
      const entries: unknown = Object.hasOwn(dc, key) ? dc[key] : undefined;
      if (!Array.isArray(entries)) continue;
      entries.forEach((entry, i) => {
        const v = (entry as Values | null)?.value;
        if (v === rule.value || v === String(rule.value)) {
          hits.push({ in: 'values', path: ['server', 'dynamicConfig', key, i, 'value'], message: `${key}: ${String(rule.value)} ${rule.why}; remove it unless you mean that` });
        }
      });
    }
    return hits;
  },
};
