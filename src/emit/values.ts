import { type AuthModel } from '../model/model.js';
import { SERVER_SERVICES } from '../charts/services.js';
import { mergeByName } from './env-merge.js';
import { GROUPS_CLAIM_KEY } from './policy-configmap.js';
import { UI_CONFIG_DIR, WEB_CONFIG_VOLUME, webConfigMapName, webUiConfigFiles } from './web-config.js';

/** Pod annotation that changes when, and only when, the auth inputs of those pods change. */
export const CHECKSUM_ANNOTATION = 'checksum/temporal-auth';
import { SECRET_KEYS, secretKeyRef } from '../secrets/keys.js';
import { serverSupportsAudienceAndRegex } from '../temporal/versions.js';

/** Env var names the custom-auth image reads (the seed image's names kept). */
export const SERVER_ENV = {
  providerUrl: 'TEMPORAL_AUTH_PROVIDER_URL',
  clientId: 'TEMPORAL_AUTH_CLIENT_ID',
  audience: 'TEMPORAL_AUTH_AUDIENCE',
  groupsClaim: 'TEMPORAL_AUTH_GROUPS_CLAIM',
  policyFile: 'TEMPORAL_AUTH_POLICY_FILE',
} as const;

/** Volume carrying the policy ConfigMap into server pods. */
export const POLICY_VOLUME = 'temporal-auth-policy';

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: unknown;
}

export function serverEnv(model: AuthModel): EnvVar[] {
  if (model.mode !== 'custom') return [];
  const env: EnvVar[] = [
    { name: SERVER_ENV.providerUrl, valueFrom: secretKeyRef(model, SECRET_KEYS.issuerUrl) },
    { name: SERVER_ENV.clientId, valueFrom: secretKeyRef(model, SECRET_KEYS.clientId) },
  ];
  if (model.issuer.audience) env.push({ name: SERVER_ENV.audience, valueFrom: secretKeyRef(model, SECRET_KEYS.audience) });
  env.push(
    { name: SERVER_ENV.groupsClaim, valueFrom: { configMapKeyRef: { name: model.policy.configMapName, key: GROUPS_CLAIM_KEY } } },
    { name: SERVER_ENV.policyFile, value: `${model.policy.mountPath.replace(/\/+$/, '')}/${model.policy.fileName}` },
  );
  return env;
}

export function webEnv(model: AuthModel): EnvVar[] {
  const env: EnvVar[] = [
    { name: 'TEMPORAL_AUTH_ENABLED', value: 'true' },
    { name: 'TEMPORAL_AUTH_PROVIDER_URL', valueFrom: secretKeyRef(model, SECRET_KEYS.issuerUrl) },
    { name: 'TEMPORAL_AUTH_CLIENT_ID', valueFrom: secretKeyRef(model, SECRET_KEYS.clientId) },
    { name: 'TEMPORAL_AUTH_CLIENT_SECRET', valueFrom: secretKeyRef(model, SECRET_KEYS.clientSecret) },
    { name: 'TEMPORAL_AUTH_CALLBACK_URL', value: model.web.callbackUrl },
    { name: 'TEMPORAL_AUTH_SCOPES', value: model.web.scopes.join(',') },
  ];
  if (model.web.label) env.push({ name: 'TEMPORAL_AUTH_LABEL', value: model.web.label });
  if (model.web.useIdTokenAsBearer !== undefined) {
    env.push({ name: 'TEMPORAL_AUTH_USE_ID_TOKEN_AS_BEARER', value: String(model.web.useIdTokenAsBearer) });
  }
  // The UI serves every route, the SSO callback included, under this path.
  if (model.web.publicPath) env.push({ name: 'TEMPORAL_UI_PUBLIC_PATH', value: model.web.publicPath });
  // The model keeps this only for a UI that reads it (2.52+).
  if (model.web.redirectToProvider !== undefined) {
    env.push({ name: 'TEMPORAL_AUTH_REDIRECT_TO_PROVIDER', value: String(model.web.redirectToProvider) });
  }
  if (model.web.issuerUrl) env.push({ name: 'TEMPORAL_AUTH_ISSUER_URL', value: model.web.issuerUrl });
  const codec = model.web.codec;
  if (codec) {
    env.push({ name: 'TEMPORAL_CODEC_ENDPOINT', value: codec.endpoint });
    if (codec.passAccessToken !== undefined) env.push({ name: 'TEMPORAL_CODEC_PASS_ACCESS_TOKEN', value: String(codec.passAccessToken) });
    if (codec.includeCredentials !== undefined) env.push({ name: 'TEMPORAL_CODEC_INCLUDE_CREDENTIALS', value: String(codec.includeCredentials) });
  }
  // The UI splits it on commas.
  if (model.web.forwardHeaders?.length) env.push({ name: 'TEMPORAL_FORWARD_HEADERS', value: model.web.forwardHeaders.join(',') });
  return env;
}

