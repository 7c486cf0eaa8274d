import { AUDIENCE_AND_REGEX_SINCE, effectiveServerVersion, serverSupportsAudienceAndRegex } from '../../temporal/versions.js';
import type { LintRule, RuleHit } from './rule.js';

export const serverVersionFeatures: LintRule = {
  id: 'server-version-features',
  severity: 'warning',
  summary: `Builtin mode sets audience or permissionsRegex, which servers before ${AUDIENCE_AND_REGEX_SINCE} do not understand.`,
  check: ({ spec, chart }) => {
    if (spec.server?.authorization?.mode !== 'builtin') return [];
    const version = effectiveServerVersion(spec, chart);
    if (!version || serverSupportsAudienceAndRegex(version)) return [];
    const hits: RuleHit[] = [];
    const why = `server ${version} predates ${AUDIENCE_AND_REGEX_SINCE}, so it is left out of server.config.authorization`;
    if (spec.issuer.audience) hits.push({ path: ['issuer', 'audience'], message: `audience is not checked: ${why}; upgrade the server to enforce it` });
    if (spec.server.authorization.permissionsRegex) hits.push({ path: ['server', 'authorization', 'permissionsRegex'], message: `permissionsRegex is ignored: ${why}` });
    return hits;
  },
};
