import type { KeyObject } from 'node:crypto';
import type { ClusterJwks } from '../input/cluster-jwks.js';
import type { AuthModel } from '../model/model.js';
import type { IdentityProviderFile } from '../providers/presets.js';
import { type SecretKey, WORKER_TOKEN_FILE, type WorkerSecretKey, workersWithSecrets } from '../secrets/keys.js';
import type { PreviousSealed } from '../secrets/seal-reuse.js';
import { emitExternalSecret } from './external-secret.js';
import { emitAuth0CredentialsExchangeAction, emitAuth0GroupsAction, emitAuth0PostLoginAction } from './idp-auth0.js';
import { emitEntraAppRoles, emitEntraGroupAppRoles } from './idp-entra.js';
import { emitKeycloakGroupsRealm, emitKeycloakRealm, groupsAreRealmRoles, KEYCLOAK_GROUPS_SCOPE_NAME, KEYCLOAK_SCOPE_NAME } from './idp-keycloak.js';
import { emitOktaClaim, emitOktaGroupsClaim, OKTA_CLAIM_HEADER, OKTA_GROUPS_CLAIM_HEADER } from './idp-okta.js';
import { emitIdpPermissions, IDP_PERMISSIONS_HEADER } from './idp-permissions.js';
import { emitKustomization, KUSTOMIZATION_HEADER } from './kustomization.js';
import { emitNetworkPolicy } from './network-policy.js';
import { emitPolicyConfigMap } from './policy-configmap.js';
import { emitSealedSecret } from './sealed-secret.js';
import { emitSecret } from './secret.js';
import { emitValuesFrom } from './values-from.js';
import { emitWebConfigMap } from './web-config.js';
import { emitCliProfiles } from './worker-cli-profile.js';
import { emitIssuerDiscoveryBinding, emitWorkerIdentities, FIELD_MANAGER, needsIssuerDiscoveryBinding, WORKER_IDENTITY_HEADER } from './worker-identity.js';
import { emitWorkerExternalSecrets, emitWorkerSealedSecrets, emitWorkerSecrets, toYamlStream } from './worker-secrets.js';
import { toYaml } from './yaml.js';

// The one table of render's outputs. Everything else that lists them is derived
// from it: the file modes, which files hold plaintext secrets (never printed by
// render --stdout), what --stdout prints, the render summary's kubectl lines and
// instructions, `render --help`, diff's Secret files, and the README's table.

export interface RenderInputs {
  /** Resolved Secret values; absent with --no-secrets and with the external-secret format. */
  secretValues?: ReadonlyMap<SecretKey, string>;
  /** Each worker Secret's resolved values, by worker name; absent when secretValues is. */
  workerValues?: ReadonlyMap<string, ReadonlyMap<WorkerSecretKey, string>>;
  /** secrets.rolloutKey's value: keys the pod checksums over the secret values. */
  rolloutKey?: string;
  /** The sealed-secrets controller's key, for the sealed-secret format. */
  sealingKey?: KeyObject;
  /** The SealedSecrets an earlier render wrote: their unchanged values keep their ciphertext (src/secrets/seal-reuse.ts). */
  previousSealed?: PreviousSealed;
  /** The user's own Helm values (--values), whose lists are carried over. */
  userValues?: unknown;
  /** cluster.jwks.source file: the cluster's JWKS, read at render time (src/input/cluster-jwks.ts). */
  clusterJwks?: ClusterJwks;
}

/** What an emitter gets: the inputs, the Helm values render has already built (and checked against the chart), and the names of the files before it in the table that this render writes. */
export interface EmitInputs extends RenderInputs {
  values: Record<string, unknown>;
  written: readonly string[];
}

export type OutputFormat = 'yaml' | 'json' | 'js' | 'toml';

/**
 * Who applies a file: Helm (a values file), kubectl in the release's namespace,
 * kubectl with each object in its worker's namespace, kubectl with
 * cluster-scoped objects, kubectl's server-side apply onto the workers'
 * Deployments, the identity provider's admin (by hand or its own tooling), or
 * an operator's `temporal` CLI.
 */
