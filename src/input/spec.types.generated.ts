/* Generated from schemas/temporal-auth.schema.json by `npm run gen:types`. Do not edit. */

/**
 * Preset for claim paths, JWKS path and scopes.
 */
export type Provider = "okta" | "auth0" | "keycloak" | "entra" | "dex" | "pocket-id" | "google" | "zitadel" | "generic";
/**
 * an OAuth client ID (no spaces)
 */
export type ClientId = string;
/**
 * Where a secret value is read at render time. A literal value is refused.
 */
export type SecretSource =
  | {
      /**
       * an environment variable name (letters, digits and '_', not starting with a digit)
       */
      fromEnv: string;
    }
  | {
      /**
       * Path, relative to the spec file.
       */
      fromFile: string;
    };
/**
 * a lowercase DNS label (a-z, 0-9 and '-', starting and ending with a letter or digit, at most 63 characters)
 */
export type DnsLabel = string;
/**
 * Temporal role: read < write < admin. `worker` exists in Temporal but grants nothing under the default authorizer.
 */
export type Role = "read" | "write" | "admin" | "worker";
/**
 * Where a secret value is read at render time. A literal value is refused.
 */
export type SecretSource1 =
  | {
      /**
       * an environment variable name (letters, digits and '_', not starting with a digit)
       */
      fromEnv: string;
    }
  | {
      /**
       * Path, relative to the spec file.
       */
      fromFile: string;
    };

/**
 * temporal-auth spec: one declarative description of OIDC authentication and namespace permissions for a self-hosted Temporal release installed with the official Helm chart.
 */
export interface AuthSpec {
  /**
   * Optional pointer to this schema, for editors.
   */
  $schema?: string;
  /**
   * Spec format version.
   */
  apiVersion: "temporal-auth/v1";
  kind: "AuthSpec";
  chart: ChartTarget;
  release: Release;
  server?: Server;
  issuer: Issuer;
  cluster?: ClusterIssuer;
  clients: Clients;
  /**
   * Temporal namespaces and who may use them.
   */
  namespaces: {
    [k: string]: NamespaceSpec | undefined;
  };
  system?: SystemScope;
  secrets?: SecretsTarget;
  gitops?: GitOpsSettings;
}
/**
 * The official temporalio/helm-charts `temporal` chart the output targets.
 */
export interface ChartTarget {
  /**
   * the official chart's version, X.Y.Z (`render --chart-version` overrides it; a version the tool has no profile for is an error that lists those it has)
   */
  version: string;
}
/**
 * The Helm release the values are for.
 */
export interface Release {
  /**
   * Helm release name.
   */
  name: string;
  /**
   * Kubernetes namespace of the release; the Secret and ConfigMap go there too.
   */
  namespace: string;
}
/**
 * How the Temporal server enforces authorization.
 */
export interface Server {
  image?: Image;
  /**
   * a Temporal server version such as 1.31.2. Defaults to the leading version in the image tag, else the chart's appVersion; decides which authorization settings the server understands
   */
  version?: string;
  authorization?: Authorization;
  internalFrontend?: InternalFrontend;
  policy?: PolicyMount;
}
/**
 * Server image for all server services. Required in custom mode (the image carrying the ClaimMapper and Authorizer); in builtin mode the chart's stock image is kept unless set.
 */
export interface Image {
  /**
   * an image repository without spaces or braces, e.g. ghcr.io/acme/temporal-auth
   */
  repository: string;
  /**
   * an image tag (letters, digits, '_', '.' and '-', at most 128 characters)
   */
  tag: string;
  pullPolicy?: "Always" | "IfNotPresent" | "Never";
}
export interface Authorization {
  /**
   * custom: the custom-auth image's ClaimMapper and Authorizer read the compiled policy file. builtin: the stock image with Temporal's default JWT claim mapper, which reads `namespace:role` strings from the token.
   */
  mode?: "custom" | "builtin";
  /**
   * builtin mode, server >= 1.29: regex with named groups `namespace` and `role` applied to each permission string.
   */
  permissionsRegex?: string;
  /**
   * a duration such as 1m, 30s or 1h: how often the server refetches the JWKS (builtin mode)
   */
  refreshInterval?: string;
  /**
   * custom mode: whether the server refuses the calls its policy denies. false is shadow mode, for turning auth on without an outage: the server decides every call exactly as when enforcing, writes each call it would deny to its audit log as `would-deny`, and lets the call through. `namespaces.<name>.enforce` overrides it for one namespace; calls that name no namespace (ListNamespaces, GetClusterInfo) follow this setting. See the README's "Turning auth on without an outage".
   */
  enforce?: boolean;
  audit?: AuditLog;
  principal?: PrincipalName;
}
/**
 * custom mode: the server's decision audit log (one JSON line per decision on the frontend's standard output; fields in the README's "The audit log"). Every denial and would-be denial is logged; allowed calls are sampled. Left out: the server's defaults (no allowed calls, at most 100 lines a second).
 */
