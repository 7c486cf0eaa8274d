import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { InputError, IssuerError } from '../api/errors.js';
import { writeErrorLine } from '../api/files.js';
import * as api from '../api/render.js';
import { APPLIED_BY, type AppliedBy, applySteps, OUTPUTS, SHADOW_RUNBOOK, writeRendered } from '../api/render.js';
import { envAndFileSecrets } from '../api/secrets.js';
import { printable } from '../util/printable.js';
import { renderTemplate } from '../util/templates.js';
import { EXIT } from './exit-codes.js';
import { printFindings } from './findings.js';
import type { CliIo } from './io.js';
import { caFileOption, chartOption, loadChartOption, readCaFile, timeoutOption } from './options.js';
import { DEFAULT_SPEC, resolveFrom } from './paths.js';

interface RenderFlags {
  out: string;
  secretsFormat?: 'secret' | 'external-secret' | 'sealed-secret';
  sealCert?: string;
  chartVersion?: string;
  chart?: string;
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
    .addOption(chartOption('target'))
    .option('--stdout', 'print the rendered YAML files to stdout instead of writing them (never a plaintext secret)')
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
        ...filesHelp(),
        'Output is deterministic, sealed ciphertext aside.',
        '',
        'Exit codes: 0 written, 1 invalid spec, missing secret source, unusable cluster JWKS file',
        '(cluster.jwks.file), (--discover) an issuer that cannot be read, or a --chart that cannot',
        'be read, is not the temporal chart or has templates the tool cannot read: nothing written.',
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
      io.stderr(
        `temporal-auth: --seal-cert ${flags.sealCert} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}); pass the controller's certificate (kubeseal --fetch-cert > cert.pem)\n`,
      );
      return EXIT.invalid;
    }
  }
  let discover: api.RenderOptions['discover'];
  if (flags.discover) {
    const ca = await readCaFile(io, flags.caFile);
    if (!ca.ok) return EXIT.invalid;
    discover = { ca: ca.ca, timeoutMs: flags.timeout };
  }
  const chart = await loadChartOption(io, flags.chart);
  if (!chart.ok) {
    io.stderr('nothing written\n');
    return EXIT.invalid;
  }
  let result;
  const options = (withSecrets: boolean): api.RenderOptions => ({
    chartVersion: flags.chartVersion,
    chart: chart.chart,
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
      if (!(flags.stdout && flags.secrets && err instanceof InputError && err.code === 'secret-source')) throw err;
      result = await api.render({ file: resolveFrom(io, specArg) }, options(false));
      io.stderr(`temporal-auth: the secret values cannot all be read (${err.findings[0]!.message.split(';')[0]}); printing without them, as with --no-secrets\n`);
    }
  } catch (err) {
    if (err instanceof IssuerError) {
      io.stderr(`temporal-auth: ${err.message}\nnothing written\n`);
      return EXIT.invalid;
    }
    if (!(err instanceof InputError)) throw err;
    // Each case by its code; what the library says about an option, the CLI says about its flag.
    switch (err.code) {
      case 'chart-version-unknown':
        io.stderr(`temporal-auth: --chart-version ${err.detail ?? err.message}\n`);
        break;
      case 'chart-shape-unknown':
        // Found once the values are written out: the chart lacks keys the tool writes.
        io.stderr(`temporal-auth: --chart ${printable(flags.chart ?? '')}: ${err.detail ?? err.message}\nnothing written\n`);
        break;
      case 'sealing-cert-missing':
        io.stderr('temporal-auth: the sealed-secret format needs --seal-cert FILE (kubeseal --fetch-cert > cert.pem), or --no-secrets\n');
        break;
      case 'sealing-cert-invalid':
        io.stderr(`temporal-auth: --seal-cert ${flags.sealCert} ${err.detail ?? err.message}; pass the controller's certificate (kubeseal --fetch-cert > cert.pem)\n`);
        break;
      case 'secret-source':
      case 'cluster-jwks-invalid':
        printFindings(err.findings, io.stderr);
        io.stderr('nothing written\n');
        break;
      default:
        if (err.findings.length > 0) printFindings(err.findings, io.stderr);
        else io.stderr(`temporal-auth: ${err.message}\n`);
    }
    return EXIT.invalid;
  }
  printFindings(result.findings, io.stderr);
  const { files } = result;
  const { model } = result.spec;
  const format = model.secrets.format;
  if (flags.sealCert && format !== 'sealed-secret') io.stderr(`temporal-auth: --seal-cert is ignored: the secret format is ${format}, not sealed-secret\n`);

  if (flags.stdout) {
    // A YAML stream: never a plaintext Secret, and no file that is not YAML.
    io.stdout(
      files
        .filter(printableOnStdout)
        .map((f) => `# Source: ${f.name}\n${f.content}`)
        .join('---\n'),
    );
    for (const f of files.filter((f) => f.plaintextSecret)) io.stderr(`${f.name} is not printed to stdout; write it with --out\n`);
    for (const f of files.filter((f) => !f.plaintextSecret && f.format !== 'yaml')) io.stderr(`${f.name} (not YAML) is not printed to stdout; write it with --out\n`);
    return EXIT.ok;
  }

  const outDir = resolveFrom(io, flags.out);
  try {
    await writeRendered(outDir, files);
  } catch (err) {
    const line = writeErrorLine(err, flags.out, '--out');
    if (line === undefined) throw err;
    io.stderr(line);
    return EXIT.invalid;
  }
  const rel = (name: string) => `${flags.out.replace(/\/+$/, '')}/${name}`;
  io.stderr(
    await renderTemplate('render-summary', {
      outDir: flags.out.replace(/\/+$/, ''),
      steps: applySteps(result, rel),
      userValues: flags.values ? [shellWord(flags.values)] : [],
      releaseValuesFile: `${model.release.name}-values.yaml`,
      rerender: rerenderCommand(specArg, flags),
      shadowRunbook: SHADOW_RUNBOOK,
    }),
  );
  return EXIT.ok;
}

