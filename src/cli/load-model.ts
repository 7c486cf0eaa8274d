import { InputError } from '../api/errors.js';
import { findingsBesidesRender, type LoadedSpec, loadSpec, type SpecOptions } from '../api/spec.js';
import { printFindings } from './findings.js';
import type { CliIo } from './io.js';
import { specInput } from './spec-input.js';

export type { LoadedSpec };

/**
 * The start of every command but validate and render: load the spec through
 * the library, print its findings on stderr (not those about render's output
 * alone). Undefined means there were errors (exit 1).
 */
export async function loadModel(io: CliIo, specArg: string, options: SpecOptions = {}): Promise<LoadedSpec | undefined> {
  try {
    const loaded = await loadSpec(await specInput(io, specArg), options);
    printFindings(findingsBesidesRender(loaded.findings), io.stderr);
    return loaded;
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    printFindings(findingsBesidesRender(err.findings), io.stderr);
    if (err.findings.length === 0) io.stderr(`temporal-auth: ${err.message}\n`);
    return undefined;
  }
}
