import { chartProfile, SUPPORTED_CHART_VERSIONS } from '../charts/index.js';
import type { ChartProfile } from '../charts/profile.js';
import { type Finding, hasErrors } from '../input/finding.js';
import { renderOnlyRules } from '../input/rules/index.js';
import { type LoadResult, loadYamlFile, parseYamlText, type YamlSource, yaml } from '../input/source.js';
import type { AuthSpec } from '../input/spec.types.generated.js';
import { validateLoaded } from '../input/validate.js';
import { type AuthModel, buildModel } from '../model/model.js';
import { describeValue, isRecord } from '../util/describe-value.js';
import type { LoadedChart } from './chart.js';
import { InputError } from './errors.js';

/**
 * A spec (or a Helm values document): a file to read, YAML text, or data.
 * `file` names text and data in findings (default `<spec>` / `<values>`).
 */
export type Input = { file: string } | { text: string; file?: string } | { data: unknown; file?: string };

export interface SpecOptions {
  /** Target this chart version instead of the spec's `chart.version`. */
  chartVersion?: string;
  /**
   * Target this chart (from loadChart: a chart folder or .tgz the tool has no built-in profile
   * for) instead of the spec's `chart.version`; its own version is used (a warning says so when
   * it differs). Not with chartVersion.
   */
  chart?: LoadedChart;
  /** The user's own Helm values: their lists are carried into the output, and rules check them. */
  values?: Input;
  /** Override `secrets.format`. */
  secretsFormat?: AuthModel['secrets']['format'];
}

/** A validated spec: the normalised model every other function works on, and the warnings. */
export interface LoadedSpec {
  readonly kind: 'loaded-spec';
  model: AuthModel;
  spec: AuthSpec;
  chart: ChartProfile;
  /** Warnings (a loaded spec has no errors). */
  findings: Finding[];
  /** The file the spec came from (a name, for text and data): secret files are relative to it. */
  file: string;
  source: YamlSource;
  userValues?: YamlSource;
}

export interface Validation {
  /** No errors (warnings allowed). */
  valid: boolean;
  findings: Finding[];
  /** The spec with the schema's defaults applied, when valid. */
  spec?: AuthSpec;
}

/** The spec inputs every library function takes, for messages. */
/** The largest spec (or values file) read, in bytes: a file over it, or stdin, is refused before parsing. */
export { MAX_INPUT_BYTES as MAX_SPEC_BYTES } from '../input/source.js';

export const SPEC_INPUT_SHAPES = '{ file }, { text, file? } or { data, file? }';
const SPEC_OPTION_FIELDS = 'chartVersion?, chart?, values?, secretsFormat?';

/**
 * A library function's spec argument must be one of the accepted shapes (a
 * loaded spec too, where `loaded`): a TypeError naming them otherwise, before
 * anything reads it. `what` names the argument in the message.
 */
export function checkSpecInput(fn: string, input: unknown, options: { loaded?: boolean; what?: string } = {}): void {
  const { loaded = true, what = 'the spec' } = options;
  const accepted = `${SPEC_INPUT_SHAPES}${loaded ? ', or a loaded spec (from loadSpec)' : ''}`;
  const fail = (why: string) => new TypeError(`${fn}: ${what} must be ${accepted}; got ${why}`);
  if (!isRecord(input)) throw fail(describeValue(input));
  if (loaded && input.kind === 'loaded-spec') {
    if (!isRecord(input.model)) throw fail('a loaded spec without its model');
    return;
  }
  if ('text' in input) {
    if (typeof input.text !== 'string') throw fail(`text that is ${describeValue(input.text)}`);
  } else if (!('data' in input) && typeof input.file !== 'string') {
    throw fail('file' in input ? `file that is ${describeValue(input.file)}` : describeValue(input));
  }
  if ('file' in input && input.file !== undefined && typeof input.file !== 'string') throw fail(`file that is ${describeValue(input.file)}`);
}

/**
 * A library function's options: an object (or nothing, when none are
 * required) whose `required` fields are present; a TypeError naming the
 * accepted fields otherwise.
 */
export function checkOptions(fn: string, options: unknown, fields: string, required: readonly string[] = []): void {
  const fail = (why: string) => new TypeError(`${fn}: the options must be an object { ${fields} }; got ${why}`);
  if (options === undefined && required.length === 0) return;
  if (!isRecord(options)) throw fail(describeValue(options));
  const missing = required.filter((k) => options[k] === undefined);
  if (missing.length > 0) throw fail(`no ${missing.join(' or ')}`);
  if (options.values !== undefined) checkSpecInput(fn, options.values, { loaded: false, what: 'options.values' });
  if (options.chart !== undefined) {
    const chart = options.chart;
    if (!isRecord(chart) || chart.kind !== 'loaded-chart' || !isRecord(chart.profile)) throw new TypeError(`${fn}: options.chart must be a loaded chart (from loadChart); got ${describeValue(chart)}`);
    if (options.chartVersion !== undefined) throw new TypeError(`${fn}: options.chart and options.chartVersion both name the chart; give one`);
  }
}

