import { chartWebUiVersion, REDIRECT_TO_PROVIDER_SINCE, uiSupportsRedirectToProvider } from '../../charts/web-ui.js';
import type { LintRule } from './rule.js';

export const webUiVersionFeatures: LintRule = {
  id: 'web-ui-version-features',
  severity: 'warning',
  summary: `clients.web sets redirectToProvider, which Web UIs before ${REDIRECT_TO_PROVIDER_SINCE} (charts before 1.6.0) do not read: it is left out.`,
  check: ({ spec, chartVersion }) => {
    if (spec.clients.web.redirectToProvider === undefined) return [];
    const ui = chartWebUiVersion(chartVersion);
    if (uiSupportsRedirectToProvider(ui)) return [];
    const which = ui ? `Web UI ${ui} (chart ${chartVersion})` : `the Web UI of chart ${chartVersion} (unknown version)`;
    return [
      {
        path: ['clients', 'web', 'redirectToProvider'],
        at: 'key',
        message: `${which} predates ${REDIRECT_TO_PROVIDER_SINCE} and does not read TEMPORAL_AUTH_REDIRECT_TO_PROVIDER, so it is left out of the values; use chart 1.6.0 or later, or remove it`,
      },
    ];
  },
};
