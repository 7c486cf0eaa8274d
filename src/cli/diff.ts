import { Command, Option } from 'commander';
import * as api from '../api/diff.js';
import { type DiffReport, helmDriver, jsonView, type LiveSource, textView } from '../api/diff.js';
import { ClusterReadError, InputError } from '../api/errors.js';
import { envAndFileSecrets } from '../api/secrets.js';
import { readDataFile } from '../api/spec.js';
import { printable } from '../util/printable.js';
import { renderTemplate } from '../util/templates.js';
import { EXIT } from './exit-codes.js';
import { printFindings } from './findings.js';
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
  values?: string;
  timeout: number;
}

export function diffCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('diff')
    .description('Compare the values render would emit, and the auth Secret, with a live Helm release (or a `helm get values` file).')
    .argument('[spec]', 'spec file (- reads it from stdin)', DEFAULT_SPEC)
    .option('--release <name>', "release name (default: the spec's release.name)")
    .option('-n, --namespace <namespace>', "release namespace (default: the spec's release.namespace)")
    .option('--kubeconfig <path>', 'kubeconfig file (default: KUBECONFIG, ~/.kube/config, or in-cluster)')
    .option('--context <name>', 'kubeconfig context to use')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--detailed-exitcode', 'exit 2 when there is drift (helm-diff convention)')
    .option('--values-file <file>', 'compare against this file (the output of `helm get values`) instead of a cluster')
    .option('--values <file>', 'your own Helm values, as render takes them: the lists render writes are then compared entry by entry, yours included')
    .addOption(timeoutOption('the Kubernetes API'))
    .addHelpText(
      'after',
      [
        '',
        "Reads the latest deployed revision of the release (Helm's Secret driver, or ConfigMaps",
        'with HELM_DRIVER=configmap) and every object render writes: the auth Secret and the',
        "workers' Secrets (keys; values compared by hash, never printed), the policy ConfigMap,",
        'the Web UI config ConfigMap and the NetworkPolicy (content).',
        '',
        'Exit codes: 0 no drift (or drift without --detailed-exitcode), 2 drift with',
        '--detailed-exitcode, 1 bad input, 3 the cluster could not be read.',
        '',
        'Example:',
        '  temporal-auth diff examples/okta.yaml --values prod.yaml --detailed-exitcode',
        '  helm get values temporal -n temporal -o yaml > live.yaml && temporal-auth diff --values-file live.yaml',
        '',
      ].join('\n'),
    )
    .action(async (specArg: string, flags: DiffFlags) => setExit(await diff(io, specArg, flags)));
}

async function diff(io: CliIo, specArg: string, flags: DiffFlags): Promise<number> {
  const loaded = await loadModel(io, specArg, { values: flags.values === undefined ? undefined : { file: resolveFrom(io, flags.values) } });
  if (!loaded) return EXIT.invalid;
  const { model } = loaded;

  let live: LiveSource;
  if (flags.valuesFile) {
    const values = await readDataFile(resolveFrom(io, flags.valuesFile), 'values');
    if (!values.ok) {
      printFindings(values.findings, io.stderr);
      return EXIT.invalid;
    }
    const data = values.data;
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      io.stderr(`${flags.valuesFile}:1:1 error values not a mapping of Helm values; pass the output of \`helm get values RELEASE -o yaml\`\n`);
      return EXIT.invalid;
    }
    live = { values: data as Record<string, unknown>, label: flags.valuesFile };
  } else {
    const driver = helmDriver(io.env);
    if (!driver) {
      io.stderr(`temporal-auth: HELM_DRIVER=${printable(io.env.HELM_DRIVER)} is not supported; use secret (default) or configmap, or pass --values-file\n`);
      return EXIT.invalid;
    }
    live = {
      cluster: {
        kubeconfig: flags.kubeconfig && resolveFrom(io, flags.kubeconfig),
        context: flags.context,
        timeoutMs: flags.timeout,
        release: flags.release,
        namespace: flags.namespace,
        driver,
      },
    };
  }

  let report: DiffReport;
  try {
    const run = () => api.diff(loaded, { live, secrets: envAndFileSecrets(io.env) });
    report =
      'cluster' in live ? await withSpinner(io.stderrIsTTY, io.stderr, `reading release ${flags.release ?? model.release.name} in ${flags.namespace ?? model.release.namespace}`, run) : await run();
  } catch (err) {
    if (err instanceof ClusterReadError) {
      io.stderr(`temporal-auth: ${printable(err.message)}\n`);
      return EXIT.cluster;
    }
    if (err instanceof InputError) {
      // A values file the library cannot compare is located at the file; a kubeconfig problem is one line.
      io.stderr(err.code === 'values-too-deep' && flags.valuesFile ? `${flags.valuesFile}:1:1 error ${printable(err.message)}\n` : `temporal-auth: ${printable(err.message)}\n`);
      return EXIT.invalid;
    }
    throw err;
  }

  if (flags.output === 'json') io.stdout(`${jsonView(report)}\n`);
  else io.stdout(await renderTemplate('diff-report', textView(report)));
  return report.drift && flags.detailedExitcode ? EXIT.drift : EXIT.ok;
}
