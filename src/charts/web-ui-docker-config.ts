import { compareVersions } from '../temporal/versions.js';

/*
 * What the Web UI image's env template (server/config/docker.yaml) reads, as facts: which key
 * each env var sets, with which default, and how lists are split. Read from temporalio/ui at
 * the tags the supported charts ship (v2.39.0, v2.48.1, v2.52.0; v2.40.1 has v2.39.0's docker.yaml
 * and config package, v2.49.1 v2.48.1's: `git diff` of server/config and server/server/config
 * between those tags shows only e2e.yaml, a test fixture). render builds its own docker.yaml from this table
 * when a setting exists only in the UI's YAML config and sits in a list docker.yaml sets
 * (auth.providers[0].options): a list in docker.yaml replaces base.yaml's wholesale, so the
 * whole file has to be replaced, and every other key must keep reading its env var exactly
 * as upstream's template does. test/package/web-ui-docker-config.test.ts loads both files
 * with the UI's own config loader (github.com/temporalio/ui-server/v2) and compares.
 */

/** `key: {{ env "ENV" | default "..." }}`, or without a default when `default` is absent. */
export interface UiScalarEntry {
  kind: 'scalar';
  path: string;
  env: string;
  default?: string;
}

/**
 * A block list from the comma-split env var (sprig `split`): items plain or double-quoted,
 * and `otherwise` the single item written when the env var is empty.
 */
export interface UiListEntry {
  kind: 'list';
  path: string;
  env: string;
  quoted: boolean;
  otherwise?: string;
}

export type UiConfigEntry = UiScalarEntry | UiListEntry;

interface Versioned {
  entry: UiConfigEntry;
  /** First UI version (of those the charts ship) whose docker.yaml has it. */
  since?: string;
  /** First UI version (of those the charts ship) whose docker.yaml no longer has it. */
  until?: string;
  /** A different form from this version on. */
  from?: { version: string; entry: UiConfigEntry };
}

const s = (path: string, env: string, def?: string): UiScalarEntry => (def === undefined ? { kind: 'scalar', path, env } : { kind: 'scalar', path, env, default: def });

