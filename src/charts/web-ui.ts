import { compareVersions } from '../temporal/versions.js';
import { chartProfile } from './index.js';

/** The first UI release that reads TEMPORAL_AUTH_REDIRECT_TO_PROVIDER. */
export const REDIRECT_TO_PROVIDER_SINCE = '2.52.0';

/**
 * The Web UI version a chart ships (its values.yaml web.image.tag, recorded in its profile by
 * scripts/gen-chart-profile.mjs); undefined for a chart the tool has no profile for.
 */
export function chartWebUiVersion(chartVersion: string): string | undefined {
  return chartProfile(chartVersion)?.webUiVersion;
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

/**
 * The first UI release that reads TEMPORAL_AUTH_USE_ID_TOKEN_AS_BEARER
 * (temporalio/ui server/server/config/config.go and server/config/docker.yaml
 * at v2.39.0; no file under server/ names it at v2.38.3).
 */
export const ID_TOKEN_AS_BEARER_SINCE = '2.39.0';

export function uiSupportsIdTokenAsBearer(uiVersion: string | undefined): boolean {
  return uiVersion !== undefined && compareVersions(uiVersion, ID_TOKEN_AS_BEARER_SINCE) >= 0;
}
