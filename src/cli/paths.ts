import { isAbsolute, resolve } from 'node:path';
import type { CliIo } from './io.js';

export const DEFAULT_SPEC = 'temporal-auth.yaml';

/** A path as the user typed it where possible, so messages name files the way the user knows them. */
export function resolveFrom(io: CliIo, path: string): string {
  return isAbsolute(path) || io.cwd === process.cwd() ? path : resolve(io.cwd, path);
}
