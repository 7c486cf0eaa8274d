import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import * as api from '../api/render.js';
import { FILES } from '../api/render.js';
import { PLAINTEXT_SECRET_FILES } from '../emit/index.js';
import { InputError, IssuerError } from '../api/errors.js';
import { secretEntries, workerSecretEntries, workersWithSecrets } from '../secrets/keys.js';
import { envAndFileSecrets } from '../secrets/resolve.js';
import { renderTemplate } from '../util/templates.js';
import { writeErrorLine, writeFilesAtomically } from '../write/atomic.js';
import { EXIT } from './exit-codes.js';
import { printFindings } from './findings.js';
import type { CliIo } from './io.js';
import { caFileOption, readCaFile, timeoutOption } from './options.js';
import { DEFAULT_SPEC, resolveFrom } from './paths.js';

interface RenderFlags {
  out: string;
  secretsFormat?: 'secret' | 'external-secret' | 'sealed-secret';
  sealCert?: string;
  chartVersion?: string;
  stdout?: boolean;
  secrets: boolean;
  values?: string;
  discover?: boolean;
  caFile?: string;
  timeout: number;
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
    .option('--discover', "read the worker Secrets' token endpoint from the issuer's discovery document when issuer.tokenUrl is not set (render is otherwise offline)")
    .addOption(caFileOption())
    .addOption(timeoutOption('the issuer (--discover)'))
    .addHelpText(
      'after',
      [
        '',
        'Writes values.auth.yaml; the Secret as secrets.yaml (mode 0600), external-secret.yaml',
        'or sealed-secret.yaml; policy-configmap.yaml (custom mode) or idp-permissions.yaml',
        "(builtin mode); the identity provider's own file for Keycloak, Entra ID, Auth0 and Okta;",
        "networkpolicy.yaml; each worker client's Secret (worker-secrets.yaml, mode 0600, or its",
        'external or sealed form) and temporal-cli-profile.toml; web-ui-config.yaml when a Web UI',
        'setting exists only in its YAML config. Output is deterministic, sealed ciphertext aside.',
        '',
        'Exit codes: 0 written, 1 invalid spec, missing secret source or (--discover) an issuer',
        'that cannot be read: nothing written.',
        '',
        'Example:',
        '  OKTA_WEB_CLIENT_SECRET=... temporal-auth render examples/okta.yaml --out out/',
        '',
      ].join('\n'),
    )
    .action(async (specArg: string, flags: RenderFlags) => setExit(await render(io, specArg, flags)));
}

