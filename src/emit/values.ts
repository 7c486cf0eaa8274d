import { isDeepStrictEqual } from 'node:util';
import { INTERNAL_FRONTEND_KEYS, SERVER_SERVICES } from '../charts/services.js';
import type { AuthModel } from '../model/model.js';
import { SECRET_KEYS, secretKeyRef } from '../secrets/keys.js';
import { serverSupportsAudienceAndRegex } from '../temporal/versions.js';
import { type ListKind, mergeEntries } from './list-entries.js';
import { CLUSTER_JWKS_KEY, GROUPS_CLAIM_KEY } from './policy-configmap.js';
import { UI_CONFIG_DIR, WEB_CONFIG_VOLUME, webConfigMapName, webUiConfigFiles } from './web-config.js';

/** Pod annotation that changes when, and only when, the auth inputs of those pods change. */
export const CHECKSUM_ANNOTATION = 'checksum/temporal-auth';

/** Env var names the custom-auth image reads (the seed image's names kept). */
export const SERVER_ENV = {
  providerUrl: 'TEMPORAL_AUTH_PROVIDER_URL',
  clientId: 'TEMPORAL_AUTH_CLIENT_ID',
  audience: 'TEMPORAL_AUTH_AUDIENCE',
  groupsClaim: 'TEMPORAL_AUTH_GROUPS_CLAIM',
  policyFile: 'TEMPORAL_AUTH_POLICY_FILE',
  clusterIssuer: 'TEMPORAL_AUTH_CLUSTER_ISSUER',
  clusterAudience: 'TEMPORAL_AUTH_CLUSTER_AUDIENCE',
  clusterJwksFile: 'TEMPORAL_AUTH_CLUSTER_JWKS_FILE',
  /** The server's verified-token cache (0: off). Not rendered: an operator's tuning, kept in their values. */
  tokenCacheEntries: 'TEMPORAL_AUTH_TOKEN_CACHE_ENTRIES',
} as const;

/** Contract names render never writes: a user's own setting of one is theirs, and render and diff leave it. */
export const SERVER_ENV_NOT_RENDERED: readonly string[] = [SERVER_ENV.tokenCacheEntries];

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
  // Workload identity: the cluster's service-account issuer beside the identity provider. In file
  // mode its keys ride in the policy ConfigMap, already mounted; else the server asks its API server.
  if (model.cluster) {
    env.push({ name: SERVER_ENV.clusterIssuer, value: model.cluster.issuer }, { name: SERVER_ENV.clusterAudience, value: model.cluster.audience });
    if (model.cluster.jwks.source === 'file') env.push({ name: SERVER_ENV.clusterJwksFile, value: `${model.policy.mountPath.replace(/\/+$/, '')}/${CLUSTER_JWKS_KEY}` });
  }
  return env;
}

/** Env var names of the Web UI (temporalio/ui server/config/docker.yaml) that render sets from clients.web. */
export const WEB_ENV = {
  enabled: 'TEMPORAL_AUTH_ENABLED',
  providerUrl: 'TEMPORAL_AUTH_PROVIDER_URL',
  clientId: 'TEMPORAL_AUTH_CLIENT_ID',
  clientSecret: 'TEMPORAL_AUTH_CLIENT_SECRET',
  callbackUrl: 'TEMPORAL_AUTH_CALLBACK_URL',
  scopes: 'TEMPORAL_AUTH_SCOPES',
  label: 'TEMPORAL_AUTH_LABEL',
  useIdTokenAsBearer: 'TEMPORAL_AUTH_USE_ID_TOKEN_AS_BEARER',
  publicPath: 'TEMPORAL_UI_PUBLIC_PATH',
  redirectToProvider: 'TEMPORAL_AUTH_REDIRECT_TO_PROVIDER',
  issuerUrl: 'TEMPORAL_AUTH_ISSUER_URL',
  codecEndpoint: 'TEMPORAL_CODEC_ENDPOINT',
  codecPassAccessToken: 'TEMPORAL_CODEC_PASS_ACCESS_TOKEN',
  codecIncludeCredentials: 'TEMPORAL_CODEC_INCLUDE_CREDENTIALS',
  forwardHeaders: 'TEMPORAL_FORWARD_HEADERS',
} as const;

