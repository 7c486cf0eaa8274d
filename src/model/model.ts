import type { ChartProfile } from '../charts/profile.js';
import { uiSupportsMaxSessionDuration, uiSupportsRedirectToProvider } from '../charts/web-ui.js';
import type { AuthSpec, NetworkPeer, Provider, Role, SecretSource } from '../input/spec.types.generated.js';
import { PRESETS } from '../providers/presets.js';
import { effectiveServerVersion } from '../temporal/versions.js';

/**
 * The spec after validation, with every default and preset applied: what the
 * emitters read. Nothing here is optional that an emitter needs to decide on.
 */
export interface AuthModel {
  chart: ChartProfile;
  release: { name: string; namespace: string };
  mode: 'custom' | 'builtin';
  serverVersion: string;
  /**
   * custom mode's settings beyond the grants: shadow mode (`enforce`, the
   * default for every namespace; a namespace's own setting is on its entry),
   * the audit log's (set only when the spec sets them) and the claim that
   * names a person in history (set only when the spec sets it).
   */
  authorization: { enforce: boolean; audit?: { allowSampleRate?: number; maxLinesPerSecond?: number }; principalClaim?: string };
  image?: { repository: string; tag: string; pullPolicy: string };
  internalFrontend: boolean;
  /** Render the NetworkPolicy that closes the internal frontend to everything but the release's own pods. */
  internalFrontendNetworkPolicy: boolean;
  /** Where the NetworkPolicy admits the metrics port from: undefined is anywhere, [] nobody. */
  internalFrontendMetricsFrom?: NetworkPeer[];
  policy: { configMapName: string; mountPath: string; fileName: string };
  issuer: {
    url: string;
    provider: Provider;
    audience?: string;
    jwksUri?: string;
    /** The token endpoint, for worker Secrets (render stays offline). */
    tokenUrl?: string;
    groupsClaim?: string;
    /** Claims naming the client a token was issued to, first present wins. */
    clientIdClaims: string[];
    permissionsClaim: string;
    permissionsRegex?: string;
    refreshInterval: string;
  };
  web: {
    clientId: string;
    clientSecret: SecretSource;
    callbackUrl: string;
    scopes: string[];
    label?: string;
    useIdTokenAsBearer?: boolean;
    /** The sub-path the UI is served under (TEMPORAL_UI_PUBLIC_PATH). */
    publicPath?: string;
    /** The Web UI version the chart runs; undefined when unknown (settings that need a version are left out). */
    uiVersion?: string;
    /** TEMPORAL_AUTH_REDIRECT_TO_PROVIDER: set only when the spec sets it and the UI knows it. */
    redirectToProvider?: boolean;
    /** TEMPORAL_AUTH_ISSUER_URL: the tokens' issuer when it differs from issuer.url. */
    issuerUrl?: string;
    codec?: { endpoint: string; passAccessToken?: boolean; includeCredentials?: boolean };
    /** TEMPORAL_FORWARD_HEADERS, comma-joined. */
    forwardHeaders?: string[];
    /** The UI config file's auth.maxSessionDuration: set only when the spec sets it and the UI knows it. */
    maxSessionDuration?: string;
    /** The provider's `options` in the UI config (query parameters of the redirect to the provider); set only when the spec sets some. */
    providerOptions?: Record<string, string>;
  };
  /** Worker clients with an OAuth client ID (client_credentials). */
  workers: WorkerModel[];
  /** Worker clients that authenticate with their Kubernetes service account (workload identity), in spec order. */
  serviceAccountWorkers: ServiceAccountWorkerModel[];
  /** The cluster's service-account issuer (spec `cluster`); set when the spec sets it. */
  cluster?: ClusterModel;
  /** Sorted by namespace name, so every emitter is deterministic. `enforce` only when the spec sets it for the namespace. */
  namespaces: { name: string; grants: { group: string; role: Role }[]; enforce?: boolean }[];
  system: { grants: { group: string; role: Role }[] };
  secretName: string;
  secrets: {
    format: 'secret' | 'external-secret' | 'sealed-secret';
    externalSecret?: { storeName: string; storeKind: string; remoteKey: string; properties: Record<string, string>; refreshInterval: string };
    sealedScope: 'strict' | 'namespace-wide' | 'cluster-wide';
    /** Keys the pod checksums (HMAC), so they do not let anyone test guesses at a secret. */
    rolloutKey?: SecretSource;
  };
  /** gitops.valuesFrom: the values also as a ConfigMap or Secret, for a Flux HelmRelease's valuesFrom. */
  valuesFrom?: { kind: 'ConfigMap' | 'Secret'; name: string };
  /** gitops.layout: every output in the folder (flat), or in the subfolders the outputs table names (folders). */
  layout: 'flat' | 'folders';
}

