import {
  chartWebUiVersion,
  MAX_SESSION_DURATION_SINCE,
  REDIRECT_TO_PROVIDER_SINCE,
  uiSupportsMaxSessionDuration,
  uiSupportsRedirectToProvider,
} from '../../charts/web-ui.js';
import { uiDockerConfigEntries } from '../../charts/web-ui-docker-config.js';
import type { LintRule, RuleHit } from './rule.js';

export const webUiVersionFeatures: LintRule = {
  id: 'web-ui-version-features',
  severity: 'warning',
  summary: `clients.web sets redirectToProvider (read from Web UI ${REDIRECT_TO_PROVIDER_SINCE}, charts 1.6.0 and later) or session.maxDuration (from Web UI ${MAX_SESSION_DURATION_SINCE}, charts 0.74.0 and later) for a Web UI that does not read it, or providerOptions for a Web UI whose config template the tool does not know: it is left out. providerOptions with your values running another Web UI image tag is an error.`,
  check: ({ spec, chartVersion, userValues }) => {
    const ui = chartWebUiVersion(chartVersion);
    const which = ui ? `Web UI ${ui} (chart ${chartVersion})` : `the Web UI of chart ${chartVersion} (unknown version)`;
    const findings: RuleHit[] = [];
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
    if (spec.clients.web.providerOptions !== undefined && Object.keys(spec.clients.web.providerOptions).length > 0) {
      if (!uiDockerConfigEntries(ui)) {
        findings.push({
          path: ['clients', 'web', 'providerOptions'],
          at: 'key' as const,
          message: `the tool does not know the config template of ${which}, so no UI config file carries the options; use chart 0.65.0, 0.74.0, 1.0.0 or 1.6.0, or remove them`,
        });
      }
      // The replacement docker.yaml mirrors one UI version's template: another image would lose or misread settings.
      const tag = (userValues?.data as { web?: { image?: { tag?: unknown } } } | undefined)?.web?.image?.tag;
      if (tag !== undefined && ui !== undefined && String(tag).replace(/^v/, '') !== ui) {
        findings.push({
          in: 'values',
          path: ['web', 'image', 'tag'],
          severity: 'error',
          message: `clients.web.providerOptions replaces the UI's config/docker.yaml with one written for Web UI ${ui} (chart ${chartVersion}), but your values run image tag ${JSON.stringify(String(tag))}; use the chart's UI image, or remove providerOptions`,
        });
      }
    }
    return findings;
  },
};
