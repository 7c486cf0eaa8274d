import { basename, dirname } from 'node:path';
import { fileMode, writeFilesAtomically } from '../write/atomic.js';

/** The one line a command prints for a write that failed (a full disk, a folder in the way, another writer's lock); undefined for a bug. */
export { writeErrorLine } from '../write/atomic.js';

/**
 * Writes one text file (no secret in it) as render writes its files: whole or
 * not at all, never a mix, under the folder's lock. `createFolder: false`
 * refuses a folder that does not exist.
 */
export async function writeTextFile(path: string, content: string, options: { createFolder?: boolean } = {}): Promise<void> {
  await writeFilesAtomically(dirname(path), [{ name: basename(path), content, mode: fileMode(false) }], { createFolder: options.createFolder });
}