export interface AuditLog {
  /**
   * the fraction of allowed calls logged: 0 none (the server's default), 1 every one, 0.01 one in a hundred
   */
  allowSampleRate?: number;
  /**
   * at most this many decision lines a second (default 100); lines over it are dropped and counted in a `dropped` line, so a flood of denied calls cannot flood the log
   */
  maxLinesPerSecond?: number;
}
/**
 * custom mode, server >= 1.31: who Temporal records as the caller on workflow history events (frontend.enablePrincipalPropagation, which render turns on). Worker clients are recorded by their name in clients.workers; everyone else by this claim of their token. Left out: no principal is recorded.
 */
export interface PrincipalName {
  /**
   * a top-level claim of the access token whose text names the person, such as email, preferred_username or sub. A token without it (or with an empty or non-text value) is recorded by its sub claim.
   */
  claim: string;
}
/**
 * The internal-frontend service Temporal's own system worker calls, bypassing user authorization.
 */
export interface InternalFrontend {
  enabled?: boolean;
  /**
   * Render networkpolicy.yaml, admitting traffic to the internal frontend only from the release's own server pods, admin tools and namespace job. The internal frontend grants System Admin to every caller.
   */
  networkPolicy?: boolean;
  /**
   * Where Prometheus scrapes the internal frontend from: the NetworkPolicy admits the metrics port (9090, the port the chart annotates for scraping) from these peers. Unset: from any pod in any namespace (metrics grant no access to Temporal). [] admits nobody to it.
   */
  metricsFrom?: NetworkPeer[];
}
/**
 * A NetworkPolicy peer: pods matching podSelector in namespaces matching namespaceSelector (an empty selector matches all).
 */
export interface NetworkPeer {
  namespaceSelector?: LabelSelector;
  podSelector?: LabelSelector;
}
export interface LabelSelector {
  /**
   * labels that must all match, e.g. kubernetes.io/metadata.name: monitoring
   */
  matchLabels?: {
    [k: string]: string | undefined;
  };
}
/**
 * custom mode: where the compiled policy reaches the image.
 */
export interface PolicyMount {
  /**
   * a lowercase DNS name (a-z, 0-9, '-' and '.', at most 253 characters)
   */
  configMapName?: string;
  /**
   * an absolute path in the server container where the policy ConfigMap is mounted
   */
  mountPath?: string;
}
/**
 * The OpenID Provider that signs the tokens.
 */
export interface Issuer {
  /**
   * Issuer URL exactly as the provider's discovery document states it.
   */
  url: string;
  provider: Provider;
  /**
   * Expected `aud` of access tokens.
   */
  audience?: string;
  /**
   * JWKS URL; defaults to the provider preset's path under the issuer.
   */
  jwksUri?: string;
  /**
   * The token endpoint (the discovery document's `token_endpoint`), e.g. https://sso.acme.example/realms/acme/protocol/openid-connect/token. Render writes it into each worker's Secret (TEMPORAL_AUTH_TOKEN_URL), so render stays offline; without it no worker Secret is written (rule `worker-token-url`).
   */
  tokenUrl?: string;
  claims?: Claims;
}
export interface Claims {
  /**
   * Dotted path of the groups claim, e.g. `realm_access.roles` (Keycloak) or a URL claim name (Auth0). Defaults to the provider preset.
   */
  groups?: string;
  /**
   * Top-level claims naming the client a token was issued to, in order (the first present wins); worker clients are matched on it. Defaults to the provider preset: `cid` (Okta), `azp` (Auth0, Keycloak, Dex, Google), `azp` then `appid` (Entra ID), `client_id` then `azp` (Pocket ID, Zitadel, generic).
   *
   * @minItems 1
   */
  clientId?: [string, ...string[]];
  /**
   * the top-level claim holding `namespace:role` strings in builtin mode (Temporal's permissionsClaimName), looked up by its whole name: a namespaced URL such as `https://acme.example/permissions` (Auth0) is one claim, not a path
   */
  permissions?: string;
}
/**
 * custom mode: this Kubernetes cluster's service-account issuer, for workers that authenticate with their service account (clients.workers[].serviceAccount). The server accepts its tokens beside the identity provider's, each checked only against the issuer its `iss` names. See the README's "Workers without secrets".
 */