/** In upstream's order. */
const ENTRIES: readonly Versioned[] = [
  { entry: s('temporalGrpcAddress', 'TEMPORAL_ADDRESS', '127.0.0.1:7233') },
  { entry: s('port', 'TEMPORAL_UI_PORT', '8080') },
  { entry: s('publicPath', 'TEMPORAL_UI_PUBLIC_PATH', '') },
  { entry: s('enableUi', 'TEMPORAL_UI_ENABLED', 'true') },
  { entry: s('bannerText', 'TEMPORAL_BANNER_TEXT', ''), until: '2.48.1' },
  { entry: s('cloudUi', 'TEMPORAL_CLOUD_UI', 'false') },
  { entry: s('defaultNamespace', 'TEMPORAL_DEFAULT_NAMESPACE', 'default') },
  { entry: s('feedbackUrl', 'TEMPORAL_FEEDBACK_URL', '') },
  { entry: s('notifyOnNewVersion', 'TEMPORAL_NOTIFY_ON_NEW_VERSION', 'true'), until: '2.48.1' },
  { entry: s('disableNewsFetch', 'TEMPORAL_DISABLE_NEWS_FETCH', 'false'), since: '2.52.0' },
  { entry: s('navCollapsedByDefault', 'TEMPORAL_NAV_COLLAPSED_BY_DEFAULT', 'false'), since: '2.52.0' },
  { entry: s('refreshInterval', 'TEMPORAL_CONFIG_REFRESH_INTERVAL', '0s') },
  { entry: s('showTemporalSystemNamespace', 'TEMPORAL_SHOW_TEMPORAL_SYSTEM_NAMESPACE', 'false') },
  { entry: s('disableWriteActions', 'TEMPORAL_DISABLE_WRITE_ACTIONS', 'false') },
  { entry: s('workflowTerminateDisabled', 'TEMPORAL_WORKFLOW_TERMINATE_DISABLED', 'false') },
  { entry: s('workflowCancelDisabled', 'TEMPORAL_WORKFLOW_CANCEL_DISABLED', 'false') },
  { entry: s('workflowSignalDisabled', 'TEMPORAL_WORKFLOW_SIGNAL_DISABLED', 'false') },
  { entry: s('workflowUpdateDisabled', 'TEMPORAL_WORKFLOW_UPDATE_DISABLED', 'false') },
  { entry: s('workflowResetDisabled', 'TEMPORAL_WORKFLOW_RESET_DISABLED', 'false') },
  { entry: s('workflowPauseDisabled', 'TEMPORAL_WORKFLOW_PAUSE_DISABLED', 'false'), since: '2.48.1' },
  { entry: s('batchActionsDisabled', 'TEMPORAL_BATCH_ACTIONS_DISABLED', 'false') },
  { entry: s('startWorkflowDisabled', 'TEMPORAL_START_WORKFLOW_DISABLED', 'false') },
  { entry: s('hideWorkflowQueryErrors', 'TEMPORAL_HIDE_WORKFLOW_QUERY_ERRORS', 'false') },
  { entry: s('refreshWorkflowCountsDisabled', 'TEMPORAL_REFRESH_WORKFLOW_COUNTS_DISABLED', 'false') },
  { entry: s('activityCommandsDisabled', 'TEMPORAL_ACTIVITY_COMMANDS_DISABLED', 'false') },
  { entry: s('cors.cookieInsecure', 'TEMPORAL_CSRF_COOKIE_INSECURE', 'false') },
  { entry: s('cors.unsafeAllowAllOrigins', 'TEMPORAL_CORS_UNSAFE_ALLOW_ALL_ORIGINS', 'false') },
  {
    entry: { kind: 'list', path: 'cors.allowOrigins', env: 'TEMPORAL_CORS_ORIGINS', quoted: false, otherwise: 'http://localhost:8080' },
    from: { version: '2.48.1', entry: { kind: 'list', path: 'cors.allowOrigins', env: 'TEMPORAL_CORS_ORIGINS', quoted: true, otherwise: 'http://localhost:8080' } },
  },
  { entry: s('tls.caFile', 'TEMPORAL_TLS_CA', '') },
  { entry: s('tls.certFile', 'TEMPORAL_TLS_CERT', '') },
  { entry: s('tls.keyFile', 'TEMPORAL_TLS_KEY', '') },
  { entry: s('tls.caData', 'TEMPORAL_TLS_CA_DATA', '') },
  { entry: s('tls.certData', 'TEMPORAL_TLS_CERT_DATA', '') },
  { entry: s('tls.keyData', 'TEMPORAL_TLS_KEY_DATA', '') },
  { entry: s('tls.enableHostVerification', 'TEMPORAL_TLS_ENABLE_HOST_VERIFICATION', 'false') },
  { entry: s('tls.serverName', 'TEMPORAL_TLS_SERVER_NAME', '') },
  { entry: s('uiServerTLS.certFile', 'TEMPORAL_UI_SERVER_TLS_CERT', ''), since: '2.48.1' },
  { entry: s('uiServerTLS.keyFile', 'TEMPORAL_UI_SERVER_TLS_KEY', ''), since: '2.48.1' },
  { entry: s('auth.enabled', 'TEMPORAL_AUTH_ENABLED', 'false') },
  { entry: s('auth.redirectToProvider', 'TEMPORAL_AUTH_REDIRECT_TO_PROVIDER', 'false'), since: '2.52.0' },
  { entry: s('auth.providers.0.label', 'TEMPORAL_AUTH_LABEL', 'sso') },
  { entry: s('auth.providers.0.type', 'TEMPORAL_AUTH_TYPE', 'oidc') },
  { entry: s('auth.providers.0.providerUrl', 'TEMPORAL_AUTH_PROVIDER_URL') },
  { entry: s('auth.providers.0.issuerUrl', 'TEMPORAL_AUTH_ISSUER_URL', '') },
  { entry: s('auth.providers.0.clientId', 'TEMPORAL_AUTH_CLIENT_ID') },
  { entry: s('auth.providers.0.clientSecret', 'TEMPORAL_AUTH_CLIENT_SECRET') },
  { entry: s('auth.providers.0.callbackUrl', 'TEMPORAL_AUTH_CALLBACK_URL') },
  { entry: s('auth.providers.0.useIdTokenAsBearer', 'TEMPORAL_AUTH_USE_ID_TOKEN_AS_BEARER', 'false') },
  { entry: { kind: 'list', path: 'auth.providers.0.scopes', env: 'TEMPORAL_AUTH_SCOPES', quoted: false } },
  { entry: s('codec.endpoint', 'TEMPORAL_CODEC_ENDPOINT', '') },
  { entry: s('codec.passAccessToken', 'TEMPORAL_CODEC_PASS_ACCESS_TOKEN', 'false') },
  { entry: s('codec.includeCredentials', 'TEMPORAL_CODEC_INCLUDE_CREDENTIALS', 'false') },
  { entry: s('codec.defaultErrorMessage', 'TEMPORAL_CODEC_DEFAULT_ERROR_MESSAGE', '') },
  { entry: s('codec.defaultErrorLink', 'TEMPORAL_CODEC_DEFAULT_ERROR_LINK', '') },
  { entry: { kind: 'list', path: 'forwardHeaders', env: 'TEMPORAL_FORWARD_HEADERS', quoted: false } },
  { entry: s('hideLogs', 'TEMPORAL_HIDE_LOGS', 'false') },
];

