import {
  chartWebUiVersion,
  MAX_SESSION_DURATION_SINCE,
  REDIRECT_TO_PROVIDER_SINCE,
  uiSupportsMaxSessionDuration,
  uiSupportsRedirectToProvider,
} from '../../charts/web-ui.js';
import type { LintRule } from './rule.js';

export const webUiVersionFeatures: LintRule = {
  id: 'web-ui-version-features',
  severity: 'warning',
  summary: `clients.web sets redirectToProvider (read from Web UI ${REDIRECT_TO_PROVIDER_SINCE}, charts 1.6.0 and later) or session.maxDuration (from Web UI ${MAX_SESSION_DURATION_SINCE}, charts 0.74.0 and later) for a Web UI that does not read it: it is left out.`,
  check: ({ spec, chartVersion }) => {
    const ui = chartWebUiVersion(chartVersion);
    const which = ui ? `Web UI ${ui} (chart ${chartVersion})` : `the Web UI of chart ${chartVersion} (unknown version)`;
    const findings = [];
    if (spec.clients.web.redirectToProvider !== undefined && !uiSupportsRedirectToProvider(ui)) {
      findings.push({
        path: ['clients', 'web', 'redirectToProvider'],
        at: 'key' as const,
        message: `${which} predates ${REDIRECT_TO_PROVIDER_SINCE} and does not read TEMPORAL_AUTH_REDIRECT_TO_PROVIDER, so it is left out of the values; use chart 1.6.0 or later, or remove it`,
      });
    }
    if (spec.clients.web.session?.maxDuration !== undefined && !uiSupportsMaxSessionDuration(ui)) {
      findings.push({
        path: ['clients', 'web', 'session', 'maxDuration'],
        at: 'key' as const,
        message: `${which} predates ${MAX_SESSION_DURATION_SINCE} and has no auth.maxSessionDuration, so no UI config file is rendered for it; use chart 0.74.0 or later, or remove it`,
      });
    }
    return findings;
  },
};