export function webEnv(model: AuthModel): EnvVar[] {
  const env: EnvVar[] = [
    { name: WEB_ENV.enabled, value: 'true' },
    { name: WEB_ENV.providerUrl, valueFrom: secretKeyRef(model, SECRET_KEYS.issuerUrl) },
    { name: WEB_ENV.clientId, valueFrom: secretKeyRef(model, SECRET_KEYS.clientId) },
    { name: WEB_ENV.clientSecret, valueFrom: secretKeyRef(model, SECRET_KEYS.clientSecret) },
    { name: WEB_ENV.callbackUrl, value: model.web.callbackUrl },
    { name: WEB_ENV.scopes, value: model.web.scopes.join(',') },
  ];
  if (model.web.label) env.push({ name: WEB_ENV.label, value: model.web.label });
  if (model.web.useIdTokenAsBearer !== undefined) {
    env.push({ name: WEB_ENV.useIdTokenAsBearer, value: String(model.web.useIdTokenAsBearer) });
  }
  // The UI serves every route, the SSO callback included, under this path.
  if (model.web.publicPath) env.push({ name: WEB_ENV.publicPath, value: model.web.publicPath });
  // The model keeps this only for a UI that reads it (2.52+).
  if (model.web.redirectToProvider !== undefined) {
    env.push({ name: WEB_ENV.redirectToProvider, value: String(model.web.redirectToProvider) });
  }
  if (model.web.issuerUrl) env.push({ name: WEB_ENV.issuerUrl, value: model.web.issuerUrl });
  const codec = model.web.codec;
  if (codec) {
    env.push({ name: WEB_ENV.codecEndpoint, value: codec.endpoint });
    if (codec.passAccessToken !== undefined) env.push({ name: WEB_ENV.codecPassAccessToken, value: String(codec.passAccessToken) });
    if (codec.includeCredentials !== undefined) env.push({ name: WEB_ENV.codecIncludeCredentials, value: String(codec.includeCredentials) });
  }
  // The UI splits it on commas.
  if (model.web.forwardHeaders?.length) env.push({ name: WEB_ENV.forwardHeaders, value: model.web.forwardHeaders.join(',') });
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
// biome-ignore lint/suspicious/noExplicitAny: free-form YAML, read by path with the checks beside each read
type Values = Record<string, any>;

/** One of the chart's lists render writes into, and which of its entries temporal-auth owns. */
export interface OwnedList {
  path: readonly string[];
  kind: ListKind;
  /** Whether render writes this entry (by its name), under any spec. */
  owns(entry: unknown): boolean;
}

const named = (names: readonly string[]) => (entry: unknown) => names.includes((entry as { name?: unknown } | null)?.name as string);
const SERVER_OWNED = named(Object.values(SERVER_ENV).filter((n) => !SERVER_ENV_NOT_RENDERED.includes(n)));
// The Web UI's TEMPORAL_AUTH_* settings all come from the spec. TEMPORAL_UI_PUBLIC_PATH, the
// codec and the forwarded headers are not auth settings: a user may set them in their own
// values, and render's value overrides theirs only when the spec sets one.
const WEB_OWNED = named(Object.values(WEB_ENV).filter((n) => n.startsWith('TEMPORAL_AUTH_')));

/**
 * Every list of the chart's values that render writes into, with the entries
 * it owns: the server's and the Web UI's auth env (global and every
 * per-service list, under both spellings of the internal frontend), and the
 * volumes and mounts of the policy and the UI config. An owned entry in a
 * user's values is one an earlier render left there (`helm get values`
 * returns it); render and diff drop it, so a setting the spec no longer has
 * does not live on.
 */
export const OWNED_LISTS: readonly OwnedList[] = [
  { path: ['server', 'additionalEnv'], kind: 'env', owns: SERVER_OWNED },
  ...[...new Set(SERVER_SERVICES.flatMap((svc) => (svc === 'internal-frontend' ? INTERNAL_FRONTEND_KEYS : [svc])))].map(
    (key): OwnedList => ({ path: ['server', key, 'additionalEnv'], kind: 'env', owns: SERVER_OWNED }),
  ),
  { path: ['server', 'additionalVolumes'], kind: 'volumes', owns: named([POLICY_VOLUME]) },
  { path: ['server', 'additionalVolumeMounts'], kind: 'mounts', owns: named([POLICY_VOLUME]) },
  { path: ['web', 'additionalEnv'], kind: 'env', owns: WEB_OWNED },
  { path: ['web', 'additionalVolumes'], kind: 'volumes', owns: named([WEB_CONFIG_VOLUME]) },
  { path: ['web', 'additionalVolumeMounts'], kind: 'mounts', owns: named([WEB_CONFIG_VOLUME]) },
];

/** The values with every owned list entry removed (a copy; lists elsewhere untouched). */
export function withoutOwnedEntries(values: object): Record<string, unknown> {
  const copy = structuredClone(values) as Values;
  for (const list of OWNED_LISTS) {
    const parent = list.path.slice(0, -1).reduce<Values | undefined>((node, k) => (node && typeof node[k] === 'object' ? node[k] : undefined), copy);
    const leaf = list.path[list.path.length - 1]!;
    if (parent && Array.isArray(parent[leaf])) parent[leaf] = (parent[leaf] as unknown[]).filter((e) => !list.owns(e));
  }
  return copy;
}

/**
 * Dynamic config keys render writes under server.dynamicConfig (the chart's
 * `{ key: [ { value, constraints } ] }`, copied into dynamic_config.yaml,
 * which the server rereads without a restart). temporal-auth owns each: the
 * spec turns it on, and a `--values` file (helm get values) holding the entry
 * an earlier render wrote gets a null for it when the spec no longer does, so
 * Helm's merge deletes it instead of keeping it from their file.
 */
export const OWNED_DYNAMIC_CONFIG: Readonly<Record<string, { wanted(model: AuthModel): boolean; entry: readonly unknown[] }>> = {
  // frontend.enablePrincipalPropagation (server >= 1.31.0): history records the principal the
  // authorizer returns, the name server.authorization.principal picks.
  'frontend.enablePrincipalPropagation': { wanted: (model) => model.mode === 'custom' && model.authorization.principalClaim !== undefined, entry: [{ value: true, constraints: {} }] },
};

/** The dynamic config entries render writes for the model, and nulls for the owned ones an earlier render left in `userValues`. */
export function dynamicConfig(model: AuthModel, userValues?: unknown): Record<string, unknown> | undefined {
  if (!model.chart.templateReads.includes('server.dynamicConfig')) return undefined;
  const theirs = at(userValues, ['server', 'dynamicConfig']);
  const out: Record<string, unknown> = {};
  for (const [key, owned] of Object.entries(OWNED_DYNAMIC_CONFIG)) {
    if (owned.wanted(model)) out[key] = structuredClone(owned.entry);
    else if (theirs !== null && typeof theirs === 'object' && Object.hasOwn(theirs, key) && isDeepStrictEqual((theirs as Values)[key], owned.entry)) out[key] = null;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The rollout digests (emit/checksum.ts): the frontend's (custom mode) and the Web UI's. */
export interface PodChecksums {
  frontend?: string;
  web: string;
}

/**
 * values.auth.yaml: the Helm values overrides. `userValues` are the user's own
 * values (--values: their file, or `helm get values` of the release): every
 * list emitted here replaces theirs under `helm -f`, so their entries are
 * carried over, less the entries temporal-auth owns (emit/owned-entries.ts),
 * which a values file taken from a release holds from the last render.
 */
export function emitValues(model: AuthModel, userValues?: unknown, checksums?: PodChecksums): Record<string, unknown> {
  const theirs: Values = withoutOwnedEntries(userValues && typeof userValues === 'object' ? userValues : {}) as Values;
  const server: Values = {};
  if (model.image) server.image = { ...model.image };

  const env = serverEnv(model);
  if (env.length > 0) {
    server.additionalEnv = mergeEntries('env', theirs.server?.additionalEnv, env);
    server.additionalVolumes = mergeEntries('volumes', theirs.server?.additionalVolumes, [{ name: POLICY_VOLUME, configMap: { name: model.policy.configMapName } }]);
    server.additionalVolumeMounts = mergeEntries('mounts', theirs.server?.additionalVolumeMounts, [{ name: POLICY_VOLUME, mountPath: model.policy.mountPath, readOnly: true }]);
  }
  if (model.mode === 'builtin') server.config = { authorization: authorizationConfig(model) };
  const dynamic = dynamicConfig(model, userValues);
  if (dynamic) server.dynamicConfig = dynamic;

  server[model.chart.internalFrontendKey] = { enabled: model.internalFrontend };
  if (env.length > 0) {
    // A per-service list replaces the global one for that service (the chart's
    // `default $.Values.server.additionalEnv $serviceValues.additionalEnv`,
    // server-deployment.yaml:89 at temporal-1.6.0): carry ours into it.
    for (const svc of SERVER_SERVICES) {
      const key = svc === 'internal-frontend' ? model.chart.internalFrontendKey : svc;
      const own = theirs.server?.[key]?.additionalEnv;
      if (Array.isArray(own) && own.length > 0) {
        server[key] = { ...(server[key] ?? {}), additionalEnv: mergeEntries('env', own, env) };
      }
    }
  }
  const web: Values = { additionalEnv: mergeEntries('env', theirs.web?.additionalEnv, webEnv(model)) };
  const uiFiles = webUiConfigFiles(model);
  if (uiFiles) {
    // Only when a config-only setting is used: each file is mounted over its namesake in the
    // UI's config dir (subPath), leaving the image's other files in place.
    web.additionalVolumes = mergeEntries('volumes', theirs.web?.additionalVolumes, [{ name: WEB_CONFIG_VOLUME, configMap: { name: webConfigMapName(model) } }]);
    web.additionalVolumeMounts = mergeEntries(
      'mounts',
      theirs.web?.additionalVolumeMounts,
      Object.keys(uiFiles).map((file) => ({ name: WEB_CONFIG_VOLUME, mountPath: `${UI_CONFIG_DIR}/${file}`, subPath: file, readOnly: true })),
    );
  }
  if (checksums) {
    // A changed annotation rolls the pods: exactly those whose auth inputs changed. Only the
    // frontend reads the server's settings (the other services never map a token), and the
    // chart merges a service's podAnnotations over server.podAnnotations (_helpers.tpl:122 at
    // temporal-1.6.0, and at every supported tag), so the user's own annotations stay.
    if (checksums.frontend !== undefined) server.frontend = { ...(server.frontend ?? {}), podAnnotations: { [CHECKSUM_ANNOTATION]: checksums.frontend } };
    web.podAnnotations = { [CHECKSUM_ANNOTATION]: checksums.web };
  }
  const values = { server, web };
  // The rollout annotation where an earlier render wrote it and this one does not (on
  // server.podAnnotations before it moved to the frontend; on the frontend before a switch to
  // builtin mode): a null deletes it in Helm's merge, where leaving it out would keep it
  // from their file on every server pod, frozen.
  const annotated = new Set([...(model.mode === 'custom' ? ['server.frontend'] : []), 'web']);
  const places = [['server'], ...SERVER_SERVICES.map((svc) => ['server', svc === 'internal-frontend' ? model.chart.internalFrontendKey : svc]), ['web']];
  for (const place of places) {
    const theirAnnotations = at(userValues, [...place, 'podAnnotations']);
    if (annotated.has(place.join('.')) || theirAnnotations === null || typeof theirAnnotations !== 'object' || !(CHECKSUM_ANNOTATION in theirAnnotations)) continue;
    const parent = place.reduce<Values>((node, k) => (node[k] ??= {}), values);
    parent.podAnnotations = { ...(parent.podAnnotations ?? {}), [CHECKSUM_ANNOTATION]: null };
  }
  // A list of theirs that holds entries an earlier render wrote, and that this render does not
  // write (builtin mode has no server env; no UI config file): written without them, or Helm
  // would keep the stale entries from their file.
  for (const list of OWNED_LISTS) {
    const raw = at(userValues, list.path);
    if (Array.isArray(raw) && raw.some((e) => list.owns(e)) && at(values, list.path) === undefined) {
      const parent = list.path.slice(0, -1).reduce<Values>((node, k) => (node[k] ??= {}), values);
      parent[list.path[list.path.length - 1]!] = at(theirs, list.path);
    }
  }
  return values;
}

const at = (root: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>((node, k) => (node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Values)[k] : undefined), root);
