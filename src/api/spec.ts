import type { ChartProfile } from '../charts/profile.js';
import { chartProfile, SUPPORTED_CHART_VERSIONS } from '../charts/index.js';
import { buildModel, type AuthModel } from '../model/model.js';
import { hasErrors, type Finding } from '../spec/finding.js';
import { loadYamlFile, parseYamlText, yaml, type LoadResult, type YamlSource } from '../spec/source.js';
import type { AuthSpec } from '../spec/spec.types.generated.js';
import { validateLoaded } from '../spec/validate.js';
import { InputError } from './errors.js';

/**
 * A spec (or a Helm values document): a file to read, YAML text, or data.
 * `file` names text and data in findings (default `<spec>` / `<values>`).
 */
export type Input = { file: string } | { text: string; file?: string } | { data: unknown; file?: string };

export interface SpecOptions {
  /** Target this chart version instead of the spec's `chart.version`. */
  chartVersion?: string;
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
    throw new InputError(`chart version ${options.chartVersion} has no profile; supported: ${SUPPORTED_CHART_VERSIONS.join(', ')}`);
  }
  const values = options.values ? await load(options.values, 'values') : undefined;
  return validateLoaded(await load(input, 'spec'), { chartVersion: options.chartVersion, values });
}

/** JSON Schema, then the lint rules: every problem in the spec as a located finding. Throws InputError only for bad options. */
export async function validate(input: Input, options: SpecOptions = {}): Promise<Validation> {
  const checked = await check(input, options);
  return { valid: !hasErrors(checked.findings), findings: checked.findings, spec: checked.spec };
}

/** Validates a spec and builds its model; throws InputError (with the findings) when it has errors. */
export async function loadSpec(input: Input | LoadedSpec, options: SpecOptions = {}): Promise<LoadedSpec> {
  if ('kind' in input && input.kind === 'loaded-spec') return input;
  const checked = await check(input as Input, options);
  const { spec, chart, source } = checked;
  if (!spec || !chart || !source) throw InputError.fromFindings(checked.findings);
  const model = buildModel(spec, chart, { secretsFormat: options.secretsFormat });
  return { kind: 'loaded-spec', model, spec, chart, findings: checked.findings, file: source.file, source, userValues: checked.userValues };
}