export interface WorkerModel {
  name: string;
  clientId: string;
  clientSecret?: SecretSource;
  grants: [string, Role][];
  /** Scopes requested with the client_credentials grant; [] is none. */
  scopes: string[];
  /** The Secret its own Deployment reads (written when clientSecret is set and issuer.tokenUrl known). */
  secret: { name: string; namespace: string; remoteKey?: string; property?: string };
  /** Its index in the spec's clients.workers, for error locations (service-account workers are in that list too). */
  index: number;
}

/** A worker that authenticates with its Kubernetes service account's projected token. */
export interface ServiceAccountWorkerModel {
  name: string;
  serviceAccount: { namespace: string; name: string };
  /** The token's `sub`, the policy's serviceAccounts key: system:serviceaccount:<namespace>:<name>. */
  subject: string;
  grants: [string, Role][];
  /** The Deployment and container worker-identity.yaml adds the token volume, mount and env to. */
  deployment: { name: string; container: string };
}

/** The cluster's service-account issuer. */
export interface ClusterModel {
  issuer: string;
  audience: string;
  /** apiServer: the server reads /openid/v1/jwks from its API server; file: the keys in the file (path relative to the spec, as written). */
  jwks: { source: 'apiServer' } | { source: 'file'; file: string };
  tokenExpirationSeconds: number;
}

/** The `sub` of a service account's tokens (Kubernetes' serviceaccount.MakeUsername). */
export const serviceAccountSubject = (namespace: string, name: string) => `system:serviceaccount:${namespace}:${name}`;

/**
 * A value the schema's `default` fills in during validation. Defaults live in
 * the schema alone; reaching here without one means validation was skipped.
 */
function fromSchema<T>(value: T | undefined, path: string): T {
  if (value === undefined) throw new Error(`internal: ${path} has no value; the spec was not validated`);
  return value;
}

/** The default name of a worker's Secret. */
export const workerSecretName = (worker: string) => `temporal-auth-worker-${worker}`;