export type AppliedBy = 'helm-values' | 'kubectl-release-namespace' | 'kubectl-worker-namespaces' | 'kubectl-cluster' | 'kubectl-server-side' | 'identity-provider' | 'operator-cli' | 'gitops';

/** How the README (Markdown) and `render --help` name who applies a file, in the order they list them. */
export const APPLIED_BY: Record<AppliedBy, { readme: string; help: string }> = {
  'helm-values': { readme: '`helm upgrade -f`, after your own values', help: 'helm upgrade -f' },
  'kubectl-release-namespace': { readme: "`kubectl apply -n` the release's namespace", help: 'kubectl apply -n <release namespace>' },
  'kubectl-worker-namespaces': { readme: "`kubectl apply`: each object goes to its worker's namespace", help: "kubectl apply (the workers' namespaces)" },
  'kubectl-cluster': { readme: '`kubectl apply`: cluster-scoped (someone who may bind ClusterRoles)', help: 'kubectl apply (cluster-scoped)' },
  'kubectl-server-side': {
    readme: `\`kubectl apply --server-side --field-manager=${FIELD_MANAGER}\`: onto each worker's existing Deployment`,
    help: 'kubectl apply --server-side',
  },
  'identity-provider': { readme: 'your identity provider (see the summary render prints)', help: 'your identity provider' },
  'operator-cli': { readme: "an operator's `temporal` CLI (`TEMPORAL_CONFIG_FILE`)", help: 'the temporal CLI' },
  gitops: { readme: 'Argo CD or Flux pointed at the folder, or `kubectl apply -k` (see [GitOps](#gitops-argo-cd-and-flux))', help: 'kubectl apply -k, Argo CD, Flux' },
};

export type SecretFormat = AuthModel['secrets']['format'];

/**
 * The subfolder a file goes to in the folders layout (`gitops.layout: folders`): `manifests`
 * holds what kubectl applies as it is, with its kustomization.yaml (what Argo CD or Flux is
 * pointed at); `secrets` the plaintext Secrets (kept out of git); `identity-provider` the
 * provider's files. A file without one stays in the folder itself.
 */
export type OutputFolder = 'manifests' | 'secrets' | 'identity-provider';

interface OutputBase {
  /** The file's name in the output folder. */
  name: string;
  /** Its subfolder in the folders layout; absent: the output folder itself. */
  folder?: OutputFolder;
  format: OutputFormat;
  /** Holds secret values in plaintext: mode 0600, never printed by render --stdout. */
  plaintextSecret: boolean;
  /** One line for the README's table (Markdown). */
  description: string;
  /** The file carries the auth Secret (server) or the worker clients' Secrets, in one of the secret formats. */
  secret?: { of: 'server' | 'workers'; format: SecretFormat };
  /** The file's content; undefined when this spec and these inputs call for no such file. */
  emit(model: AuthModel, inputs: EmitInputs): string | undefined;
}

/** A file kubectl or Helm applies: the summary's kubectl and helm lines name it. */
interface AppliedOutput extends OutputBase {
  appliedBy: 'helm-values' | 'kubectl-release-namespace' | 'kubectl-worker-namespaces' | 'kubectl-cluster';
}

/** A file someone applies by hand: the summary prints its instruction, given the file's path as the user sees it. */
interface InstructedOutput extends OutputBase {
  appliedBy: 'kubectl-server-side' | 'identity-provider' | 'operator-cli' | 'gitops';
  instruction(path: string, model: AuthModel): string;
}

export type Output = AppliedOutput | InstructedOutput;

/** The provider files that are JSON (what the provider's import or manifest takes): two-space indented, one final newline. */
const toJson = (data: unknown) => `${JSON.stringify(data, null, 2)}\n`;

