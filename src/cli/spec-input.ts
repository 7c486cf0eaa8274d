import { InputError } from '../api/errors.js';
import { type Input, MAX_SPEC_BYTES } from '../api/spec.js';
import type { CliIo } from './io.js';
import { resolveFrom } from './paths.js';

/** How findings and messages name a spec read from stdin. */
export const STDIN_SPEC = '<stdin>';

/**
 * The spec a command reads: a file, or with `-` stdin (a pipe from another tool: `yq ... |
 * temporal-auth validate -`). Read to the same size limit as a file, and stopped one byte past
 * it; relative paths in the spec (fromFile) are then relative to the working folder.
 */
export async function specInput(io: CliIo, arg: string): Promise<Input> {
  if (arg !== '-') return { file: resolveFrom(io, arg) };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin()) {
    size += chunk.length;
    if (size > MAX_SPEC_BYTES) throw stdinProblem(`stdin is over the ${MAX_SPEC_BYTES / 1024 / 1024} MB limit; split it or remove what does not belong in an auth spec`);
    chunks.push(Buffer.from(chunk));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw stdinProblem('stdin is not UTF-8 text; pipe the spec file itself');
  }
  return { text, file: STDIN_SPEC };
}

/** A problem with stdin itself, located as a file's is (line 1, rule io). */
const stdinProblem = (message: string) => InputError.fromFindings('spec-invalid', [{ file: STDIN_SPEC, line: 1, col: 1, severity: 'error', rule: 'io', message }]);
