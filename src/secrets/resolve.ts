import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { AuthModel } from '../model/model.js';
import { secretEntries, type SecretKey } from '../emit/secret-keys.js';
import type { Path } from '../spec/source.js';

export interface SecretProblem {
  path: Path;
  message: string;
}

/**
 * Reads every Secret value from the spec or its named env var / file. All
 * problems are collected (so a user fixes them in one go); messages name the
 * variable or file, never a value.
 */
export async function resolveSecretValues(
  model: AuthModel,
  specFile: string,
  env: NodeJS.ProcessEnv,
): Promise<{ ok: true; values: Map<SecretKey, string> } | { ok: false; problems: SecretProblem[] }> {
  const values = new Map<SecretKey, string>();
  const problems: SecretProblem[] = [];
  for (const entry of secretEntries(model)) {
    const from = entry.from;
    if ('value' in from) {
      values.set(entry.key, from.value);
    } else if ('fromEnv' in from) {
      const value = env[from.fromEnv];
      if (value === undefined || value === '') {
        problems.push({
          path: [...entry.specPath, 'fromEnv'],
          message: `environment variable ${from.fromEnv} is ${value === undefined ? 'not set' : 'empty'}; export it, or render with --no-secrets`,
        });
      } else values.set(entry.key, value);
    } else {
      const file = resolve(dirname(specFile), from.fromFile);
      try {
        // One trailing newline is what `echo secret > file` adds; it is not part of the secret.
        const value = (await readFile(file, 'utf8')).replace(/\r?\n$/, '');
        if (value === '') problems.push({ path: [...entry.specPath, 'fromFile'], message: `secret file ${file} is empty; write the secret into it` });
        else values.set(entry.key, value);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? 'error'})`;
        problems.push({ path: [...entry.specPath, 'fromFile'], message: `secret file ${file} ${why}; create it, or render with --no-secrets` });
      }
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}
