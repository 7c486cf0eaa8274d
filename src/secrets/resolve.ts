import { dirname, resolve } from 'node:path';
import type { Path } from '../input/source.js';
import type { SecretSource } from '../input/spec.types.generated.js';
import type { AuthModel } from '../model/model.js';
import { describeValue, isRecord } from '../util/describe-value.js';
import { readRegularTextFile } from '../util/regular-file.js';
import { uiConfigValueProblem } from '../util/ui-config-value.js';
import { SECRET_KEYS, type SecretEntry, type SecretKey, secretEntries, type WorkerSecretKey, workerSecretEntries, workersWithSecrets } from './keys.js';

export interface SecretProblem {
  path: Path;
  message: string;
}

export type SourceRead = { ok: true; value: string } | ({ ok: false } & SecretProblem);

/** Kubernetes refuses a Secret over 1 MiB: no single value can be larger. */
export const MAX_SECRET_BYTES = 1024 * 1024;

/** Reads one Secret value from the spec itself or its env var / file. Messages name the source, never a value. */
export async function readSecretSource(entry: Pick<SecretEntry, 'from' | 'specPath'> & { key?: SecretKey }, specFile: string, env: NodeJS.ProcessEnv): Promise<SourceRead> {
  const from = entry.from;
  if ('value' in from) return { ok: true, value: from.value };
  if ('fromEnv' in from) {
    // Own properties only: `toString` or `constructor` is not an environment variable.
    const value = Object.hasOwn(env, from.fromEnv) ? env[from.fromEnv] : undefined;
    if (typeof value !== 'string' || value === '') {
      return {
        ok: false,
        path: [...entry.specPath, 'fromEnv'],
        message: `environment variable ${from.fromEnv} is ${value === undefined ? 'not set' : 'empty'}; export it, or render with --no-secrets`,
      };
    }
    return textProblem(value, `environment variable ${from.fromEnv}`, [...entry.specPath, 'fromEnv']) ?? { ok: true, value };
  }
  return readSecretFile(resolve(dirname(specFile), from.fromFile), [...entry.specPath, 'fromFile']);
}

/**
 * A secret file: a regular file of at most MAX_SECRET_BYTES, UTF-8 text
 * (readRegularTextFile: opened without blocking, checked on the open handle).
 */
async function readSecretFile(file: string, path: Path): Promise<SourceRead> {
  const fail = (why: string): SourceRead => ({ ok: false, path, message: `secret file ${file} ${why}` });
  // Synchronous, as the spec is read (src/input/source.ts): a secret file is small.
  const read = readRegularTextFile(file, MAX_SECRET_BYTES);
  if (!read.ok) {
    const { problem } = read;
    switch (problem.kind) {
      case 'missing':
        return fail('does not exist; create it, or render with --no-secrets');
      case 'unreadable':
        return fail(`cannot be read (${problem.code}); make it readable, or render with --no-secrets`);
      case 'directory':
        return fail('is a directory; point fromFile at the file holding the secret');
      case 'not-regular':
        return fail('is not a regular file (a pipe, socket or device); write the secret into a plain file');
      case 'too-large':
        return fail(`is ${problem.size} bytes, over the ${MAX_SECRET_BYTES}-byte limit of a Kubernetes Secret; it cannot be a client secret`);
      case 'grew':
        return fail(`grew past the ${MAX_SECRET_BYTES}-byte limit while being read`);
      case 'not-utf8':
        return fail('is not UTF-8 text; a client secret is text (decode it first if it is stored encoded)');
    }
  }
  // One trailing newline is what `echo secret > file` adds; it is not part of the secret.
  const value = read.text.replace(/\r?\n$/, '');
  if (value === '') return fail('is empty; write the secret into it');
  return textProblem(value, `secret file ${file}`, path) ?? { ok: true, value };
}

/** A secret with control characters is a pasting accident (two lines, an escape sequence): refuse it rather than ship it. */
function textProblem(value: string, what: string, path: Path): SourceRead | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) {
    return { ok: false, path, message: `${what} holds a line break or another control character (beyond one trailing newline); store the secret on one line` };
  }
  return undefined;
}

export interface ResolvedSecrets {
  values: Map<SecretKey, string>;
  /** Each worker Secret's values, by worker name (see workersWithSecrets). */
  workerValues: Map<string, Map<WorkerSecretKey, string>>;
  /** secrets.rolloutKey, when the spec names one: keys the pod checksums. */
  rolloutKey?: string;
}

/**
 * Where secret values come from: given a source the spec names and where it
 * names it, the value or why there is none. The library takes one as an
 * option; envAndFileSecrets is the CLI's.
 */
export type SecretResolver = (source: SecretSource, at: { specFile: string; path: Path }) => Promise<SourceRead>;

/** Env vars from `env` (own properties only), files relative to the spec's folder. */
export function envAndFileSecrets(env: Readonly<Record<string, string | undefined>>): SecretResolver {
  if (!isRecord(env)) throw new TypeError(`envAndFileSecrets: env must be an object of environment variables, e.g. process.env; got ${describeValue(env)}`);
  return (source, at) => readSecretSource({ from: source, specPath: at.path.slice(0, -1) }, at.specFile, env as NodeJS.ProcessEnv);
}

/**
 * Reads every Secret value, and the rollout key. All problems are collected,
 * so a user fixes them in one go.
 */
export async function resolveSecretValues(model: AuthModel, specFile: string, resolver: SecretResolver): Promise<({ ok: true } & ResolvedSecrets) | { ok: false; problems: SecretProblem[] }> {
  const values = new Map<SecretKey, string>();
  const problems: SecretProblem[] = [];
  const read = async (from: SecretEntry['from'], specPath: Path): Promise<SourceRead> =>
    'value' in from ? { ok: true, value: from.value } : resolver(from, { specFile, path: [...specPath, 'fromEnv' in from ? 'fromEnv' : 'fromFile'] });
  for (const entry of secretEntries(model)) {
    const got = await read(entry.from, entry.specPath);
    if (!got.ok) {
      problems.push({ path: got.path, message: got.message });
      continue;
    }
    // The Web UI pastes its client secret unquoted into its YAML config.
    const uiProblem = entry.key === SECRET_KEYS.clientSecret ? uiConfigValueProblem(got.value) : undefined;
    if (uiProblem)
      problems.push({ path: [...entry.specPath], message: `the Web UI client secret ${uiProblem}; the Web UI pastes it unquoted into its YAML config, which would break; rotate it to one without` });
    else values.set(entry.key, got.value);
  }
  // Each worker's Secret: its client secret is read like the Web UI's, with the same located errors.
  const workerValues = new Map<string, Map<WorkerSecretKey, string>>();
  for (const { worker, index } of workersWithSecrets(model)) {
    const one = new Map<WorkerSecretKey, string>();
    for (const entry of workerSecretEntries(model, worker, index)) {
      const got = await read(entry.from, entry.specPath);
      if (!got.ok) problems.push({ path: got.path, message: got.message });
      else one.set(entry.key, got.value);
    }
    workerValues.set(worker.name, one);
  }
  let rolloutKey: string | undefined;
  if (model.secrets.rolloutKey) {
    const got = await read(model.secrets.rolloutKey as SecretSource, ['secrets', 'rolloutKey']);
    if (!got.ok) problems.push({ path: got.path, message: got.message });
    else if (Buffer.byteLength(got.value) < 32) problems.push({ path: ['secrets', 'rolloutKey'], message: 'the rollout key is shorter than 32 bytes; generate one with `openssl rand -hex 32`' });
    else rolloutKey = got.value;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values, workerValues, rolloutKey };
}
