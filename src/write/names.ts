import { randomBytes } from 'node:crypto';

// Every file the writer keeps for itself in an output folder starts with ".temporal-auth" and none
// ends in .yaml, .yml or .json, so `kubectl apply -f out/` (which reads those extensions, hidden
// files included) and Argo CD never pick one up.

/** Held while a write is under way: O_EXCL-created, holds the writer's pid. */
export const LOCK_FILE = '.temporal-auth.lock';
/** Present only while files are being switched: lists what to undo if the writer dies. */
export const JOURNAL_FILE = '.temporal-auth.journal';
/** What render wrote into the folder last time (and so may remove). */
export const MANIFEST_FILE = '.temporal-auth-manifest';

const SCRATCH = /^\.temporal-auth\.[0-9a-f]{12}\.[^/\\]+\.(?:tmp|bak)$/;

/** A temporary (new content) or a backup (previous content) for `name`, unique to this write. */
export function scratchName(name: string, kind: 'tmp' | 'bak'): string {
  return `.temporal-auth.${randomBytes(6).toString('hex')}.${name}.${kind}`;
}

export const isScratch = (entry: string): boolean => SCRATCH.test(entry);

/**
 * The file a temporary of the writer before the journal was for (`.NAME.HEX.tmp`, and
 * `.NAME.previous.HEX.tmp` for its backups), or undefined when `entry` is not one.
 */
export function legacyScratchTarget(entry: string): string | undefined {
  const m = /^\.(.+)\.[0-9a-f]{12}\.tmp$/.exec(entry);
  return m ? m[1]!.replace(/\.previous$/, '') : undefined;
}

/** A file name inside the folder: no path separators, not `.`/`..`, not one of the writer's own. */
export function isOutputName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name) && name !== LOCK_FILE && name !== JOURNAL_FILE && name !== MANIFEST_FILE && !isScratch(name);
}
