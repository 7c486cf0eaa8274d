// A chart the tool has no built-in profile for (a newer release, a fork, a mirror): its profile
// derived at run time from its files, as scripts/gen-chart-profile.mjs derives the built-in ones
// (src/charts/derive/), and checked the same way. Loaded only by callers that give a chart: the
// CLI imports this module dynamically, for render --chart and validate --chart only.
import { ChartDeriveError, deriveProfile } from '../charts/derive/derive-profile.js';
import { type ChartProfile, type GeneratedProfile, makeProfile } from '../charts/profile.js';
import { ChartFilesError, readChartFiles } from '../input/chart-files.js';
import { describeValue, isRecord } from '../util/describe-value.js';
import { printable } from '../util/printable.js';
import { InputError, type InputErrorCode } from './errors.js';

/** A user's chart, read and derived (loadChart): pass it as the `chart` option of validate, loadSpec, render and the rest. */
export interface LoadedChart {
  readonly kind: 'loaded-chart';
  /** Where it was read from, as given. */
  path: string;
  /** Its profile (source: null): what the built-in profile of a release holds, read from this chart. */
  profile: ChartProfile;
}

/** One line, safe on a terminal: what a hostile chart puts in a message (template text, names) is escaped. */
const oneLine = (text: string) => printable(text.replace(/\s+/g, ' ').trim());

const ADVICE: Record<ChartDeriveError['kind'], string> = {
  files: "give the chart's own Chart.yaml and values.yaml",
  'not-temporal': 'give the official Temporal chart (helm pull temporal --repo https://go.temporal.io/helm-charts), or a fork of it',
  syntax: 'its templates do not parse as Go templates; check that helm template renders the chart',
  shape: 'temporal-auth cannot read what auth needs from this chart; render for a release it supports (--chart-version), or report the chart',
};
const CODES: Record<ChartDeriveError['kind'], InputErrorCode> = {
  files: 'chart-unreadable',
  'not-temporal': 'chart-not-temporal',
  syntax: 'chart-shape-unknown',
  shape: 'chart-shape-unknown',
};

/**
 * The profile with what the chart's author wrote and findings quote (the templates' names,
 * `fail` messages, guard texts) safe on a terminal: control and format characters escaped. The
 * official charts have none, so their profiles are unchanged.
 */
function printableProfile(p: GeneratedProfile): GeneratedProfile {
  return {
    ...p,
    traps: p.traps.map((t) => ({
      ...t,
      template: printable(t.template),
      message: printable(t.message),
      condition: t.condition.when === 'unmodelled' ? { ...t.condition, note: printable(t.condition.note) } : t.condition,
    })),
    gates: p.gates.map((g) => ({ ...g, sites: g.sites.map((s) => ({ ...s, template: printable(s.template), text: printable(s.text) })) })),
  };
}

/**
 * Reads the chart at `{ path }` (a chart folder, or a packaged chart .tgz as `helm pull` writes it)
 * and derives its profile. InputError: chart-unreadable (not a chart folder or archive, a link,
 * a device, a path leaving the archive's folder, over a size bound, not UTF-8 or YAML),
 * chart-not-temporal (another chart, or no internal frontend key), chart-shape-unknown
 * (templates the derivation does not recognise). Each message is one line naming the path.
 */
export async function loadChart(input: { path: string }): Promise<LoadedChart> {
  if (!isRecord(input) || typeof input.path !== 'string' || input.path === '')
    throw new TypeError(`loadChart: the chart must be { path } (a chart folder or .tgz); got ${isRecord(input) ? `path that is ${describeValue(input.path)}` : describeValue(input)}`);
  const { path } = input;
  // The message is `the chart PATH: what is wrong; what to do`; the detail, what follows the colon.
  const fail = (code: InputErrorCode, detail: string) => new InputError(code, `the chart ${printable(path)}: ${detail}`, { detail });
  let files;
  try {
    files = await readChartFiles(path);
  } catch (err) {
    if (err instanceof ChartFilesError) throw fail('chart-unreadable', oneLine(err.message));
    throw err;
  }
  try {
    return { kind: 'loaded-chart', path, profile: makeProfile(printableProfile(deriveProfile(files))) };
  } catch (err) {
    if (err instanceof ChartDeriveError) throw fail(CODES[err.kind], `${oneLine(err.message)}; ${ADVICE[err.kind]}`);
    throw err;
  }
}