/** Options that must be strings when given: a TypeError naming the field otherwise. */
export function checkStringFields(fn: string, options: unknown, keys: readonly string[]): void {
  if (!isRecord(options)) return;
  for (const k of keys) {
    if (options[k] !== undefined && typeof options[k] !== 'string') throw new TypeError(`${fn}: options.${k} must be a string; got ${describeValue(options[k])}`);
  }
}

/** A secret resolver argument: a function (or `false` where allowed). */
export function checkResolver(fn: string, value: unknown, field: string, allowFalse: boolean): void {
  if (typeof value === 'function' || (allowFalse && value === false)) return;
  throw new TypeError(`${fn}: ${field} must be a secret resolver function (e.g. envAndFileSecrets(process.env))${allowFalse ? ' or false' : ''}; got ${describeValue(value)}`);
}

/** The options every function that loads a spec takes, for messages. */
export const specOptionFields = (own = '') => (own ? `${own}, ${SPEC_OPTION_FIELDS}` : SPEC_OPTION_FIELDS);

async function load(input: Input, kind: 'spec' | 'values'): Promise<LoadResult> {
  const name = kind === 'spec' ? '<spec>' : '<values>';
  if ('text' in input) return parseYamlText(input.file ?? name, input.text, kind);
  // The yaml package loads only for data input: validate of a file starts without it.
  if ('data' in input) return parseYamlText(input.file ?? name, yaml().stringify(input.data), kind);
  return loadYamlFile(input.file, kind);
}

async function check(input: Input, options: SpecOptions) {
  // A chart version the caller names (not the spec) that has no profile is a bad option, not a spec finding.
  if (options.chartVersion !== undefined && !chartProfile(options.chartVersion)) {
    throw InputError.about('chart-version-unknown', 'chart version', `${options.chartVersion} has no profile; supported: ${SUPPORTED_CHART_VERSIONS.join(', ')}`);
  }
  const values = options.values ? await load(options.values, 'values') : undefined;
  const chart = options.chart && { profile: options.chart.profile, path: options.chart.path };
  return validateLoaded(await load(input, 'spec'), { chartVersion: options.chartVersion, values, chart });
}

/** JSON Schema, then the lint rules: every problem in the spec as a located finding. Throws InputError only for bad options. */
export async function validate(input: Input, options: SpecOptions = {}): Promise<Validation> {
  checkSpecInput('validate', input, { loaded: false });
  checkOptions('validate', options, specOptionFields());
  const checked = await check(input, options);
  return { valid: !hasErrors(checked.findings), findings: checked.findings, spec: checked.spec };
}

/** Validates a spec and builds its model; throws InputError (with the findings) when it has errors. */
export async function loadSpec(input: Input | LoadedSpec, options: SpecOptions = {}): Promise<LoadedSpec> {
  checkSpecInput('loadSpec', input);
  if ('kind' in input && input.kind === 'loaded-spec') return input;
  checkOptions('loadSpec', options, specOptionFields());
  const checked = await check(input as Input, options);
  const { spec, chart, source } = checked;
  if (!spec || !chart || !source) throw InputError.fromFindings('spec-invalid', checked.findings);
  const model = buildModel(spec, chart, { secretsFormat: options.secretsFormat });
  return { kind: 'loaded-spec', model, spec, chart, findings: checked.findings, file: source.file, source, userValues: checked.userValues };
}

/**
 * The findings a command that never renders reports (explain, check, token,
 * diff): all but those of the lint rules about render's output alone
 * (worker-token-url: those commands discover the token endpoint themselves).
 */
export function findingsBesidesRender(findings: readonly Finding[]): Finding[] {
  const renderOnly = renderOnlyRules();
  return findings.filter((f) => !renderOnly.has(f.rule));
}

/**
 * A YAML or JSON file of data the CLI takes beside the spec (token claims,
 * `helm get values`): its data, or the located findings of why it cannot be
 * read or parsed.
 */
export async function readDataFile(file: string, kind: 'claims' | 'values'): Promise<{ ok: true; data: unknown } | { ok: false; findings: Finding[] }> {
  const loaded = await loadYamlFile(file, kind);
  return loaded.ok ? { ok: true, data: loaded.source.data } : { ok: false, findings: loaded.findings };
}