const WORKER_HEADER = ' One Secret per worker client, for its own Deployment: envFrom: [{ secretRef: { name: <metadata.name> } }]. Generated by temporal-auth; re-render.';

/** Worker Secrets as one YAML stream; none (undefined) without a worker Secret. */
const workerStream = (docs: unknown[]) => (docs.length > 0 ? toYamlStream(docs, WORKER_HEADER) : undefined);

const SEE_IDP = 'see [Configuring your identity provider](#configuring-your-identity-provider)';
const SEE_WORKERS = 'see [Workers in the cluster](#workers-in-the-cluster)';
const SEE_GITOPS = 'see [GitOps](#gitops-argo-cd-and-flux)';
const SEE_NO_SECRETS = 'see [Workers without secrets](#workers-without-secrets)';

/**
 * Every output, in the order render writes them (and prints them, and lists
 * them). Keyed by the name the library exports them under (FILES).
 */
export const OUTPUT_TABLE = {
  values: {
    name: 'values.auth.yaml',
    format: 'yaml',
    plaintextSecret: false,
    appliedBy: 'helm-values',
    description:
      'Helm values overrides for `helm upgrade -f`: server image, server and Web UI env (every credential by `secretKeyRef`), internal frontend under the key your chart version uses, `server.config.authorization` in builtin mode',
    emit: (model, { values }) => valuesText(model, values),
  },
  policyConfigMap: {
    name: 'policy-configmap.yaml',
    folder: 'manifests',
    format: 'yaml',
    plaintextSecret: false,
    appliedBy: 'kubectl-release-namespace',
    description:
      "custom mode: the compiled namespace permissions, mounted into every server pod (see [the image contract](#custom-image-contract)); with `cluster.jwks.source: file`, the cluster's JWKS too (`cluster-jwks.json`)",
    emit: (model, { clusterJwks }) => (model.mode === 'custom' ? toYaml(emitPolicyConfigMap(model, clusterJwks)) : undefined),
  },
  idpPermissions: {
    name: 'idp-permissions.yaml',
    folder: 'identity-provider',
    format: 'yaml',
    plaintextSecret: false,
    appliedBy: 'identity-provider',
    description: 'builtin mode: for each group and worker client, the `namespace:role` strings your identity provider must put in the token',
    emit: (model) => (model.mode === 'builtin' ? toYaml(emitIdpPermissions(model), IDP_PERMISSIONS_HEADER) : undefined),
    instruction: (path, model) => `Then configure your identity provider to emit the \`${model.issuer.permissionsClaim}\` claim as listed in ${path}.`,
  },
  // The identity providers' own files: the preset says which a provider gets in each mode.
  keycloakRealm: {
    name: 'keycloak-realm.json',
    folder: 'identity-provider',
    format: 'json',
    plaintextSecret: false,
    appliedBy: 'identity-provider',
    description: `Keycloak: a realm-import fragment that puts the permission strings (builtin mode) or the group names (custom mode) into the token (${SEE_IDP})`,
    emit: (model) => toJson(model.mode === 'custom' ? emitKeycloakGroupsRealm(model) : emitKeycloakRealm(model)),
    instruction: (path, model) => {
      if (model.mode === 'builtin') {
        return `Keycloak: import ${path} into the realm (keycloak-config-cli or kc.sh import; the console's Partial import skips the client scope), then add client scope ${KEYCLOAK_SCOPE_NAME} as a default scope of the Web UI's and the workers' clients.`;
      }
      // custom mode: the groups as realm roles (the preset's claim), else realm groups and a client scope that writes them.
      if (groupsAreRealmRoles(model)) {
        return `Keycloak: import ${path} into the realm (keycloak-config-cli, kc.sh import or the console's Partial import) and give each user the realm roles of their groups: Keycloak puts realm roles in realm_access.roles.`;
      }
      return `Keycloak: import ${path} into the realm (keycloak-config-cli or kc.sh import; the console's Partial import skips the client scope), then add client scope ${KEYCLOAK_GROUPS_SCOPE_NAME} as a default scope of the Web UI's client.`;
    },
  },
  entraAppRoles: {
    name: 'entra-app-roles.json',
    folder: 'identity-provider',
    format: 'json',
    plaintextSecret: false,
    appliedBy: 'identity-provider',
    description: `Entra ID: the app registration's \`appRoles\`, one per permission string (builtin mode), or per group when the groups claim is \`roles\` (custom mode) (${SEE_IDP})`,
    emit: (model) => {
      if (model.mode === 'builtin') return toJson(emitEntraAppRoles(model));
      const roles = emitEntraGroupAppRoles(model);
      return roles === undefined ? undefined : toJson(roles);
    },
    instruction: (path, model) =>
      model.mode === 'builtin'
        ? `Entra ID: paste appRoles from ${path} into the app registration's manifest and assign them as listed under \`assignments\`; Entra emits them in the \`roles\` claim.`
        : `Entra ID: paste appRoles from ${path} into the app registration's manifest and assign each to the users or Entra groups who belong to that group; Entra emits them in the \`roles\` claim.`,
  },
  auth0PostLoginAction: {
    name: 'auth0-post-login-action.js',
    folder: 'identity-provider',
    format: 'js',
    plaintextSecret: false,
    appliedBy: 'identity-provider',
    description: `Auth0, builtin mode: a post-login Action that sets the permissions claim from the user's Auth0 roles (${SEE_IDP})`,
    emit: (model) => emitAuth0PostLoginAction(model),
    instruction: (path) => `Auth0: deploy ${path} as a Post Login Action and add it to the Login flow.`,
  },
  auth0CredentialsExchangeAction: {
    name: 'auth0-credentials-exchange-action.js',
    folder: 'identity-provider',
    format: 'js',
    plaintextSecret: false,
    appliedBy: 'identity-provider',
    description: `Auth0, builtin mode, with worker clients: a Machine to Machine Action that sets each worker client's permission strings (${SEE_IDP})`,
    emit: (model) => emitAuth0CredentialsExchangeAction(model),
    instruction: (path) => `Auth0: deploy ${path} as a Machine to Machine Action and add it to that flow (worker tokens).`,
  },
  auth0GroupsAction: {
    name: 'auth0-post-login-groups-action.js',
    folder: 'identity-provider',
    format: 'js',
    plaintextSecret: false,
    appliedBy: 'identity-provider',
    description: `Auth0, custom mode: a post-login Action that puts the user's Auth0 roles that are spec groups into the groups claim (${SEE_IDP})`,
    emit: (model) => (model.issuer.groupsClaim === undefined ? undefined : emitAuth0GroupsAction(model)),
    instruction: (path) => `Auth0: deploy ${path} as a Post Login Action and add it to the Login flow.`,
  },
  oktaClaim: {
    name: 'okta-permissions-claim.yaml',
    folder: 'identity-provider',
    format: 'yaml',
    plaintextSecret: false,
    appliedBy: 'identity-provider',
    description: `Okta, builtin mode: the custom authorization server's claim that carries the permission strings (${SEE_IDP})`,
    emit: (model) => toYaml(emitOktaClaim(model), OKTA_CLAIM_HEADER),
    instruction: (path) => `Okta: add the claim in ${path} to the authorization server (Security > API > Authorization Servers > Claims).`,
  },
  oktaGroupsClaim: {
    name: 'okta-groups-claim.yaml',
    folder: 'identity-provider',
    format: 'yaml',
    plaintextSecret: false,
    appliedBy: 'identity-provider',
    description: `Okta, custom mode: the custom authorization server's Groups claim, matching exactly the spec's group names (${SEE_IDP})`,
    emit: (model) => toYaml(emitOktaGroupsClaim(model), OKTA_GROUPS_CLAIM_HEADER),
    instruction: (path) => `Okta: add the claim in ${path} to the authorization server (Security > API > Authorization Servers > Claims).`,
  },
  networkPolicy: {
    name: 'networkpolicy.yaml',
    folder: 'manifests',
    format: 'yaml',
    plaintextSecret: false,
    appliedBy: 'kubectl-release-namespace',
    description: "admits traffic to the internal frontend only from the release's own pods (see [Security](#security))",
    emit: (model, { userValues }) => (model.internalFrontend && model.internalFrontendNetworkPolicy ? toYaml(emitNetworkPolicy(model, userValues)) : undefined),
  },
  // The auth Secret, in the format secrets.format names.
  secrets: {
    name: 'secrets.yaml',
    folder: 'secrets',
    format: 'yaml',
    plaintextSecret: true,
    appliedBy: 'kubectl-release-namespace',
    description: 'a `v1` Secret with `issuer_url`, `client_id`, `client_secret` (and `audience` in custom mode), read from env vars or files at render time',
    secret: { of: 'server', format: 'secret' },
    emit: (model, { secretValues }) => (model.secrets.format === 'secret' && secretValues ? toYaml(emitSecret(model, secretValues)) : undefined),
  },
  externalSecret: {
    name: 'external-secret.yaml',
    folder: 'manifests',
    format: 'yaml',
    plaintextSecret: false,
    appliedBy: 'kubectl-release-namespace',
    description: `\`secrets.format: external-secret\`: an External Secrets Operator ExternalSecret that builds the same Secret from your secret store; no value is read or written (${SEE_GITOPS})`,
    secret: { of: 'server', format: 'external-secret' },
    emit: (model) => (model.secrets.format === 'external-secret' ? toYaml(emitExternalSecret(model)) : undefined),
  },
  sealedSecret: {
    name: 'sealed-secret.yaml',
    folder: 'manifests',
    format: 'yaml',
    plaintextSecret: false,
    appliedBy: 'kubectl-release-namespace',
    description: `\`secrets.format: sealed-secret\`: the same Secret as a Bitnami SealedSecret, which only the controller can decrypt (\`render --seal-cert\`; ${SEE_GITOPS})`,
    secret: { of: 'server', format: 'sealed-secret' },
    emit: (model, { secretValues, sealingKey, rolloutKey, previousSealed }) =>
      model.secrets.format === 'sealed-secret' && secretValues && sealingKey ? toYaml(emitSealedSecret(model, secretValues, sealingKey, { rolloutKey, previous: previousSealed })) : undefined,
  },
  // Each worker client's Secret, in the same format as the server's.
  workerSecrets: {
    name: 'worker-secrets.yaml',
    folder: 'secrets',
    format: 'yaml',
    plaintextSecret: true,
    appliedBy: 'kubectl-worker-namespaces',
    description: `one \`v1\` Secret per worker client with a \`clientSecret\`, in the worker's namespace, for its own Deployment (\`envFrom\`): \`TEMPORAL_AUTH_CLIENT_ID\`, \`TEMPORAL_AUTH_CLIENT_SECRET\`, \`TEMPORAL_AUTH_TOKEN_URL\`, \`TEMPORAL_AUTH_AUDIENCE\`, \`TEMPORAL_AUTH_SCOPES\` (${SEE_WORKERS})`,
    secret: { of: 'workers', format: 'secret' },
    emit: (model, { secretValues, workerValues }) => (model.secrets.format === 'secret' && secretValues && workerValues ? workerStream(emitWorkerSecrets(model, workerValues)) : undefined),
  },
  workerExternalSecrets: {
    name: 'worker-external-secrets.yaml',
    folder: 'manifests',
    format: 'yaml',
    plaintextSecret: false,
    appliedBy: 'kubectl-worker-namespaces',
    description: `\`secrets.format: external-secret\`: each worker's Secret as an ExternalSecret, its client secret from your store (${SEE_WORKERS})`,
    secret: { of: 'workers', format: 'external-secret' },
    emit: (model) => (model.secrets.format === 'external-secret' ? workerStream(emitWorkerExternalSecrets(model)) : undefined),
  },
  workerSealedSecrets: {
    name: 'worker-sealed-secrets.yaml',
    folder: 'manifests',
    format: 'yaml',
    plaintextSecret: false,
    appliedBy: 'kubectl-worker-namespaces',
    description: `\`secrets.format: sealed-secret\`: each worker's Secret as a SealedSecret, sealed for its own name and namespace (${SEE_WORKERS})`,
    secret: { of: 'workers', format: 'sealed-secret' },
    emit: (model, { secretValues, workerValues, sealingKey, rolloutKey, previousSealed }) =>
      model.secrets.format === 'sealed-secret' && secretValues && workerValues && sealingKey
        ? workerStream(emitWorkerSealedSecrets(model, workerValues, sealingKey, { rolloutKey, previous: previousSealed }))
        : undefined,
  },
  // Workload identity: the workers with a service account get no Secret; these instead.
  clusterIssuerRbac: {
    name: 'cluster-issuer-rbac.yaml',
    folder: 'manifests',
    format: 'yaml',
    plaintextSecret: false,
    appliedBy: 'kubectl-cluster',
    description: `\`cluster.jwks.source: apiServer\` with a service-account worker: a ClusterRoleBinding of \`system:service-account-issuer-discovery\` to the release namespace's service accounts, so the server may read the cluster's JWKS (${SEE_NO_SECRETS})`,
    emit: (model) => (needsIssuerDiscoveryBinding(model) ? toYaml(emitIssuerDiscoveryBinding(model)) : undefined),
  },
  workerIdentity: {
    name: 'worker-identity.yaml',
    format: 'yaml',
    plaintextSecret: false,
    appliedBy: 'kubectl-server-side',
    description: `per worker with a \`serviceAccount\`: its ServiceAccount, and a partial Deployment for server-side apply onto the worker's own (the service account, a projected token volume, its read-only mount and \`${WORKER_TOKEN_FILE.env}\`) (${SEE_NO_SECRETS})`,
    emit: (model) => (model.mode === 'custom' && model.cluster && model.serviceAccountWorkers.length > 0 ? toYamlStream(emitWorkerIdentities(model), WORKER_IDENTITY_HEADER) : undefined),
    instruction: (path) => `kubectl apply --server-side --field-manager=${FIELD_MANAGER} -f ${path}`,
  },
  cliProfile: {
    name: 'temporal-cli-profile.toml',
    format: 'toml',
    plaintextSecret: false,
    appliedBy: 'operator-cli',
    description: 'a `temporal` CLI profile per worker client (address, namespace, TLS), no secret: the API key is minted at use time',
    emit: (model, { userValues }) => emitCliProfiles(model, userValues),
    instruction: (path) => `Operators: ${path} holds a \`temporal\` CLI profile per worker client (TLS and use in its comments).`,
  },
  webUiConfig: {
    name: 'web-ui-config.yaml',
    folder: 'manifests',
    format: 'yaml',
    plaintextSecret: false,
    appliedBy: 'kubectl-release-namespace',
    description:
      "only when a setting exists only in the Web UI's YAML config (session length, provider options): a ConfigMap mounted into the UI's config folder (see [Web UI settings](#web-ui-settings))",
    emit: (model) => {
      const configMap = emitWebConfigMap(model);
      return configMap ? toYaml(configMap) : undefined;
    },
  },
  // gitops.valuesFrom: the values for a Flux HelmRelease's valuesFrom.
  valuesFrom: {
    name: 'values-from.yaml',
    folder: 'manifests',
    format: 'yaml',
    plaintextSecret: false,
    appliedBy: 'kubectl-release-namespace',
    description:
      "`gitops.valuesFrom`: `values.auth.yaml`'s content as a ConfigMap (or Secret) in the release's namespace, key `values.yaml`, for a Flux HelmRelease's `spec.valuesFrom` (see [GitOps](#gitops-argo-cd-and-flux))",
    emit: (model, { values }) => {
      const obj = emitValuesFrom(model, valuesText(model, values));
      return obj ? toYaml(obj) : undefined;
    },
  },
  // Last: it lists the files above that kubectl applies as they are.
  kustomization: {
    name: 'kustomization.yaml',
    folder: 'manifests',
    format: 'yaml',
    plaintextSecret: false,
    appliedBy: 'gitops',
    description:
      "the folder's Kubernetes objects as a kustomize base: the files kubectl applies as they are, not plaintext Secrets nor `worker-identity.yaml`, so `kubectl apply -k`, Argo CD or Flux pointed at the folder apply exactly those (see [GitOps](#gitops-argo-cd-and-flux))",
    emit: (model, { written, secretValues }): string | undefined => {
      const sealedWithoutValues = (o: Output) => model.secrets.format === 'sealed-secret' && o.secret?.format === 'sealed-secret' && secretValues === undefined;
      // The manifests folder's files (the folders layout puts them beside this one): what kubectl applies as it is.
      const resources: string[] = outputList()
        .filter((o) => o.folder === 'manifests' && o.appliedBy !== 'gitops' && (written.includes(o.name) || sealedWithoutValues(o)))
        .map((o) => o.name);
      // Workers without a Secret have no sealed worker file: only the server's is implied then.
      const listed = resources.filter((n: string) => n !== 'worker-sealed-secrets.yaml' || written.includes(n) || workersWithSecrets(model).length > 0);
      return listed.length > 0 ? toYaml(emitKustomization(listed), KUSTOMIZATION_HEADER) : undefined;
    },
    instruction: (path) => `GitOps: ${path} lists the manifests above that kubectl applies as they are; point Argo CD or Flux at its folder (README: GitOps).`,
  },
} as const satisfies Record<string, Output>;

