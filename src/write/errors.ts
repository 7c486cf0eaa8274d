import { dirname } from 'node:path';

/** A write refused before anything was touched (e.g. a world-writable folder for a secret). */
export class UnsafeOutputError extends Error {}

export interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

/** Another writer holds the folder's lock and did not let go in time. */
export class LockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(`${lockFile} is held by ${holder ? `pid ${holder.pid} on ${holder.host}` : 'another writer'}`);
  }
}

/** An interrupted write left a journal that this run cannot undo (foreign, malformed, or a rename failed). */
export class RecoveryError extends Error {
  constructor(
    readonly journalFile: string,
    readonly reason: string,
  ) {
    super(`${journalFile}: ${reason}`);
  }
}

/** A file the caller passed is not a plain name inside the folder: a bug in the caller. */
export class BadOutputNameError extends Error {}

const trimSlash = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p);

/**
 * The one line (with its newline) that reports a failed write of `target` (a folder or a file, as
 * the user typed it) and what to do, or undefined when `err` is not a write error but a bug. Every
 * error the writer can meet on a real file system maps to a line; the caller exits 1.
 */
export function writeErrorLine(err: unknown, target: string, flag: string, what: 'folder' | 'file' = 'folder'): string | undefined {
  const shown = trimSlash(target);
  if (err instanceof UnsafeOutputError) return `temporal-auth: ${err.message}; nothing written: choose another ${flag}\n`;
  if (err instanceof LockedError) {
    const who = err.holder ? `pid ${err.holder.pid} on ${err.holder.host}, since ${err.holder.since}` : 'a writer that left no pid';
    return `temporal-auth: ${shown} is being written by another temporal-auth (${who}); nothing written: run again when it is done, or delete ${err.lockFile} if that process is gone\n`;
  }
  if (err instanceof RecoveryError) {
    return `temporal-auth: ${shown} holds an unfinished earlier write that cannot be undone (${err.reason}); nothing written: put the folder right by hand (the journal ${err.journalFile} lists the .tmp/.bak files), then delete the journal\n`;
  }
  const e = err as NodeJS.ErrnoException | undefined;
  if (!(e instanceof Error) || typeof e.code !== 'string') return undefined;
  const where = what === 'file' ? `cannot write ${shown}` : `cannot write to ${shown}`;
  switch (e.code) {
    case 'ENOENT':
      if (what === 'file') return `temporal-auth: ${where}: the folder ${dirname(shown)} does not exist; create it first (mkdir -p ${dirname(shown)}) or choose another ${flag}\n`;
      break;
    case 'ENOTDIR':
      if (what === 'file') return `temporal-auth: ${where}: ${dirname(shown)} is not a folder; choose another ${flag}\n`;
      break;
    case 'ENOSPC':
    case 'EDQUOT':
      return `temporal-auth: ${where} (${e.code}: no space left); nothing written: free some space or choose another ${flag}\n`;
  }
  return `temporal-auth: ${where} (${e.code}); nothing written: choose another ${flag} or fix its permissions\n`;
}
