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
import { FINDINGS_FORMATS, type FindingsFormat, reportFindings } from './findings.js';
import type { CliIo } from './io.js';
import { caFileOption, chartOption, loadChartOption, readCaFile, timeoutOption } from './options.js';
import { DEFAULT_SPEC, resolveFrom } from './paths.js';
import { specInput } from './spec-input.js';

interface RenderFlags {
  out: string;
  secretsFormat?: 'secret' | 'external-secret' | 'sealed-secret';
  sealCert?: string;
  chartVersion?: string;
  chart?: string;
  stdout?: boolean;
  stdoutValues?: boolean;
  secrets: boolean;
  values?: string;
  discover?: boolean;
  caFile?: string;
  timeout: number;
  findingsFormat: FindingsFormat;
  strict?: boolean;
  check?: boolean;
}

export function renderCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('render')
    .description('Render Helm values overrides, the auth Secret and the policy for the official Temporal chart.')
    .argument('[spec]', 'spec file (- reads it from stdin)', DEFAULT_SPEC)
    .option('-o, --out <dir>', 'output folder', 'out')
    .option('--chart-version <version>', "target this chart version instead of the spec's")
    .addOption(chartOption('target'))
    .option('--stdout', 'print the Kubernetes manifests (what kustomization.yaml lists; never a plaintext secret) to stdout instead of writing files')
    .option('--stdout-values', 'print the Helm values document to stdout instead of writing files (first, with --stdout)')
    .option('--no-secrets', 'skip secrets.yaml (for CI without credentials); the values still render')
    .option('--values <file>', 'your own Helm values: their env, volume and per-service lists are merged into the output')
    .addOption(new Option('--secrets-format <format>', "how the Secret is written (default: the spec's secrets.format)").choices(['secret', 'external-secret', 'sealed-secret']))
    .option('--seal-cert <file>', "sealed-secret format: the controller's certificate (kubeseal --fetch-cert > cert.pem)")
    .addOption(
      new Option('--findings-format <format>', 'findings as text (lines on stderr), or json, sarif (SARIF 2.1.0) or github (workflow commands) on stdout').choices(FINDINGS_FORMATS).default('text'),
    )
    .option('--strict', 'fail (exit 1, nothing written) on warnings too')
    .option('--check', 'write nothing: exit 0 when --out holds what render would write, 1 listing the stale files (secrets compared, never shown)')
    .option('--discover', "read the worker Secrets' token endpoint from the issuer's discovery document when issuer.tokenUrl is not set (render is otherwise offline)")
    .addOption(caFileOption())
    .addOption(timeoutOption('the issuer (--discover)'))
    .addHelpText(
      'after',
      [
        '',
        ...filesHelp(),
        'Output is deterministic (a SealedSecret too, with secrets.rolloutKey).',
        '',
        'Exit codes: 0 written, 1 invalid spec, missing secret source, unusable cluster JWKS file',
        '(cluster.jwks.file), (--discover) an issuer that cannot be read, or a --chart that cannot',
        'be read, is not the temporal chart or has templates the tool cannot read: nothing written.',
        'With --check: 0 up to date, 1 stale (the files are listed) or any of the above.',
        '',
        'Examples:',
        '  OKTA_WEB_CLIENT_SECRET=... temporal-auth render examples/okta.yaml --out out/',
        '  temporal-auth render temporal-auth.yaml --out out/ --no-secrets --check   # in CI: is out/ up to date?',
        '',
      ].join('\n'),
    )
    .action(async (specArg: string, flags: RenderFlags) => setExit(await render(io, specArg, flags)));
}