const sortedByName = <T>(entries: [string, T][]) => entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** Builds the model from a schema-valid, lint-clean spec (schema defaults already applied). */
export function buildModel(spec: AuthSpec, chart: ChartProfile, overrides: { secretsFormat?: AuthModel['secrets']['format'] } = {}): AuthModel {
  const preset = PRESETS[spec.issuer.provider];
  const server = spec.server ?? {};
  const auth = server.authorization ?? {};
  const image = server.image;
  const es = spec.secrets?.externalSecret;
  return {
    chart,
    release: { name: spec.release.name, namespace: spec.release.namespace },
    mode: fromSchema(auth.mode, 'server.authorization.mode'),
    serverVersion: effectiveServerVersion(spec, chart) ?? chart.appVersion,
    authorization: {
      enforce: fromSchema(auth.enforce, 'server.authorization.enforce'),
      ...(auth.audit ? { audit: { ...auth.audit } } : {}),
      ...(auth.principal ? { principalClaim: auth.principal.claim } : {}),
    },
    image: image && { repository: image.repository, tag: image.tag, pullPolicy: fromSchema(image.pullPolicy, 'server.image.pullPolicy') },
    internalFrontend: fromSchema(server.internalFrontend?.enabled, 'server.internalFrontend.enabled'),
    internalFrontendNetworkPolicy: fromSchema(server.internalFrontend?.networkPolicy, 'server.internalFrontend.networkPolicy'),
    internalFrontendMetricsFrom: server.internalFrontend?.metricsFrom,
    policy: {
      configMapName: fromSchema(server.policy?.configMapName, 'server.policy.configMapName'),
      mountPath: fromSchema(server.policy?.mountPath, 'server.policy.mountPath'),
      fileName: 'policy.json',
    },
    issuer: {
      url: spec.issuer.url,
      provider: spec.issuer.provider,
      audience: spec.issuer.audience,
      jwksUri: spec.issuer.jwksUri ?? preset.jwksUri(spec.issuer.url),
      tokenUrl: spec.issuer.tokenUrl,
      groupsClaim: spec.issuer.claims?.groups ?? preset.groupsClaim,
      clientIdClaims: spec.issuer.claims?.clientId ?? preset.clientIdClaims,
      permissionsClaim: fromSchema(spec.issuer.claims?.permissions, 'issuer.claims.permissions'),
      permissionsRegex: auth.permissionsRegex,
      refreshInterval: fromSchema(auth.refreshInterval, 'server.authorization.refreshInterval'),
    },
    web: {
      clientId: spec.clients.web.clientId,
      clientSecret: spec.clients.web.clientSecret,
      callbackUrl: spec.clients.web.callbackUrl,
      scopes: spec.clients.web.scopes ?? preset.scopes,
      label: spec.clients.web.label,
      useIdTokenAsBearer: spec.clients.web.useIdTokenAsBearer,
      publicPath: spec.clients.web.publicPath,
      uiVersion: chart.webUiVersion,
      redirectToProvider: uiSupportsRedirectToProvider(chart.webUiVersion) ? spec.clients.web.redirectToProvider : undefined,
      issuerUrl: spec.clients.web.issuerUrl,
      codec: spec.clients.web.codec && { ...spec.clients.web.codec },
      forwardHeaders: spec.clients.web.forwardHeaders,
      maxSessionDuration: uiSupportsMaxSessionDuration(chart.webUiVersion) ? spec.clients.web.session?.maxDuration : undefined,
      providerOptions: providerOptions(spec.clients.web.providerOptions),
    },
    workers: fromSchema(spec.clients.workers, 'clients.workers')
      .flatMap((w, index) => (w.clientId === undefined ? [] : [{ ...w, clientId: w.clientId, index }]))
      .map((w) => ({
        name: w.name,
        clientId: w.clientId,
        clientSecret: w.clientSecret,
        grants: sortedByName(Object.entries(w.grants).filter((e): e is [string, Role] => e[1] !== undefined)),
        scopes: w.scopes ?? [],
        secret: {
          name: w.secret?.name ?? workerSecretName(w.name),
          namespace: w.secret?.namespace ?? spec.release.namespace,
          remoteKey: w.secret?.remoteKey,
          property: w.secret?.property,
        },
        index: w.index,
      })),
    serviceAccountWorkers: fromSchema(spec.clients.workers, 'clients.workers').flatMap((w) => {
      if (w.serviceAccount === undefined || w.clientId !== undefined) return [];
      const namespace = w.serviceAccount.namespace ?? spec.release.namespace;
      return [
        {
          name: w.name,
          serviceAccount: { namespace, name: w.serviceAccount.name },
          subject: serviceAccountSubject(namespace, w.serviceAccount.name),
          grants: sortedByName(Object.entries(w.grants).filter((e): e is [string, Role] => e[1] !== undefined)),
          deployment: { name: w.serviceAccount.deployment ?? w.name, container: w.serviceAccount.container ?? w.name },
        },
      ];
    }),
    ...(spec.cluster
      ? {
          cluster: {
            issuer: spec.cluster.issuer,
            audience: spec.cluster.audience,
            jwks: spec.cluster.jwks?.source === 'file' && spec.cluster.jwks.file !== undefined ? { source: 'file' as const, file: spec.cluster.jwks.file } : { source: 'apiServer' as const },
            tokenExpirationSeconds: fromSchema(spec.cluster.tokenExpirationSeconds, 'cluster.tokenExpirationSeconds'),
          },
        }
      : {}),
    namespaces: sortedByName(Object.entries(spec.namespaces)).map(([name, ns]) => ({ name, grants: ns?.grants ?? [], ...(ns?.enforce !== undefined ? { enforce: ns.enforce } : {}) })),
    system: { grants: fromSchema(spec.system?.grants, 'system.grants') },
    secretName: fromSchema(spec.secrets?.name, 'secrets.name'),
    secrets: {
      format: overrides.secretsFormat ?? fromSchema(spec.secrets?.format, 'secrets.format'),
      externalSecret: es && {
        storeName: es.storeRef.name,
        storeKind: fromSchema(es.storeRef.kind, 'secrets.externalSecret.storeRef.kind'),
        remoteKey: es.remoteKey,
        properties: Object.fromEntries(Object.entries(es.properties ?? {}).filter((e): e is [string, string] => e[1] !== undefined)),
        refreshInterval: fromSchema(es.refreshInterval, 'secrets.externalSecret.refreshInterval'),
      },
      sealedScope: fromSchema(spec.secrets?.sealedSecret?.scope, 'secrets.sealedSecret.scope'),
      rolloutKey: spec.secrets?.rolloutKey,
    },
    layout: fromSchema(spec.gitops?.layout, 'gitops.layout'),
    ...(spec.gitops?.valuesFrom
      ? { valuesFrom: { kind: fromSchema(spec.gitops.valuesFrom.kind, 'gitops.valuesFrom.kind'), name: fromSchema(spec.gitops.valuesFrom.name, 'gitops.valuesFrom.name') } }
      : {}),
  };
}

/** Own string properties only, sorted by name (the order of a rendered map); undefined when none. */
function providerOptions(options: Record<string, string | undefined> | undefined): Record<string, string> | undefined {
  const entries = Object.entries(options ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string');
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
