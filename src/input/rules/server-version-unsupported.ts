import { CHART_RELEASES } from '../../charts/index.js';
import { compareVersions, effectiveServerVersion } from '../../temporal/versions.js';
import type { LintRule } from './rule.js';

/**
 * Oldest server whose authorization temporal-auth models. Before 1.22 the
 * default authorizer let any writer call every API (it did not read the API
 * metadata), and before 1.21 the system scope was `system` and namespace
 * names were lowercased: explain would promise decisions the server does not make.
 */
export const OLDEST_MODELLED_SERVER = '1.22.0';

/** The oldest server a supported chart ships (its appVersion), for the message. */
const OLDEST_CHART_SERVER = CHART_RELEASES.map((r) => r.appVersion).sort(compareVersions)[0];

export const serverVersionUnsupported: LintRule = {
  id: 'server-version-unsupported',
  severity: 'error',
  summary: `The Temporal server is older than ${OLDEST_MODELLED_SERVER}, whose authorizer temporal-auth does not model.`,
  check: ({ spec, chart }) => {
    const version = effectiveServerVersion(spec, chart);
    if (!version || compareVersions(version, OLDEST_MODELLED_SERVER) >= 0) return [];
    const path = spec.server?.version ? ['server', 'version'] : spec.server?.image?.tag ? ['server', 'image', 'tag'] : ['chart', 'version'];
    return [
      {
        path,
        message: `server ${version} predates ${OLDEST_MODELLED_SERVER}: its authorizer lets any writer call every API, which temporal-auth does not model; upgrade the server (the charts temporal-auth supports ship ${OLDEST_CHART_SERVER} and later)`,
      },
    ];
  },
};