export interface ClusterIssuer {
  /**
   * the service-account issuer exactly as the cluster states it: `issuer` in `kubectl get --raw /.well-known/openid-configuration` (kube-apiserver's --service-account-issuer), e.g. https://kubernetes.default.svc.cluster.local, or https://oidc.eks.<region>.amazonaws.com/id/<id> on EKS; an https URL
   */
  issuer: string;
  /**
   * the audience workers request for their projected token and the server requires in `aud`, e.g. temporal.acme.example. Never one of the API server's own audiences (its issuer, https://kubernetes.default.svc...): a token meant for Kubernetes must not open Temporal (rule `cluster-audience`)
   */
  audience: string;
  jwks?: ClusterJwks;
  /**
   * the lifetime of the workers' projected tokens (serviceAccountToken.expirationSeconds; Kubernetes' minimum is 600); the kubelet rewrites the token file before it expires
   */
  tokenExpirationSeconds?: number;
}
/**
 * Where the server gets the cluster's signing keys.
 */
export interface ClusterJwks {
  /**
   * apiServer: the server asks the API server it runs in (GET /openid/v1/jwks, with its pod's own service-account token; render writes the RBAC) and follows key rotations by itself. file: the keys in `file`, for clusters whose API server the server may not ask; re-render when the cluster rotates its keys
   */
  source?: "apiServer" | "file";
  /**
   * source file: the cluster's JWKS, e.g. from `kubectl get --raw /openid/v1/jwks`, relative to the spec file
   */
  file?: string;
}
export interface Clients {
  web: WebClient;
  workers?: WorkerClient[];
}
/**
 * The Temporal Web UI's OIDC client.
 */