/**
 * The UI versions whose docker.yaml the table describes, each read from temporalio/ui at its tag.
 * Per UI version, not per chart: which UI a chart runs is its profile's webUiVersion.
 */
export const UI_DOCKER_CONFIG_VERSIONS: readonly string[] = ['2.39.0', '2.40.1', '2.48.1', '2.49.1', '2.52.0'];

/**
 * UI versions a supported chart runs whose docker.yaml the table knowingly does not describe,
 * each with why. For those, web-ui-version-features refuses clients.web.providerOptions (the
 * replacement docker.yaml would be a guess) and names the charts whose UI the table describes;
 * every other Web UI setting still applies. test/web-ui-settings.test.ts holds every profile's
 * UI version to be in one list or the other, so a chart running a new UI is a decision.
 */
export const UI_DOCKER_CONFIG_NOT_DESCRIBED: Readonly<Record<string, string>> = {
  // Before 2.38: the image's env template is server/docker/config-template.yaml, which
  // start-ui-server.sh renders with dockerize into config/docker.yaml at start: another template
  // language than the docker.yaml this table describes. (v2.37.1 has no git tag in
  // temporalio/ui; v2.37.0 has that layout.)
  ...Object.fromEntries(
    ['2.33.0', '2.34.0', '2.35.1', '2.36.0', '2.36.1', '2.37.1'].map((v) => [
      v,
      `temporalio/ui v${v} has no server/config/docker.yaml: its image renders server/docker/config-template.yaml with dockerize at start, which this table does not describe`,
    ]),
  ),
  // Their server/config/docker.yaml differs from each described version's.
  ...Object.fromEntries(
    ['2.38.3', '2.42.1', '2.43.3', '2.44.0', '2.51.1'].map((v) => [v, `temporalio/ui v${v}'s server/config/docker.yaml differs from each described version's and has not been read into this table`]),
  ),
};

/** Where the provider's `options` map sits in the UI config. */
export const UI_PROVIDER_PATH = 'auth.providers.0';

/** docker.yaml's entries for a UI version, in upstream's order; undefined for a version the table does not describe. */
export function uiDockerConfigEntries(uiVersion: string | undefined): UiConfigEntry[] | undefined {
  if (uiVersion === undefined || !UI_DOCKER_CONFIG_VERSIONS.includes(uiVersion)) return undefined;
  const at = (v: string) => compareVersions(uiVersion, v) >= 0;
  return ENTRIES.filter((e) => (e.since === undefined || at(e.since)) && (e.until === undefined || !at(e.until))).map((e) => (e.from && at(e.from.version) ? e.from.entry : e.entry));
}
