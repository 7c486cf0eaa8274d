import type { ChartProfile } from '../charts/profile.js';
import { buildModel, type AuthModel } from '../model/model.js';
import { checkSpec, type CheckOptions } from '../spec/check.js';
import { formatFinding } from '../spec/finding.js';
import type { YamlSource } from '../spec/source.js';
import type { CliIo } from './io.js';
import { resolveFrom } from './paths.js';

export interface LoadedModel {
  model: AuthModel;
  specFile: string;
  source: YamlSource;
  userValues?: YamlSource;
  chart: ChartProfile;
}

/**
 * The start of every command: check the spec, print its findings on stderr,
 * and build the model. Undefined means there were errors (exit 1).
 */
export async function loadModel(
  io: CliIo,
  specArg: string,
  options: CheckOptions & { secretsFormat?: AuthModel['secrets']['format'] } = {},
): Promise<LoadedModel | undefined> {
  const specFile = resolveFrom(io, specArg);
  const checked = await checkSpec(specFile, options);
  for (const f of checked.findings) io.stderr(`${formatFinding(f)}\n`);
  const { spec, chart, source } = checked;
  if (!spec || !chart || !source) return undefined;
  return { model: buildModel(spec, chart, { secretsFormat: options.secretsFormat }), specFile, source, userValues: checked.userValues, chart };
}
