import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { AuthModel } from '../model/model.js';
import { secretEntries, type SecretEntry, type SecretKey } from '../emit/secret-keys.js';
import type { Path } from '../spec/source.js';

export interface SecretProblem {
  path: Path;
  message: string;
}

export type SourceRead = { ok: true; value: string } | ({ ok: false } & SecretProblem);

/** Reads one Secret value from the spec itself or its env var / file. Messages name the source, never a value. */
export async function readSecretSource(entry: SecretEntry, specFile: string, env: NodeJS.ProcessEnv): Promise<SourceRead> {
  const from = entry.from;
  if ('value' in from) return { ok: true, value: from.value };
  if ('fromEnv' in from) {
    const value = env[from.fromEnv];
    if (value === undefined || value === '') {
      return {
        ok: false,
        path: [...entry.specPath, 'fromEnv'],
        message: `environment variable ${from.fromEnv} is ${value === undefined ? 'not set' : 'empty'}; export it, or render with --no-secrets`,
      };
    }
    return { ok: true, value };
  }
  const file = resolve(dirname(specFile), from.fromFile);
  const path = [...entry.specPath, 'fromFile'];
  try {
    // One trailing newline is what `echo secret > file` adds; it is not part of the secret.
    const value = (await readFile(file, 'utf8')).replace(/\r?\n$/, '');
    return value === '' ? { ok: false, path, message: `secret file ${file} is empty; write the secret into it` } : { ok: true, value };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? 'error'})`;
    return { ok: false, path, message: `secret file ${file} ${why}; create it, or render with --no-secrets` };
  }
}

/**
 * Reads every Secret value. All problems are collected, so a user fixes them
 * in one go.
 */
export async function resolveSecretValues(
  model: AuthModel,
  specFile: string,
  env: NodeJS.ProcessEnv,
): Promise<{ ok: true; values: Map<SecretKey, string> } | { ok: false; problems: SecretProblem[] }> {
  const values = new Map<SecretKey, string>();
  const problems: SecretProblem[] = [];
  for (const entry of secretEntries(model)) {
    const read = await readSecretSource(entry, specFile, env);
    if (read.ok) values.set(entry.key, read.value);
    else problems.push({ path: read.path, message: read.message });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}