export interface WebClient {
  clientId: ClientId;
  clientSecret: SecretSource;
  /**
   * Must be https and end in /auth/sso/callback (after clients.web.publicPath when the UI is served under a sub-path).
   */
  callbackUrl: string;
  /**
   * Scopes the UI requests. Defaults to the provider preset's scopes.
   *
   * @minItems 1
   *
   * Items: an OAuth scope (printable ASCII without spaces, commas, quotes or backslashes: the Web UI joins scopes with commas)
   */
  scopes?: [string, ...string[]];
  /**
   * Text on the UI's login button.
   */
  label?: string;
  /**
   * Send the ID token to the server instead of the access token (for providers whose access tokens are opaque or meant for another API: Google, Entra ID without an API scope).
   */
  useIdTokenAsBearer?: boolean;
  /**
   * a sub-path such as /temporal (a leading slash, no trailing slash) when the Web UI is served under it: set as TEMPORAL_UI_PUBLIC_PATH, and the callback URL is then https://host/temporal/auth/sso/callback
   */
  publicPath?: string;
  /**
   * Send a signed-out user straight to the identity provider instead of the UI's login page (TEMPORAL_AUTH_REDIRECT_TO_PROVIDER; Web UI 2.52 and later: left out, with a lint warning naming the charts that run one, for older UIs).
   */
  redirectToProvider?: boolean;
  /**
   * Settings the Web UI reads only from its YAML config file, not from env: rendered as web-ui-config.yaml (a ConfigMap mounted as the UI's config/base.yaml) only when set.
   */
  session?: {
    /**
     * The longest a UI session lasts before the user must sign in again, as a Go duration such as 8h or 90m (the UI config's auth.maxSessionDuration; Web UI 2.45.2 and later: left out, with a lint warning naming the charts that run one, for older UIs).
     */
    maxDuration?: string;
  };
  /**
   * Query parameters the Web UI adds to its redirect to the provider (the provider's `options` in the UI's YAML config), such as Auth0's `audience` (so the UI's access token is issued for your API) or Google's `access_type: offline` (so the UI gets a refresh token). The UI reads them only from its config file, inside the provider list its env template sets, so render writes a whole replacement of the image's config/docker.yaml (web-ui-config.yaml), reading every other setting from the same env vars as upstream's. Values: no braces, angle brackets, quotes, backslashes or control characters; the OAuth parameters the UI sets itself (client_id, redirect_uri, scope, state, ...) are refused. A value may be overridden by the same query parameter on the UI's /auth/sso URL (that is how Auth0 invitation links work); an empty value is sent empty unless the login URL carries one.
   */
  providerOptions?: {
    /**
     * a value without braces, angle brackets, double quotes, backslashes or control characters (the UI renders its config file as a template)
     */
    [k: string]: string | undefined;
  };
  /**
   * The issuer (iss) the provider's tokens carry, when it differs from issuer.url (the discovery base): set as TEMPORAL_AUTH_ISSUER_URL.
   */
  issuerUrl?: string;
  /**
   * The codec server the Web UI calls to decode payloads.
   */
  codec?: {
    /**
     * The codec server's URL (TEMPORAL_CODEC_ENDPOINT); https when the access token is passed.
     */
    endpoint: string;
    /**
     * Send the user's access token to the codec server as a bearer header (TEMPORAL_CODEC_PASS_ACCESS_TOKEN).
     */
    passAccessToken?: boolean;
    /**
     * Send the browser's cookies with codec requests (TEMPORAL_CODEC_INCLUDE_CREDENTIALS).
     */
    includeCredentials?: boolean;
  };
  /**
   * HTTP headers the UI server forwards from the browser's requests to the Temporal frontend (TEMPORAL_FORWARD_HEADERS, comma-joined).
   *
   * @minItems 1
   *
   * Items: an HTTP header name (the UI splits the list on commas)
   */
  forwardHeaders?: [string, ...string[]];
}
/**
 * A machine client: one that gets tokens by the client_credentials grant (clientId, clientSecret), or a workload in this Kubernetes cluster that authenticates with its service account's projected token (serviceAccount, with `cluster`), never both (rule `worker-identity`).
 */
export interface WorkerClient {
  name: DnsLabel;
  /**
   * an OAuth client ID (no spaces)
   */
  clientId?: string;
  serviceAccount?: WorkerServiceAccount;
  clientSecret?: SecretSource;
  /**
   * Namespace name to role.
   */
  grants: {
    [k: string]: Role | undefined;
  };
  /**
   * Scopes the worker requests with the client_credentials grant (TEMPORAL_AUTH_SCOPES in its Secret, space-separated; `token --client` requests them too). Unset: none, the provider's default for the client.
   *
   * @minItems 1
   *
   * Items: an OAuth scope (printable ASCII without spaces, quotes or backslashes)
   */
  scopes?: [string, ...string[]];
  secret?: WorkerSecret;
}
/**
 * Workload identity: the worker authenticates with a projected token of this Kubernetes service account (audience cluster.audience, signed by cluster.issuer) instead of a client ID and secret; no Secret is written for it. The server maps the token's subject, system:serviceaccount:<namespace>:<name>, to this worker's grants and to nothing else (never to groups). Render writes the service account and what the worker's Deployment needs (worker-identity.yaml).
 */
export interface WorkerServiceAccount {
  /**
   * a lowercase DNS label (a-z, 0-9 and '-', starting and ending with a letter or digit, at most 63 characters)
   */
  namespace?: string;
  /**
   * the service account's name
   */
  name: string;
  /**
   * the worker's Deployment, which worker-identity.yaml adds the token volume, mount and env to; default the worker's name
   */
  deployment?: string;
  /**
   * a lowercase DNS label (a-z, 0-9 and '-', starting and ending with a letter or digit, at most 63 characters)
   */
  container?: string;
}
/**
 * The Secret render writes for this worker's own Deployment (`envFrom: [{ secretRef: { name } }]`), holding TEMPORAL_AUTH_CLIENT_ID, TEMPORAL_AUTH_CLIENT_SECRET, TEMPORAL_AUTH_TOKEN_URL, TEMPORAL_AUTH_AUDIENCE and TEMPORAL_AUTH_SCOPES. Written when the worker has a clientSecret, in the format of secrets.format.
 */