export type OutputId = keyof typeof OUTPUT_TABLE;
export type OutputName = (typeof OUTPUT_TABLE)[OutputId]['name'];

/** values.auth.yaml's text: the values file, and the same bytes in values-from.yaml. */
function valuesText(model: AuthModel, values: Record<string, unknown>): string {
  return toYaml(values, ` Helm values for ${model.release.name} (chart ${model.chart.chartVersion}), generated by temporal-auth. Do not edit; re-render.`);
}

/** Every output, in render order. */
export const OUTPUTS: readonly (Output & { id: OutputId })[] = (Object.keys(OUTPUT_TABLE) as OutputId[]).map((id) => ({ id, ...OUTPUT_TABLE[id] }));
// The table's entries as a list, for the kustomization entry inside it (OUTPUTS is defined after it).
function outputList(): readonly Output[] {
  return Object.values(OUTPUT_TABLE as Record<string, Output>);
}

/** Where `output` goes in the output folder under `layout`: its name, or its subfolder and name. */
export function outputPath(output: Pick<Output, 'name' | 'folder'>, layout: AuthModel['layout']): string {
  return layout === 'folders' && output.folder !== undefined ? `${output.folder}/${output.name}` : output.name;
}

/** Every path render may write in either layout (the writer may clean up their leftover temporaries). */
export const ALL_OUTPUT_PATHS: readonly string[] = [...new Set(OUTPUTS.flatMap((o) => [outputPath(o, 'flat'), outputPath(o, 'folders')]))];

/** Output file names by id (the library's FILES). */
export const FILES = Object.fromEntries(OUTPUTS.map((o) => [o.id, o.name])) as { readonly [K in OutputId]: (typeof OUTPUT_TABLE)[K]['name'] };

// Every identity-provider file a preset may name is an output: a missing one fails the typecheck here.
const identityProviderFilesAreOutputs: IdentityProviderFile extends OutputName ? true : never = true;
void identityProviderFilesAreOutputs;

/** The output named `name`; undefined for a name render does not write. */
export function outputNamed(name: string): (Output & { id: OutputId }) | undefined {
  return OUTPUTS.find((o) => o.name === name);
}
