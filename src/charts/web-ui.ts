import { compareVersions } from '../temporal/versions.js';

/**
 * The Temporal Web UI (temporalio/ui) version each supported chart's
 * `web.image.tag` runs, from the chart's own values.yaml:
 * - 0.65.0: `web.image.tag: 2.39.0` (charts/temporal-0.65.0/values.yaml)
 * - 0.74.0: `web.image.tag: 2.48.1` (charts/temporal-0.74.0/values.yaml)
 * - 1.0.0:  `web.image.tag: 2.48.1` (charts/temporal-1.0.0/values.yaml)
 * - 1.6.0:  `web.image.tag: 2.52.0` (charts/temporal-1.6.0/values.yaml; the facts file agrees)
 */
export const CHART_WEB_UI_VERSIONS: Readonly<Record<string, string>> = {
  '0.65.0': '2.39.0',
  '0.74.0': '2.48.1',
  '1.0.0': '2.48.1',
  '1.6.0': '2.52.0',
};

/** The first UI release that reads TEMPORAL_AUTH_REDIRECT_TO_PROVIDER. */
export const REDIRECT_TO_PROVIDER_SINCE = '2.52.0';

/** The Web UI version a chart ships; undefined for a chart the tool has no profile for. */
export function chartWebUiVersion(chartVersion: string): string | undefined {
  return CHART_WEB_UI_VERSIONS[chartVersion];
}

export function uiSupportsRedirectToProvider(uiVersion: string | undefined): boolean {
  return uiVersion !== undefined && compareVersions(uiVersion, REDIRECT_TO_PROVIDER_SINCE) >= 0;
}

/**
 * The first UI release whose YAML config has auth.maxSessionDuration
 * (temporalio/ui server/server/config/config.go; absent in 2.39.0).
 */
export const MAX_SESSION_DURATION_SINCE = '2.45.2';

export function uiSupportsMaxSessionDuration(uiVersion: string | undefined): boolean {
  return uiVersion !== undefined && compareVersions(uiVersion, MAX_SESSION_DURATION_SINCE) >= 0;
}
