import { readFileSync } from 'node:fs';
import { InvalidArgumentError, Option } from 'commander';
import type { LoadedChart } from '../api/chart.js';
import { InputError } from '../api/errors.js';
import { printable } from '../util/printable.js';
import type { CliIo } from './io.js';
import { resolveFrom } from './paths.js';

export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) throw new InvalidArgumentError('use a duration such as 15s, 500ms or 1m');
  const n = Number(m[1]);
  return m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : n * 1000;
}

/** --timeout, shared by every command that goes over the network: a deadline, not an idle timeout. */
export function timeoutOption(what: string): Option {
  return new Option('--timeout <duration>', `deadline for the whole exchange with ${what}`).argParser(parseDuration).default(15_000, '15s');
}

/** --ca-file, for issuers behind a private CA (NODE_EXTRA_CA_CERTS works too). */
export function caFileOption(): Option {
  return new Option('--ca-file <path>', "extra CA certificates (PEM) to trust for the issuer's TLS");
}

/** Reads --ca-file; an unreadable file is a one-line error (undefined with `ok: false`). */
export async function readCaFile(io: CliIo, path: string | undefined): Promise<{ ok: true; ca?: string } | { ok: false }> {
  if (!path) return { ok: true };
  try {
    // Synchronous: a small file, and render (which takes --ca-file with --discover) never loads node:fs/promises.
    return { ok: true, ca: readFileSync(resolveFrom(io, path), 'utf8') };
  } catch (err) {
    io.stderr(`temporal-auth: cannot read --ca-file ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'}); pass a PEM file\n`);
    return { ok: false };
  }
}

/** --chart, for render and validate: a chart folder or .tgz the tool derives the profile from (not with --chart-version). */
export function chartOption(verb: string): Option {
  return new Option(
    '--chart <path>',
    `${verb} the chart in this folder or packaged .tgz (helm pull temporal/temporal --version X), for a release, fork or mirror the tool has no profile for; its own version is used`,
  ).conflicts('chartVersion');
}

/**
 * Reads --chart and derives its profile. The derivation and the archive reader load only here
 * (a dynamic import: a run without --chart never evaluates them). A chart that cannot be used is
 * one line naming the flag and the path, by the error's code.
 */
export async function loadChartOption(io: CliIo, path: string | undefined): Promise<{ ok: true; chart?: LoadedChart } | { ok: false }> {
  if (path === undefined) return { ok: true };
  const { loadChart } = await import('../api/chart.js');
  try {
    // The chart as the user named it, in findings (chart-version-differs).
    return { ok: true, chart: { ...(await loadChart({ path: resolveFrom(io, path) })), path } };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    switch (err.code) {
      case 'chart-unreadable':
      case 'chart-not-temporal':
      case 'chart-shape-unknown':
        io.stderr(`temporal-auth: --chart ${printable(path)}: ${err.detail ?? err.message}\n`);
        return { ok: false };
      default:
        throw err;
    }
  }
}
