import { Command, Option } from 'commander';
import { compareValues } from '../diff/compare-values.js';
import { ValuesTooDeepError } from '../diff/depth.js';
import { buildReport, jsonView, textView, type DiffReport } from '../diff/report.js';
import { checkSecretKeys } from '../diff/secret-check.js';
import { secretEntries, type SecretKey } from '../emit/secret-keys.js';
import { ClusterError, helmDriver, openCluster } from '../live/cluster.js';
import { readDeployedRelease } from '../live/release.js';
import type { AuthModel } from '../model/model.js';
import { readSecretSource } from '../secrets/resolve.js';
import { formatFinding } from '../spec/finding.js';
import { loadYamlFile } from '../spec/source.js';
import { printable } from '../util/printable.js';
import { renderTemplate } from '../util/templates.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { loadModel } from './load-model.js';
import { timeoutOption } from './options.js';
import { DEFAULT_SPEC, resolveFrom } from './paths.js';
import { withSpinner } from './spinner.js';

interface DiffFlags {
  release?: string;
  namespace?: string;
  kubeconfig?: string;
  context?: string;
  output: 'text' | 'json';
  detailedExitcode?: boolean;
  valuesFile?: string;
  timeout: number;
}

export function diffCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('diff')
    .description("Compare the values render would emit, and the auth Secret, with a live Helm release (or a `helm get values` file).")
    .argument('[spec]', 'spec file', DEFAULT_SPEC)
    .option('--release <name>', "release name (default: the spec's release.name)")
    .option('-n, --namespace <namespace>', "release namespace (default: the spec's release.namespace)")
    .option('--kubeconfig <path>', 'kubeconfig file (default: KUBECONFIG, ~/.kube/config, or in-cluster)')
    .option('--context <name>', 'kubeconfig context to use')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--detailed-exitcode', 'exit 2 when there is drift (helm-diff convention)')
    .option('--values-file <file>', 'compare against this file (the output of `helm get values`) instead of a cluster')
    .addOption(timeoutOption('the Kubernetes API'))
    .addHelpText(
      'after',
      [
        '',
        'Reads the latest deployed revision of the release (Helm\'s Secret driver, or ConfigMaps',
        'with HELM_DRIVER=configmap) and the Secret named in the spec. Secret values are compared',
        'by hash and never printed.',
        '',
        'Exit codes: 0 no drift (or drift without --detailed-exitcode), 2 drift with',
        '--detailed-exitcode, 1 bad input, 3 the cluster could not be read.',
        '',
        'Example:',
        '  temporal-auth diff examples/okta.yaml --detailed-exitcode',
        '  helm get values temporal -n temporal -o yaml > live.yaml && temporal-auth diff --values-file live.yaml',
        '',
      ].join('\n'),
    )
    .action(async (specArg: string, flags: DiffFlags) => setExit(await diff(io, specArg, flags)));
}

async function localSecretValues(model: AuthModel, specFile: string, env: NodeJS.ProcessEnv) {
  const local = new Map<SecretKey, { value: string } | { unavailable: string }>();
  for (const entry of secretEntries(model)) {
    const read = await readSecretSource(entry, specFile, env);
    local.set(entry.key, read.ok ? { value: read.value } : { unavailable: read.message.split(';')[0]! });
  }
  return local;
}

/** compareValues on a release's values; values it cannot compare are corrupt release data (exit 3). */
function compareReleaseValues(model: AuthModel, config: Record<string, unknown>, what: string) {
  try {
    return compareValues(model, config);
  } catch (err) {
    if (err instanceof ValuesTooDeepError) throw new ClusterError('corrupt', `${what}: ${err.message}; temporal-auth does not compare it`);
    throw err;
  }
}

async function diff(io: CliIo, specArg: string, flags: DiffFlags): Promise<number> {
  const loaded = await loadModel(io, specArg);
  if (!loaded) return EXIT.invalid;
  const { model, specFile } = loaded;
  const target = model.chart.chartVersion;

  let report: DiffReport;
  if (flags.valuesFile) {
    const loaded = await loadYamlFile(resolveFrom(io, flags.valuesFile));
    if (!loaded.ok) {
      for (const f of loaded.findings) io.stderr(`${formatFinding(f)}\n`);
      return EXIT.invalid;
    }
    const data = loaded.source.data;
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      io.stderr(`${flags.valuesFile}:1:1 error values not a mapping of Helm values; pass the output of \`helm get values RELEASE -o yaml\`\n`);
      return EXIT.invalid;
    }
    let changes;
    try {
      changes = compareValues(model, data as Record<string, unknown>);
    } catch (err) {
      if (!(err instanceof ValuesTooDeepError)) throw err;
      io.stderr(`${flags.valuesFile}:1:1 error values ${err.message}; pass the output of \`helm get values RELEASE -o yaml\`\n`);
      return EXIT.invalid;
    }
    report = buildReport({ source: { kind: 'file', path: flags.valuesFile }, chart: { target, mismatch: false }, changes });
  } else {
    const driver = helmDriver(io.env);
    if (!driver) {
      io.stderr(`temporal-auth: HELM_DRIVER=${printable(io.env.HELM_DRIVER)} is not supported; use secret (default) or configmap, or pass --values-file\n`);
      return EXIT.invalid;
    }
    const name = flags.release ?? model.release.name;
    const namespace = flags.namespace ?? model.release.namespace;
    try {
      report = await withSpinner(io.stderrIsTTY, io.stderr, `reading release ${name} in ${namespace}`, async () => {
        const cluster = await openCluster({ kubeconfig: flags.kubeconfig && resolveFrom(io, flags.kubeconfig), context: flags.context, timeoutMs: flags.timeout });
        const release = await readDeployedRelease(cluster, namespace, name, driver);
        const liveSecret = await cluster.readSecretData(namespace, model.secretName);
        const keys = secretEntries(model).map((e) => e.key);
        return buildReport({
          source: { kind: 'release', name, namespace, revision: release.revision, driver, server: cluster.server },
          chart: { target, live: release.chartVersion, mismatch: release.chartVersion !== undefined && release.chartVersion !== target },
          changes: compareReleaseValues(model, release.config, `release ${name} in namespace ${namespace}, revision ${release.revision}`),
          secret: {
            name: model.secretName,
            namespace,
            present: liveSecret !== undefined,
            keys: liveSecret ? checkSecretKeys(keys, liveSecret, await localSecretValues(model, specFile, io.env)) : [],
          },
        });
      });
    } catch (err) {
      if (err instanceof ClusterError) {
        io.stderr(`temporal-auth: ${printable(err.message)}\n`);
        return err.kind === 'config' ? EXIT.invalid : EXIT.cluster;
      }
      throw err;
    }
  }

  if (flags.output === 'json') io.stdout(`${jsonView(report)}\n`);
  else io.stdout(await renderTemplate('diff-report', textView(report)));
  return report.drift && flags.detailedExitcode ? EXIT.drift : EXIT.ok;
}