/** builtin mode: copied by the chart into the server config's global.authorization. */
export function authorizationConfig(model: AuthModel): Record<string, unknown> {
  const supported = serverSupportsAudienceAndRegex(model.serverVersion);
  return {
    jwtKeyProvider: { keySourceURIs: [model.issuer.jwksUri], refreshInterval: model.issuer.refreshInterval },
    permissionsClaimName: model.issuer.permissionsClaim,
    ...(supported && model.issuer.permissionsRegex ? { permissionsRegex: model.issuer.permissionsRegex } : {}),
    ...(supported && model.issuer.audience ? { audience: model.issuer.audience } : {}),
    authorizer: 'default',
    claimMapper: 'default',
  };
}

// The user's values are free-form YAML; only the paths read below matter.
type Values = Record<string, any>;

/**
 * values.auth.yaml: the Helm values overrides. `userValues` are the user's own
 * values (--values): every list emitted here replaces theirs under `helm -f`,
 * so their entries are carried over.
 */
export function emitValues(model: AuthModel, userValues?: unknown, checksums?: { server: string; web: string }): Record<string, unknown> {
  const theirs: Values = userValues && typeof userValues === 'object' ? (userValues as Values) : {};
  const server: Values = {};
  if (model.image) server.image = { ...model.image };

  const env = serverEnv(model);
  if (env.length > 0) {
    server.additionalEnv = mergeByName(theirs.server?.additionalEnv, env);
    server.additionalVolumes = mergeByName(theirs.server?.additionalVolumes, [
      { name: POLICY_VOLUME, configMap: { name: model.policy.configMapName } },
    ]);
    server.additionalVolumeMounts = mergeByName(theirs.server?.additionalVolumeMounts, [
      { name: POLICY_VOLUME, mountPath: model.policy.mountPath, readOnly: true },
    ]);
  }
  if (model.mode === 'builtin') server.config = { authorization: authorizationConfig(model) };

  server[model.chart.internalFrontendKey] = { enabled: model.internalFrontend };
  if (env.length > 0) {
    // A per-service list replaces the global one for that service: carry ours into it.
    for (const svc of SERVER_SERVICES) {
      const key = svc === 'internal-frontend' ? model.chart.internalFrontendKey : svc;
      const own = theirs.server?.[key]?.additionalEnv;
      if (Array.isArray(own) && own.length > 0) {
        server[key] = { ...(server[key] ?? {}), additionalEnv: mergeByName(own, env) };
      }
    }
  }
  const web: Values = { additionalEnv: mergeByName(theirs.web?.additionalEnv, webEnv(model)) };
  const uiFiles = webUiConfigFiles(model);
  if (uiFiles) {
    // Only when a config-only setting is used: each file is mounted over its namesake in the
    // UI's config dir (subPath), leaving the image's other files in place.
    web.additionalVolumes = mergeByName(theirs.web?.additionalVolumes, [
      { name: WEB_CONFIG_VOLUME, configMap: { name: webConfigMapName(model) } },
    ]);
    web.additionalVolumeMounts = mergeByName(
      theirs.web?.additionalVolumeMounts,
      Object.keys(uiFiles).map((file) => ({ name: WEB_CONFIG_VOLUME, mountPath: `${UI_CONFIG_DIR}/${file}`, subPath: file, readOnly: true })),
    );
  }
  if (checksums) {
    // A changed annotation rolls the pods: exactly those whose auth inputs changed.
    server.podAnnotations = { [CHECKSUM_ANNOTATION]: checksums.server };
    web.podAnnotations = { [CHECKSUM_ANNOTATION]: checksums.web };
  }
  return { server, web };
}
