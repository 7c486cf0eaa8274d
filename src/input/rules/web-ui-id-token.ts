import { chartVersionsWhere, nameChartVersions } from '../../charts/name-versions.js';
import { ID_TOKEN_AS_BEARER_SINCE, uiSupportsIdTokenAsBearer } from '../../charts/web-ui.js';
import type { LintRule } from './rule.js';

// The charts whose Web UI reads the setting, from the profiles: a new profile changes the messages by itself.
const ID_TOKEN_CHARTS = chartVersionsWhere((p) => uiSupportsIdTokenAsBearer(p.webUiVersion));

// An older UI ignores TEMPORAL_AUTH_USE_ID_TOKEN_AS_BEARER and sends the
// access token, which the server then refuses (Google's are opaque; Entra
// ID's are for another API without an API scope): every sign-in ends with no
// rights and nothing says why. Leaving the setting out, as for the UI's
// optional settings, would be the same silent failure: refuse it.
export const webUiIdToken: LintRule = {
  id: 'web-ui-id-token',
  severity: 'error',
  summary: `clients.web.useIdTokenAsBearer is true for a Web UI older than ${ID_TOKEN_AS_BEARER_SINCE} (${ID_TOKEN_CHARTS.length > 0 ? `charts before ${ID_TOKEN_CHARTS[0]}` : 'every supported chart'}), which does not read it: the UI would send the access token, which the server refuses.`,
  check: ({ spec, chartVersion, chart }) => {
    if (spec.clients.web.useIdTokenAsBearer !== true) return [];
    // The profile in force: a built-in one, or one derived from the chart given (render --chart).
    const ui = chart?.webUiVersion;
    if (ui === undefined || uiSupportsIdTokenAsBearer(ui)) return [];
    const newer = nameChartVersions(ID_TOKEN_CHARTS, 'or', { later: true });
    return [
      {
        path: ['clients', 'web', 'useIdTokenAsBearer'],
        message: `Web UI ${ui} (chart ${chartVersion}) predates ${ID_TOKEN_AS_BEARER_SINCE} and does not read TEMPORAL_AUTH_USE_ID_TOKEN_AS_BEARER: it would send the access token, which the server refuses, so no one could sign in; ${newer ? `use chart ${newer}` : 'no supported chart runs such a Web UI'}`,
      },
    ];
  },
};
