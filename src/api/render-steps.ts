import { OUTPUT_TABLE, type Output } from '../emit/index.js';
import { TOKEN_VOLUME } from '../emit/worker-identity.js';
import { compilePolicy } from '../policy/compile.js';
import { shadowNamespaces } from '../policy/custom.js';
import { IDENTITY_PROVIDER_FILES } from '../providers/presets.js';
import { secretEntries, WORKER_TOKEN_FILE, workerSecretEntries, workersWithSecrets } from '../secrets/keys.js';
import type { RenderResult } from './render.js';

/**
 * What to do with a render's files, as data for a summary (the CLI's is
 * templates/render-summary.hbs): every list comes from the output table
 * (src/emit/outputs.ts), by who applies each file, so a file the table has
 * cannot be left out of it.
 */
export interface ApplySteps {
  /** The files written, in order. */
  written: string[];
  /** The auth Secret: whether a file carries it and, when none does, what to create by hand. */
  serverSecret: { written: boolean; name: string; namespace: string; keys: string[] };
  /** The worker clients with a Secret: its name, namespace and keys. */
  workers: { name: string; secret: string; namespace: string; keys: string[] }[];
  /** `kubectl apply -n <namespace> -f <file>`, in order: the Secret first (the pods the upgrade starts read it), then the rest as written. */
  kubectl: { namespace: string; files: string[] };
  /** `kubectl apply -f <file>` of files whose objects go to the workers' namespaces, and those to create first (the release's exists). */
  kubectlWorkers: { createNamespaces: string[]; files: string[] };
  /** `kubectl apply -f <file>` of files of cluster-scoped objects (the ClusterRoleBinding that lets the server read the cluster's JWKS). */
  kubectlCluster: { files: string[] };
  /**
   * Workload identity: the workers with a service account (no Secret), what
   * their Deployments need, and the server-side apply that adds it
   * (worker-identity.yaml's instruction); undefined without such a worker.
   */
  serviceAccountWorkers:
    | {
        apply: string[];
        workers: { name: string; namespace: string; serviceAccount: string; deployment: string; container: string }[];
        volume: string;
        audience: string;
        expirationSeconds: number;
        mountPath: string;
        /** The token's file name in the volume (serviceAccountToken.path). */
        tokenName: string;
        tokenEnv: string;
        tokenFile: string;
      }
    | undefined;
  /** The values file for `helm upgrade -f`, and the release it upgrades. */
  helm: { release: string; namespace: string; chartVersion: string; valuesFile: string };
  /** Custom mode: the server image the values run (server.image), which someone must have built from server/ and pushed. */
  serverImage: { image: string; temporalVersion: string } | undefined;
  /** One line for each file an operator uses (the `temporal` CLI profile). */
  operators: string[];
  /** What GitOps tools read (kustomization.yaml). */
  gitops: string[];
  /** What to configure in the identity provider: a heading and a line per provider file; undefined when there is nothing to. */
  identityProvider: { heading: string; steps: string[] } | undefined;
  /**
   * custom mode with shadow mode on somewhere: the spec's namespaces not
   * enforced, whether calls naming no namespace (and namespaces the spec does
   * not name) are not either, the spec's namespaces still enforced, and the
   * command that feeds the frontend's audit lines to `temporal-auth audit`.
   */
  shadow: { namespaces: string[]; clusterCalls: boolean; enforced: string[]; collect: string } | undefined;
  /** custom mode with server.authorization.principal: the claim history names people by. */
  principal: { claim: string } | undefined;
}

/** The README's runbook for shadow mode (README.md ships in the package; test/readme.test.ts holds the heading to it). */
export const SHADOW_RUNBOOK = 'README.md, "Turning auth on without an outage"';

const providerFiles: ReadonlySet<string> = new Set(IDENTITY_PROVIDER_FILES);

