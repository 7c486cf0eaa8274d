import { checkValuesAgainstProfile, type PathProblem } from '../charts/profile.js';
import type { AuthModel } from '../model/model.js';
import { IDENTITY_PROVIDER_FILES, identityProviderFilesFor } from '../providers/presets.js';
import { fileMode, type OutputFile } from '../write/atomic.js';
import { podChecksums } from './checksum.js';
import { OUTPUTS, type Output, type OutputId, outputPath, type RenderInputs } from './outputs.js';
import { emitValues } from './values.js';

export {
  ALL_OUTPUT_PATHS,
  APPLIED_BY,
  type AppliedBy,
  FILES,
  OUTPUT_TABLE,
  OUTPUTS,
  type Output,
  type OutputFolder,
  type OutputFormat,
  type OutputId,
  type OutputName,
  outputNamed,
  outputPath,
  type RenderInputs,
  type SecretFormat,
} from './outputs.js';

/** A file render writes (`name`: its path in the output folder, by the spec's layout), with the table entry it comes from. */
export interface RenderedOutput extends OutputFile {
  output: Output & { id: OutputId };
}

export interface Rendered {
  files: RenderedOutput[];
  /** The values object, for checks and for commands that compare it (diff). */
  values: Record<string, unknown>;
}

/** The identity providers' own files, by name: a provider gets those its preset names for the spec's mode. */
const providerFiles: ReadonlySet<string> = new Set(IDENTITY_PROVIDER_FILES);

/**
 * The values temporal-auth writes name keys a user's chart (render --chart) does not declare:
 * Helm would silently ignore them. Bad input (the chart), not a bug: the API says so by its code.
 */
export class ChartLacksKeysError extends Error {
  readonly problems: readonly PathProblem[];
  constructor(chartVersion: string, problems: readonly PathProblem[]) {
    super(`chart ${chartVersion} does not declare what temporal-auth writes: ${problems.map((p) => p.problem).join('; ')}`);
    this.name = 'ChartLacksKeysError';
    this.problems = problems;
  }
}

/** Every output of a render, in the table's order. Pure: same inputs, same bytes (the sealed ciphertext aside). */
export function renderOutputs(model: AuthModel, inputs: RenderInputs = {}): Rendered {
  const values = emitValues(model, inputs.userValues, podChecksums(model, inputs.secretValues, inputs.rolloutKey));
  const problems = checkValuesAgainstProfile(values, model.chart);
  if (problems.length > 0) {
    // A profile derived from a user's chart (render --chart; no source): that chart lacks keys the tool writes.
    if (model.chart.source === null) throw new ChartLacksKeysError(model.chart.chartVersion, problems);
    // The emitters and the built-in profiles disagree: a bug here, not bad input.
    throw new Error(`emitted values do not fit chart ${model.chart.chartVersion}: ${problems.map((p) => p.problem).join('; ')}`);
  }
  const mine: readonly string[] = identityProviderFilesFor(model.issuer.provider, model.mode);
  const files: RenderedOutput[] = [];
  for (const output of OUTPUTS) {
    if (providerFiles.has(output.name) && !mine.includes(output.name)) continue;
    const content = output.emit(model, { ...inputs, values, written: files.map((f) => f.output.name) });
    if (content !== undefined) files.push({ name: outputPath(output, model.layout), content, mode: fileMode(output.plaintextSecret), output });
  }
  return { files, values };
}