/** What --stdout prints: a multi-document YAML stream, so YAML files only, and never one holding a plaintext secret. */
function printableOnStdout(file: api.RenderedFile): boolean {
  return file.format === 'yaml' && !file.plaintextSecret;
}

/** render --help's list of the files, by who applies them (0600 marks a plaintext secret). */
function filesHelp(): string[] {
  const width = 92;
  const groups = (Object.keys(APPLIED_BY) as AppliedBy[]).map((by) => ({
    label: APPLIED_BY[by].help,
    names: OUTPUTS.filter((o) => o.appliedBy === by).map((o) => (o.plaintextSecret ? `${o.name} (0600)` : o.name)),
  }));
  const indent = Math.max(...groups.map((g) => g.label.length)) + 4;
  const lines = ['Writes the files the spec calls for, by what applies them ((0600): a plaintext secret,', 'mode 0600, never printed by --stdout):'];
  for (const { label, names } of groups) {
    let line = `  ${label.padEnd(indent - 2)}`;
    for (const [i, name] of names.entries()) {
      const word = i < names.length - 1 ? `${name},` : name;
      if (line.trim() !== label && line.length + 1 + word.length > width) {
        lines.push(line);
        line = ' '.repeat(indent);
      }
      line += line.endsWith(' ') ? word : ` ${word}`;
    }
    lines.push(line);
  }
  return lines;
}

/** A word as a POSIX shell reads it: as is when plain, else single-quoted. */
function shellWord(word: string): string {
  return /^[\w./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** This render's command line again, with every flag that shapes its output (for the summary to print with --values). */
function rerenderCommand(specArg: string, flags: RenderFlags): string {
  const args = ['temporal-auth', 'render', specArg, '--out', flags.out];
  if (flags.chartVersion) args.push('--chart-version', flags.chartVersion);
  if (flags.chart) args.push('--chart', flags.chart);
  if (flags.secretsFormat) args.push('--secrets-format', flags.secretsFormat);
  if (flags.sealCert) args.push('--seal-cert', flags.sealCert);
  if (!flags.secrets) args.push('--no-secrets');
  if (flags.discover) args.push('--discover', ...(flags.caFile ? ['--ca-file', flags.caFile] : []));
  return args.map(shellWord).join(' ');
}