/** The steps for `result`, each file named as `pathOf` gives it (e.g. relative to the output folder). */
export function applySteps(result: RenderResult, pathOf: (name: string) => string): ApplySteps {
  const { model } = result.spec;
  const written = result.files.map((f) => ({ name: f.name, output: tableEntry(f.id) }));
  const applied = (by: Output['appliedBy']) => written.filter((f) => f.output.appliedBy === by);
  const instructions = (files: typeof written) => files.flatMap(({ name, output }) => ('instruction' in output ? [output.instruction(pathOf(name), model)] : []));
  const values = applied('helm-values')[0];
  if (!values) throw new Error('internal: a render without its values file');
  const release = applied('kubectl-release-namespace');
  const workerFiles = applied('kubectl-worker-namespaces');
  const identityFiles = applied('kubectl-server-side');
  const workers = workersWithSecrets(model);
  const identityProvider = applied('identity-provider');
  const steps = instructions(identityProvider.filter((f) => providerFiles.has(f.output.name)));
  // builtin mode: the permission strings' contract (idp-permissions.yaml) heads the provider's own files.
  const contract = instructions(identityProvider.filter((f) => !providerFiles.has(f.output.name)));
  const heading = contract[0] ?? (steps.length > 0 ? `Then configure your identity provider to put the spec's group names in the \`${model.issuer.groupsClaim ?? ''}\` claim.` : undefined);
  return {
    written: written.map((f) => f.name),
    serverSecret: {
      written: written.some((f) => f.output.secret?.of === 'server'),
      name: model.secretName,
      namespace: model.release.namespace,
      keys: secretEntries(model).map((e) => e.key),
    },
    workers: workers.map(({ worker, index }) => ({
      name: worker.name,
      secret: worker.secret.name,
      namespace: worker.secret.namespace,
      keys: workerSecretEntries(model, worker, index).map((e) => e.key),
    })),
    kubectl: {
      namespace: model.release.namespace,
      files: [...release.filter((f) => f.output.secret), ...release.filter((f) => !f.output.secret)].map((f) => pathOf(f.name)),
    },
    kubectlWorkers: {
      createNamespaces: workerFiles.length === 0 ? [] : [...new Set(workers.map(({ worker }) => worker.secret.namespace))].filter((ns) => ns !== model.release.namespace).sort(),
      files: workerFiles.map((f) => pathOf(f.name)),
    },
    kubectlCluster: { files: applied('kubectl-cluster').map((f) => pathOf(f.name)) },
    serviceAccountWorkers:
      model.cluster && identityFiles.length > 0
        ? {
            apply: instructions(identityFiles),
            workers: model.serviceAccountWorkers.map((w) => ({
              name: w.name,
              namespace: w.serviceAccount.namespace,
              serviceAccount: w.serviceAccount.name,
              deployment: w.deployment.name,
              container: w.deployment.container,
            })),
            volume: TOKEN_VOLUME,
            audience: model.cluster.audience,
            expirationSeconds: model.cluster.tokenExpirationSeconds,
            mountPath: WORKER_TOKEN_FILE.dir,
            tokenName: WORKER_TOKEN_FILE.name,
            tokenEnv: WORKER_TOKEN_FILE.env,
            tokenFile: WORKER_TOKEN_FILE.path,
          }
        : undefined,
    helm: {
      release: model.release.name,
      namespace: model.release.namespace,
      chartVersion: model.chart.chartVersion,
      valuesFile: pathOf(values.name),
    },
    serverImage: model.mode === 'custom' && model.image ? { image: `${model.image.repository}:${model.image.tag}`, temporalVersion: model.serverVersion } : undefined,
    operators: instructions(applied('operator-cli')),
    gitops: instructions(applied('gitops')),
    identityProvider: heading === undefined ? undefined : { heading, steps },
    shadow: shadowStep(result),
    principal: model.mode === 'custom' && model.authorization.principalClaim !== undefined ? { claim: model.authorization.principalClaim } : undefined,
  };
}

function shadowStep(result: RenderResult): ApplySteps['shadow'] {
  const { model } = result.spec;
  if (model.mode !== 'custom') return undefined;
  const policy = compilePolicy(model);
  if (!policy.enforce) return undefined;
  const names = model.namespaces.map((n) => n.name);
  const { namespaces, clusterCalls } = shadowNamespaces(policy, names);
  const labels = model.chart.podLabels;
  const selector = `${labels.instance}=${model.release.name},${labels.component}=frontend`;
  return {
    namespaces,
    clusterCalls,
    enforced: names.filter((n) => !namespaces.includes(n)),
    // A label selector makes kubectl logs print 10 lines per pod unless told otherwise.
    collect: `kubectl logs -n ${model.release.namespace} -l ${selector} --tail=-1 | temporal-auth audit -`,
  };
}

function tableEntry(id: keyof typeof OUTPUT_TABLE): Output {
  return OUTPUT_TABLE[id];
}
