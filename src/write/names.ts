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

/** `sub/name` as its folder (undefined at the top) and its file name. */
export function splitOutputPath(path: string): { folder: string | undefined; base: string } {
  const slash = path.indexOf('/');
  return slash < 0 ? { folder: undefined, base: path } : { folder: path.slice(0, slash), base: path.slice(slash + 1) };
}

/**
 * A temporary (new content) or a backup (previous content) for `name`, unique to this write, in
 * the same folder as `name` (a rename never crosses folders, so it stays atomic).
 */
export function scratchName(name: string, kind: 'tmp' | 'bak'): string {
  const { folder, base } = splitOutputPath(name);
  const scratch = `.temporal-auth.${randomBytes(6).toString('hex')}.${base}.${kind}`;
  return folder === undefined ? scratch : `${folder}/${scratch}`;
}

/** A temporary or backup of the writer's, at the top or in one subfolder. */
export function isScratch(entry: string): boolean {
  const { folder, base } = splitOutputPath(entry);
  return (folder === undefined || isFolderName(folder)) && SCRATCH.test(base);
}

/**
 * The file a temporary of the writer before the journal was for (`.NAME.HEX.tmp`, and
 * `.NAME.previous.HEX.tmp` for its backups), or undefined when `entry` is not one.
 */
export function legacyScratchTarget(entry: string): string | undefined {
  const m = /^\.(.+)\.[0-9a-f]{12}\.tmp$/.exec(entry);
  return m ? m[1]!.replace(/\.previous$/, '') : undefined;
}

/** One path segment: no separators, not `.`/`..`, not one of the writer's own files. */
function isSegment(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name) && name !== LOCK_FILE && name !== JOURNAL_FILE && name !== MANIFEST_FILE && !SCRATCH.test(name);
}

/** A subfolder of the output folder the writer may create (render's folders layout: `manifests`, ...). */
export const isFolderName = (name: string): boolean => isSegment(name) && !name.startsWith('.');

/**
 * A file's path inside the folder: a file name, or one subfolder and a file name (`manifests/x.yaml`);
 * never `.`/`..`, a backslash, a deeper path, or one of the writer's own files.
 */
export function isOutputName(name: string): boolean {
  const { folder, base } = splitOutputPath(name);
  return (folder === undefined || isFolderName(folder)) && isSegment(base);
}
