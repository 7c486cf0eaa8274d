import { InputError } from '../api/errors.js';
import { loadSpec, type LoadedSpec, type SpecOptions } from '../api/spec.js';
import { printFindings } from './findings.js';
import type { CliIo } from './io.js';
import { resolveFrom } from './paths.js';

export type { LoadedSpec };

/**
 * The start of every command: load the spec through the library, print its
 * findings on stderr. Undefined means there were errors (exit 1).
 */
export async function loadModel(io: CliIo, specArg: string, options: SpecOptions = {}): Promise<LoadedSpec | undefined> {
  try {
    const loaded = await loadSpec({ file: resolveFrom(io, specArg) }, options);
    printFindings(loaded.findings, io.stderr);
    return loaded;
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    printFindings(err.findings, io.stderr);
    if (err.findings.length === 0) io.stderr(`temporal-auth: ${err.message}\n`);
    return undefined;
  }
}
