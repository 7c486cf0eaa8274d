import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { writeErrorLine, writeTextFile } from '../api/files.js';
import { exampleIssuer, issuerToWrite, LATEST_CHART, PROVIDERS, type Provider, SUPPORTED_CHART_VERSIONS, starterSpec } from '../api/init.js';
import { printable } from '../util/printable.js';
import { parseUrl } from '../util/url.js';
import { EXIT } from './exit-codes.js';
import { type CliIo, PromptEnded } from './io.js';
import { resolveFrom } from './paths.js';

interface InitFlags {
  provider?: Provider;
  issuer?: string;
  chartVersion?: string;
  out: string;
  yes?: boolean;
  force?: boolean;
}

export function initCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('init')
    .description('Write a commented starter spec for your identity provider.')
    .addOption(new Option('--provider <provider>', 'identity provider preset').choices(PROVIDERS))
    .option('--issuer <url>', "the issuer URL, exactly as the provider's discovery document states it")
    .addOption(new Option('--chart-version <version>', 'official Temporal chart version').choices([...SUPPORTED_CHART_VERSIONS]))
    .option('-o, --out <file>', 'where to write the spec', 'temporal-auth.yaml')
    .option('-y, --yes', 'ask nothing: use the flags and defaults')
    .option('--force', 'overwrite an existing file')
    .addHelpText(
      'after',
      '\nAsks for what it needs when stdin is a terminal (an invalid answer is asked again); with --yes or\nwithout a terminal it uses the flags and defaults (provider generic, chart ' +
        LATEST_CHART +
        ').\n\nExit codes: 0 written, 1 bad input or the file exists (pass --force), 130 interrupted (Ctrl+C).\n\nExample:\n  temporal-auth init --provider okta --issuer https://acme.okta.com/oauth2/default --yes\n',
    )
    .action(async (flags: InitFlags) => setExit(await init(io, flags)));
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Asks until the answer passes `check` (which returns why not), at most five times. */
async function askValid(io: CliIo, question: string, check: (answer: string) => string | undefined): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const answer = await io.ask(question);
    const problem = check(answer);
    if (!problem) return answer;
    io.stderr(`${problem}\n`);
    if (attempt === 4) throw new PromptEnded('eof');
  }
}

async function init(io: CliIo, flags: InitFlags): Promise<number> {
  try {
    return await initSpec(io, flags);
  } catch (err) {
    if (!(err instanceof PromptEnded)) throw err;
    // Ctrl+C: the shell's 130 and nothing else; Ctrl+D (or five bad answers): one line.
    if (err.how === 'interrupt') {
      io.stderr('\n');
      return EXIT.interrupted;
    }
    io.stderr(`\ntemporal-auth: ${err.message}; nothing written\n`);
    return EXIT.invalid;
  }
}

async function initSpec(io: CliIo, flags: InitFlags): Promise<number> {
  const target = resolveFrom(io, flags.out);
  if (await isFolder(target)) {
    io.stderr(`temporal-auth: -o ${flags.out} is a folder; name the file to write, e.g. -o ${join(flags.out, 'temporal-auth.yaml')}\n`);
    return EXIT.invalid;
  }
  if (!flags.force && (await exists(target))) {
    io.stderr(`temporal-auth: ${flags.out} exists; pass --force to overwrite it, or -o to write elsewhere\n`);
    return EXIT.invalid;
  }
  const interactive = io.stdinIsTTY && !flags.yes;
  let provider = flags.provider;
  if (!provider && interactive) {
    const answer = await askValid(io, `Identity provider (${PROVIDERS.join(', ')}) [generic]: `, (a) =>
      a && !PROVIDERS.includes(a as Provider) ? `unknown provider ${printable(a)}; use one of ${PROVIDERS.join(', ')}` : undefined,
    );
    provider = (answer || undefined) as Provider | undefined;
  }
  provider ??= 'generic';
  let issuer = flags.issuer;
  if (!issuer && interactive) {
    issuer =
      (await askValid(io, `Issuer URL [${exampleIssuer(provider)}]: `, (a) =>
        a && parseUrl(a)?.protocol !== 'https:' ? `${printable(a)} is not an https URL; give the issuer exactly as its discovery document states it` : undefined,
      )) || undefined;
  }
  issuer ??= exampleIssuer(provider);
  if (parseUrl(issuer)?.protocol !== 'https:') {
    io.stderr(`temporal-auth: issuer ${issuer} is not an https URL; pass the issuer exactly as its discovery document states it\n`);
    return EXIT.invalid;
  }
  // Write what validates (the library says when that is not the issuer given, and why).
  const written = issuerToWrite(provider, issuer);
  if (written.note !== undefined) io.stderr(`${printable(written.note)}\n`);
  issuer = written.issuer;
  let chartVersion = flags.chartVersion;
  if (!chartVersion && interactive) {
    const answer = await askValid(io, `Temporal chart version (${SUPPORTED_CHART_VERSIONS.join(', ')}) [${LATEST_CHART}]: `, (a) =>
      a && !SUPPORTED_CHART_VERSIONS.includes(a) ? `no profile for chart ${printable(a)}; supported versions: ${SUPPORTED_CHART_VERSIONS.join(', ')}` : undefined,
    );
    chartVersion = answer || undefined;
  }
  chartVersion ??= LATEST_CHART;

  const { text } = await starterSpec({ provider, issuer, chartVersion, file: target });
  try {
    await writeTextFile(target, text, { createFolder: false });
  } catch (err) {
    const line = writeErrorLine(err, flags.out, '-o', 'file');
    if (line === undefined) throw err;
    io.stderr(line);
    return EXIT.invalid;
  }
  io.stderr(`Wrote ${flags.out} (${provider}, chart ${chartVersion}). Next: edit the clients and grants, then temporal-auth validate ${flags.out}\n`);
  return EXIT.ok;
}