export interface WorkerSecret {
  /**
   * the Secret's name; default temporal-auth-worker-<worker name>
   */
  name?: string;
  /**
   * a lowercase DNS label (a-z, 0-9 and '-', starting and ending with a letter or digit, at most 63 characters)
   */
  namespace?: string;
  /**
   * external-secret format: the store entry holding this worker's client secret; default secrets.externalSecret.remoteKey
   */
  remoteKey?: string;
  /**
   * external-secret format: the property of that entry holding the client secret; default <worker name>-client-secret
   */
  property?: string;
}
export interface NamespaceSpec {
  grants: Grant[];
  /**
   * custom mode: whether calls on this namespace are enforced, overriding server.authorization.enforce for it (false: shadow mode here only; true: enforced here even when shadow mode is on elsewhere). Matched by the exact name a request carries.
   */
  enforce?: boolean;
}
export interface Grant {
  /**
   * Group name as it appears in the groups claim.
   */
  group: string;
  role: Role;
}
/**
 * Cluster-scoped role (Temporal's system role): namespace list, cluster info, search attributes.
 */
export interface SystemScope {
  grants?: Grant[];
}
/**
 * The Secret the values reference, and how it reaches the cluster.
 */
export interface SecretsTarget {
  /**
   * a lowercase DNS name (a-z, 0-9, '-' and '.', at most 253 characters)
   */
  name?: string;
  /**
   * secret: a plain v1 Secret (secrets.yaml, mode 0600). external-secret: an External Secrets Operator ExternalSecret that builds the same Secret from your secret store, so no value is written. sealed-secret: a Bitnami SealedSecret encrypted with the controller's certificate (render --seal-cert). `render --secrets-format` overrides it.
   */
  format?: "secret" | "external-secret" | "sealed-secret";
  rolloutKey?: SecretSource1;
  externalSecret?: ExternalSecretSettings;
  sealedSecret?: SealedSecretSettings;
}
/**
 * external-secret format: where the values live in your secret store.
 */
export interface ExternalSecretSettings {
  storeRef: {
    /**
     * a SecretStore or ClusterSecretStore name
     */
    name: string;
    kind?: "SecretStore" | "ClusterSecretStore";
  };
  /**
   * Key of the secret in the store (e.g. a Vault path) holding the values as properties.
   */
  remoteKey: string;
  /**
   * Property in the remote secret for each Secret key the store provides (default: the key's own name, e.g. client_secret).
   */
  properties?: {
    [k: string]: string | undefined;
  };
  /**
   * a Go duration such as 1h or 15m: how often the operator re-reads the store
   */
  refreshInterval?: string;
}
/**
 * sealed-secret format.
 */
export interface SealedSecretSettings {
  /**
   * strict: only this name in this namespace can decrypt it; namespace-wide: any name in the namespace; cluster-wide: anywhere.
   */
  scope?: "strict" | "namespace-wide" | "cluster-wide";
}
/**
 * What a GitOps tool needs beside the manifests.
 */
export interface GitOpsSettings {
  /**
   * How render lays out its output folder. flat: every file in the folder. folders: the Kubernetes manifests kubectl applies as they are in manifests/ with its kustomization.yaml (point Argo CD or Flux at that folder), plaintext Secrets in secrets/ (keep it out of git), the identity provider's files in identity-provider/, and values.auth.yaml, worker-identity.yaml and temporal-cli-profile.toml beside them.
   */
  layout?: "flat" | "folders";
  valuesFrom?: ValuesFrom;
}
/**
 * Also write values.auth.yaml's content as a ConfigMap (or Secret) in the release's namespace, key values.yaml, for a Flux HelmRelease's spec.valuesFrom (values-from.yaml; kustomization.yaml lists it). The values hold no secret value (they reference the Secret), so a ConfigMap is the default.
 */
export interface ValuesFrom {
  kind?: "ConfigMap" | "Secret";
  /**
   * the object's name, which the HelmRelease's valuesFrom names
   */
  name?: string;
}