async function render(io: CliIo, specArg: string, flags: RenderFlags): Promise<number> {
  const toStdout = flags.stdout === true || flags.stdoutValues === true;
  if (flags.check && toStdout) {
    io.stderr('temporal-auth: --check compares with the --out folder; it cannot be combined with --stdout\n');
    return EXIT.invalid;
  }
  if (toStdout && flags.findingsFormat !== 'text') {
    io.stderr(`temporal-auth: --findings-format ${flags.findingsFormat} writes to stdout, which --stdout fills with the manifests; use text findings (on stderr) with --stdout\n`);
    return EXIT.invalid;
  }
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
    // An earlier render in --out: its unchanged SealedSecret values keep their ciphertext.
    previousOut: toStdout ? undefined : resolveFrom(io, flags.out),
  });
  try {
    // Read once: stdin (-) cannot be read twice.
    const spec = await specInput(io, specArg);
    try {
      result = await api.render(spec, options(flags.secrets));
    } catch (err) {
      // --stdout never prints a plain Secret: it must not need the secrets. Without them it prints what --no-secrets does.
      if (!(toStdout && flags.secrets && err instanceof InputError && err.code === 'secret-source')) throw err;
      result = await api.render(spec, options(false));
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
        await reportFindings(io, flags.findingsFormat, err.findings);
        io.stderr('nothing written\n');
        break;
      default:
        if (err.findings.length > 0) await reportFindings(io, flags.findingsFormat, err.findings);
        else io.stderr(`temporal-auth: ${err.message}\n`);
    }
    return EXIT.invalid;
  }
  await reportFindings(io, flags.findingsFormat, result.findings);
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  if (flags.strict && warnings > 0) {
    io.stderr(`temporal-auth: ${warnings} warning(s) and --strict: nothing written\n`);
    return EXIT.invalid;
  }
  const { files } = result;
  const { model } = result.spec;
  const format = model.secrets.format;
  if (flags.sealCert && format !== 'sealed-secret') io.stderr(`temporal-auth: --seal-cert is ignored: the secret format is ${format}, not sealed-secret\n`);

  if (flags.check) return checkOut(io, specArg, result, flags);

  if (toStdout) {
    // A YAML stream: the Kubernetes objects kubectl applies as they are (kustomization.yaml's
    // resources: never a plaintext Secret), so `| kubectl apply -f -` works; the Helm values
    // document only when asked for (--stdout-values), first.
    const manifests = kustomizationResources(files);
    // kustomization.yaml names files beside it: the table's file names, whichever the layout.
    const listed = (f: api.RenderedFile) => manifests.includes(api.FILES[f.id]);
    const printed = [...(flags.stdoutValues ? files.filter((f) => f.appliedBy === 'helm-values') : []), ...(flags.stdout ? manifests.flatMap((n) => files.filter((f) => api.FILES[f.id] === n)) : [])];
    io.stdout(printed.map((f) => `# Source: ${f.name}\n${f.content}`).join('---\n'));
    for (const f of files.filter((f) => !printed.includes(f))) {
      const why = f.plaintextSecret
        ? 'a plaintext secret'
        : f.appliedBy === 'helm-values'
          ? 'Helm values: --stdout-values prints them'
          : listed(f)
            ? 'a Kubernetes manifest: --stdout prints it'
            : f.format !== 'yaml'
              ? 'not YAML'
              : 'not a Kubernetes object kubectl applies as it is';
      io.stderr(`${f.name} is not printed to stdout (${why}); write it with --out\n`);
    }
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
  const steps = applySteps(result, rel);
  io.stderr(
    await renderTemplate('render-summary', {
      outDir: flags.out.replace(/\/+$/, ''),
      steps,
      userValues: flags.values ? [shellWord(flags.values)] : [],
      releaseValuesFile: `${model.release.name}-values.yaml`,
      rerender: rerenderCommand(specArg, flags),
      shadowRunbook: SHADOW_RUNBOOK,
      // Enforcing from the first rollout locks out whoever the grants miss: the runbook says how to get there safely.
      rolloutRunbook: model.mode === 'custom' && steps.shadow === undefined,
    }),
  );
  return EXIT.ok;
}

/** render --check: compares, lists what is stale on stderr (names only: a secret's content is never shown). */
function checkOut(io: CliIo, specArg: string, result: api.RenderResult, flags: RenderFlags): number {
  const outDir = flags.out.replace(/\/+$/, '');
  const check = api.checkRendered(resolveFrom(io, flags.out), result, flags.secrets);
  const why: Record<api.StaleFile['reason'], string> = {
    missing: 'missing',
    differs: 'differs from what render writes',
    mode: 'holds secrets but others may read it (render writes it 0600)',
    'not-a-file': 'is not a regular file',
    extra: 'render no longer writes it (a render removes it)',
  };
  for (const n of check.notCompared)
    io.stderr(`${outDir}/${n.name}: not compared (${n.reason === 'no-secrets' ? '--no-secrets: its values were not read' : 'sealed afresh on every render without secrets.rolloutKey'})\n`);
  if (check.upToDate) {
    io.stderr(`${outDir}: up to date\n`);
    return EXIT.ok;
  }
  for (const s of check.stale) io.stderr(`${outDir}/${s.name}: stale: ${why[s.reason]}\n`);
  io.stderr(`${outDir}: ${check.stale.length} stale file(s); run ${rerenderCommand(specArg, flags)}\n`);
  return EXIT.invalid;
}

/** The files kustomization.yaml lists, in its order: what --stdout prints. */
function kustomizationResources(files: readonly api.RenderedFile[]): string[] {
  const kustomization = files.find((f) => f.appliedBy === 'gitops');
  const resources = (kustomization?.documents[0] as { resources?: unknown } | undefined)?.resources;
  return Array.isArray(resources) ? resources.filter((r): r is string => typeof r === 'string') : [];
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
  const folders = [...new Set(OUTPUTS.flatMap((o) => (o.folder ? [o.folder] : [])))];
  lines.push(`With gitops.layout: folders in the spec, they go to ${folders.map((f) => `${f}/`).join(', ')} (the README's table says which).`);
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
