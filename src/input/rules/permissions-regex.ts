import { compilePermissionsPattern } from '../../temporal/permissions-pattern.js';
import { effectiveServerVersion, serverSupportsAudienceAndRegex } from '../../temporal/versions.js';
import type { LintRule } from './rule.js';

export const permissionsRegex: LintRule = {
  id: 'permissions-regex',
  severity: 'warning',
  summary: 'Builtin mode: permissionsRegex does not compile as Go RE2 or lacks the `namespace` and `role` groups, so the server ignores it.',
  check: ({ spec, chart }) => {
    const source = spec.server?.authorization?.permissionsRegex;
    if (spec.server?.authorization?.mode !== 'builtin' || source === undefined) return [];
    // Servers before 1.29 ignore the setting altogether: server-version-features says so.
    const version = effectiveServerVersion(spec, chart);
    if (version && !serverSupportsAudienceAndRegex(version)) return [];
    const pattern = compilePermissionsPattern(source);
    if (pattern.usable) return [];
    return [
      {
        path: ['server', 'authorization', 'permissionsRegex'],
        message: `the server ignores this regex (${pattern.why}) and parses plain "namespace:role" strings instead; fix it, e.g. ^(?P<namespace>[^:]+):(?P<role>[a-z]+)$`,
      },
    ];
  },
};
