import { Command, Option } from 'commander';
import { FILES, renderOutputs } from '../emit/index.js';
import { secretEntries } from '../emit/secret-keys.js';
import { resolveSecretValues } from '../secrets/resolve.js';
import { formatFinding } from '../spec/finding.js';
import { locate } from '../spec/source.js';
import { renderTemplate } from '../util/templates.js';
import { writeErrorLine, writeFilesAtomically } from '../write/atomic.js';
import { loadSealingKey, SealCertError } from '../secrets/seal.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { loadModel } from './load-model.js';
import { DEFAULT_SPEC, resolveFrom } from './paths.js';

interface RenderFlags {
  out: string;
  secretsFormat?: 'secret' | 'external-secret' | 'sealed-secret';
  sealCert?: string;
  chartVersion?: string;
  stdout?: boolean;
  secrets: boolean;
  values?: string;
}

export function renderCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('render')
    .description('Render Helm values overrides, the auth Secret and the policy for the official Temporal chart.')
    .argument('[spec]', 'spec file', DEFAULT_SPEC)
    .option('-o, --out <dir>', 'output folder', 'out')
    .option('--chart-version <version>', "target this chart version instead of the spec's")
    .option('--stdout', 'print the rendered files to stdout instead of writing them (secrets.yaml is never printed)')
    .option('--no-secrets', 'skip secrets.yaml (for CI without credentials); the values still render')
    .option('--values <file>', 'your own Helm values: their env, volume and per-service lists are merged into the output')
    .addOption(new Option('--secrets-format <format>', "how the Secret is written (default: the spec's secrets.format)").choices(['secret', 'external-secret', 'sealed-secret']))
    .option('--seal-cert <file>', "sealed-secret format: the controller's certificate (kubeseal --fetch-cert > cert.pem)")
    .addHelpText(
      'after',
      [
        '',
        'Writes values.auth.yaml; the Secret as secrets.yaml (mode 0600), external-secret.yaml',
        'or sealed-secret.yaml; policy-configmap.yaml (custom mode) or idp-permissions.yaml',
        '(builtin mode); networkpolicy.yaml. Output is deterministic, sealed ciphertext aside.',
        '',
        'Exit codes: 0 written, 1 invalid spec or missing secret source (nothing written).',
        '',
        'Example:',
        '  OKTA_WEB_CLIENT_SECRET=... temporal-auth render examples/okta.yaml --out out/',
        '',
      ].join('\n'),
    )
    .action(async (specArg: string, flags: RenderFlags) => setExit(await render(io, specArg, flags)));
}

async function render(io: CliIo, specArg: string, flags: RenderFlags): Promise<number> {
  const loaded = await loadModel(io, specArg, {
    chartVersion: flags.chartVersion,
    valuesFile: flags.values && resolveFrom(io, flags.values),
    secretsFormat: flags.secretsFormat,
  });
  if (!loaded) return EXIT.invalid;
  const { model, specFile, source } = loaded;
  const located = (path: (string | number)[], rule: string, message: string) => {
    const { line, col } = locate(source, path);
    io.stderr(`${formatFinding({ file: source.file, line, col, severity: 'error', rule, message })}\n`);
  };
  const format = model.secrets.format;
  if (format === 'external-secret' && !model.secrets.externalSecret) {
    located(['secrets'], 'schema', 'secrets: the external-secret format needs secrets.externalSecret (storeRef and remoteKey); add it');
    return EXIT.invalid;
  }

  // The external-secret format never reads a value: the operator fetches them in the cluster.
  let secretValues;
  let rolloutKey: string | undefined;
  let sealKey;
  if (flags.secrets && format !== 'external-secret') {
    if (format === 'sealed-secret') {
      if (!flags.sealCert) {
        io.stderr('temporal-auth: the sealed-secret format needs --seal-cert FILE (kubeseal --fetch-cert > cert.pem), or --no-secrets\n');
        return EXIT.invalid;
      }
      try {
        sealKey = await loadSealingKey(resolveFrom(io, flags.sealCert));
      } catch (err) {
        if (!(err instanceof SealCertError)) throw err;
        io.stderr(`temporal-auth: --seal-cert ${flags.sealCert} ${err.message}; pass the controller's certificate (kubeseal --fetch-cert > cert.pem)\n`);
        return EXIT.invalid;
      }
    }
    const resolved = await resolveSecretValues(model, specFile, io.env);
    if (!resolved.ok) {
      for (const p of resolved.problems) located([...p.path], 'secret-source', p.message);
      io.stderr('nothing written\n');
      return EXIT.invalid;
    }
    secretValues = resolved.values;
    rolloutKey = resolved.rolloutKey;
  }
  const { files } = renderOutputs(model, { secretValues, rolloutKey, sealingKey: sealKey, userValues: loaded.userValues?.data });

  if (flags.stdout) {
    const printable = files.filter((f) => f.name !== FILES.secrets);
    io.stdout(printable.map((f) => `# Source: ${f.name}\n${f.content}`).join('---\n'));
    if (secretValues && format === 'secret') io.stderr(`${FILES.secrets} is not printed to stdout; write it with --out\n`);
    return EXIT.ok;
  }

  const outDir = resolveFrom(io, flags.out);
  try {
    await writeFilesAtomically(outDir, files, { manifest: true, knownNames: Object.values(FILES) });
  } catch (err) {
    const line = writeErrorLine(err, flags.out, '--out');
    if (line === undefined) throw err;
    io.stderr(line);
    return EXIT.invalid;
  }
  const rel = (name: string) => `${flags.out.replace(/\/+$/, '')}/${name}`;
  const names = files.map((f) => f.name);
  io.stderr(
    await renderTemplate('render-summary', {
      outDir: flags.out.replace(/\/+$/, ''),
      files: names,
      secretsWritten: [FILES.secrets, FILES.externalSecret, FILES.sealedSecret].some((n) => names.includes(n)),
      secretName: model.secretName,
      secretKeys: secretEntries(model).map((e) => e.key),
      namespace: model.release.namespace,
      release: model.release.name,
      chartVersion: model.chart.chartVersion,
      applyFiles: [FILES.secrets, FILES.externalSecret, FILES.sealedSecret, FILES.policyConfigMap, FILES.networkPolicy].filter((n) => names.includes(n)).map(rel),
      valuesFile: rel(FILES.values),
      userValues: flags.values ? [flags.values] : [],
      idpFile: names.includes(FILES.idpPermissions) ? rel(FILES.idpPermissions) : undefined,
      permissionsClaim: model.issuer.permissionsClaim,
    }),
  );
  return EXIT.ok;
}