async function render(io: CliIo, specArg: string, flags: RenderFlags): Promise<number> {
  let sealingCert: string | undefined;
  // Read only when secrets are: --no-secrets never needs the certificate.
  if (flags.sealCert && flags.secrets) {
    try {
      sealingCert = readFileSync(resolveFrom(io, flags.sealCert), 'utf8');
    } catch (err) {
      io.stderr(`temporal-auth: --seal-cert ${flags.sealCert} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}); pass the controller's certificate (kubeseal --fetch-cert > cert.pem)\n`);
      return EXIT.invalid;
    }
  }
  let discover: api.RenderOptions['discover'];
  if (flags.discover) {
    const ca = await readCaFile(io, flags.caFile);
    if (!ca.ok) return EXIT.invalid;
    discover = { ca: ca.ca, timeoutMs: flags.timeout };
  }
  let result;
  let secretsRead = flags.secrets;
  const options = (withSecrets: boolean): api.RenderOptions => ({
    chartVersion: flags.chartVersion,
    values: flags.values === undefined ? undefined : { file: resolveFrom(io, flags.values) },
    secretsFormat: flags.secretsFormat,
    secrets: withSecrets && envAndFileSecrets(io.env),
    sealingCert,
    discover,
  });
  try {
    try {
      result = await api.render({ file: resolveFrom(io, specArg) }, options(flags.secrets));
    } catch (err) {
      // --stdout never prints a plain Secret: it must not need the secrets. Without them it prints what --no-secrets does.
      if (!(flags.stdout && flags.secrets && err instanceof InputError && err.findings.length > 0 && err.findings.every((f) => f.rule === 'secret-source'))) throw err;
      result = await api.render({ file: resolveFrom(io, specArg) }, options(false));
      secretsRead = false;
      io.stderr(`temporal-auth: the secret values cannot all be read (${err.findings[0]!.message.split(';')[0]}); printing without them, as with --no-secrets\n`);
    }
  } catch (err) {
    if (err instanceof IssuerError) {
      io.stderr(`temporal-auth: ${err.message}\nnothing written\n`);
      return EXIT.invalid;
    }
    if (!(err instanceof InputError)) throw err;
    if (/^chart version /.test(err.message)) {
      io.stderr(`temporal-auth: --chart-version ${err.message.slice('chart version '.length)}\n`);
      return EXIT.invalid;
    }
    if (err.findings.length > 0) {
      printFindings(err.findings, io.stderr);
      if (err.findings.some((f) => f.rule === 'secret-source')) io.stderr('nothing written\n');
    } else if (/sealed-secret format needs/.test(err.message)) {
      io.stderr('temporal-auth: the sealed-secret format needs --seal-cert FILE (kubeseal --fetch-cert > cert.pem), or --no-secrets\n');
    } else if (err.message.startsWith('the sealing certificate ')) {
      io.stderr(`temporal-auth: --seal-cert ${flags.sealCert} ${err.message.slice('the sealing certificate '.length)}; pass the controller's certificate (kubeseal --fetch-cert > cert.pem)\n`);
    } else {
      io.stderr(`temporal-auth: ${err.message}\n`);
    }
    return EXIT.invalid;
  }
  printFindings(result.findings, io.stderr);
  const { files } = result;
  const { model } = result.spec;
  const format = model.secrets.format;
  if (flags.sealCert && format !== 'sealed-secret') io.stderr(`temporal-auth: --seal-cert is ignored: the secret format is ${format}, not sealed-secret\n`);

  if (flags.stdout) {
    // A YAML stream: never a plaintext Secret, and not the TOML profile (it is not YAML).
    const printable = files.filter((f) => !PLAINTEXT_SECRET_FILES.includes(f.name) && f.name !== FILES.cliProfile);
    io.stdout(printable.map((f) => `# Source: ${f.name}\n${f.content}`).join('---\n'));
    if (secretsRead && format === 'secret') {
      for (const f of files.filter((f) => PLAINTEXT_SECRET_FILES.includes(f.name))) io.stderr(`${f.name} is not printed to stdout; write it with --out\n`);
    }
    if (files.some((f) => f.name === FILES.cliProfile)) io.stderr(`${FILES.cliProfile} (not YAML) is not printed to stdout; write it with --out\n`);
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
      workers: workersWithSecrets(model).map(({ worker, index }) => ({
        name: worker.name,
        secret: worker.secret.name,
        namespace: worker.secret.namespace,
        keys: workerSecretEntries(model, worker, index).map((e) => e.key),
      })),
      workerApplyFiles: [FILES.workerSecrets, FILES.workerExternalSecrets, FILES.workerSealedSecrets].filter((n) => names.includes(n)).map(rel),
      // The release's namespace exists (Helm installs into it); a worker's may not yet.
      workerNamespaces: [...new Set(workersWithSecrets(model).map(({ worker }) => worker.secret.namespace))].filter((ns) => ns !== model.release.namespace).sort(),
      profileFile: names.includes(FILES.cliProfile) ? rel(FILES.cliProfile) : undefined,
      secretName: model.secretName,
      secretKeys: secretEntries(model).map((e) => e.key),
      namespace: model.release.namespace,
      release: model.release.name,
      chartVersion: model.chart.chartVersion,
      applyFiles: [FILES.secrets, FILES.externalSecret, FILES.sealedSecret, FILES.policyConfigMap, FILES.networkPolicy, FILES.webUiConfig].filter((n) => names.includes(n)).map(rel),
      valuesFile: rel(FILES.values),
      userValues: flags.values ? [shellWord(flags.values)] : [],
      releaseValuesFile: `${model.release.name}-values.yaml`,
      rerender: rerenderCommand(specArg, flags),
      idpFile: names.includes(FILES.idpPermissions) ? rel(FILES.idpPermissions) : undefined,
      permissionsClaim: model.issuer.permissionsClaim,
    }),
  );
  return EXIT.ok;
}

/** A word as a POSIX shell reads it: as is when plain, else single-quoted. */
function shellWord(word: string): string {
  return /^[\w./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** This render's command line again, with every flag that shapes its output (for the summary to print with --values). */
function rerenderCommand(specArg: string, flags: RenderFlags): string {
  const args = ['temporal-auth', 'render', specArg, '--out', flags.out];
  if (flags.chartVersion) args.push('--chart-version', flags.chartVersion);
  if (flags.secretsFormat) args.push('--secrets-format', flags.secretsFormat);
  if (flags.sealCert) args.push('--seal-cert', flags.sealCert);
  if (!flags.secrets) args.push('--no-secrets');
  if (flags.discover) args.push('--discover', ...(flags.caFile ? ['--ca-file', flags.caFile] : []));
  return args.map(shellWord).join(' ');
}
