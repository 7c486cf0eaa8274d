import { chartVersionsWhere, nameChartVersions } from '../../charts/name-versions.js';
import { MAX_SESSION_DURATION_SINCE, REDIRECT_TO_PROVIDER_SINCE, uiSupportsMaxSessionDuration, uiSupportsRedirectToProvider } from '../../charts/web-ui.js';
import { uiDockerConfigEntries } from '../../charts/web-ui-docker-config.js';
import type { LintRule, RuleHit } from './rule.js';

// The charts named below are those whose profile's Web UI has the feature, so a new profile
// changes the summary (the README's rule table) and the messages by itself.
const REDIRECT_CHARTS = chartVersionsWhere((p) => uiSupportsRedirectToProvider(p.webUiVersion));
const MAX_SESSION_CHARTS = chartVersionsWhere((p) => uiSupportsMaxSessionDuration(p.webUiVersion));
const DOCKER_CONFIG_CHARTS = chartVersionsWhere((p) => uiDockerConfigEntries(p.webUiVersion) !== undefined);

/** "charts X and later" for the summary; "use chart X or later" for a finding. */
const chartsWith = (charts: readonly string[], since: string) => {
  const and = nameChartVersions(charts, 'and', { later: true });
  return and ? `charts ${and}` : `no supported chart (each runs an older Web UI than ${since})`;
};
const useChart = (charts: readonly string[], later: boolean) => {
  const or = nameChartVersions(charts, 'or', { later });
  return or ? `use chart ${or}` : 'no supported chart runs such a Web UI';
};

export const webUiVersionFeatures: LintRule = {
  id: 'web-ui-version-features',
  severity: 'warning',
  summary: `clients.web sets redirectToProvider (read from Web UI ${REDIRECT_TO_PROVIDER_SINCE}, ${chartsWith(REDIRECT_CHARTS, REDIRECT_TO_PROVIDER_SINCE)}) or session.maxDuration (from Web UI ${MAX_SESSION_DURATION_SINCE}, ${chartsWith(MAX_SESSION_CHARTS, MAX_SESSION_DURATION_SINCE)}) for a Web UI that does not read it, or providerOptions for a Web UI whose config template the tool does not know: it is left out. providerOptions with your values running another Web UI image tag is an error.`,
  check: ({ spec, chartVersion, chart, userValues }) => {
    // The profile in force: a built-in one, or one derived from the chart given (render --chart).
    const ui = chart?.webUiVersion;
    const which = ui ? `Web UI ${ui} (chart ${chartVersion})` : `the Web UI of chart ${chartVersion} (unknown version)`;
    const findings: RuleHit[] = [];
    if (spec.clients.web.redirectToProvider !== undefined && !uiSupportsRedirectToProvider(ui)) {
      findings.push({
        path: ['clients', 'web', 'redirectToProvider'],
        at: 'key' as const,
        message: `${which} predates ${REDIRECT_TO_PROVIDER_SINCE} and does not read TEMPORAL_AUTH_REDIRECT_TO_PROVIDER, so it is left out of the values; ${useChart(REDIRECT_CHARTS, true)}, or remove it`,
      });
    }
    if (spec.clients.web.session?.maxDuration !== undefined && !uiSupportsMaxSessionDuration(ui)) {
      findings.push({
        path: ['clients', 'web', 'session', 'maxDuration'],
        at: 'key' as const,
        message: `${which} predates ${MAX_SESSION_DURATION_SINCE} and has no auth.maxSessionDuration, so no UI config file is rendered for it; ${useChart(MAX_SESSION_CHARTS, true)}, or remove it`,
      });
    }
    if (spec.clients.web.providerOptions !== undefined && Object.keys(spec.clients.web.providerOptions).length > 0) {
      if (!uiDockerConfigEntries(ui)) {
        findings.push({
          path: ['clients', 'web', 'providerOptions'],
          at: 'key' as const,
          message: `the tool does not know the config template of ${which}, so no UI config file carries the options; ${useChart(DOCKER_CONFIG_CHARTS, false)}, or remove them`,
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
