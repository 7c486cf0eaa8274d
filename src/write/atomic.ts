import { chmod, copyFile, constants, link, lstat, mkdir, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { errnoError, isErrno, syncDir, writeNewFile } from './durable.js';
import { BadOutputNameError, UnsafeOutputError } from './errors.js';
import { type Journal, recover, removeJournal, rollBack, writeJournal } from './journal.js';
import { acquireLock } from './lock.js';
import { manifestContent, readManifest } from './manifest.js';
import { isOutputName, MANIFEST_FILE, scratchName } from './names.js';
import { secretFolderProblem } from './safety.js';

export { BadOutputNameError, LockedError, RecoveryError, UnsafeOutputError, writeErrorLine } from './errors.js';
export { JOURNAL_FILE, LOCK_FILE, MANIFEST_FILE } from './names.js';
export { folderRisk, type FolderFacts } from './safety.js';

export interface OutputFile {
  /** File name inside the output folder. */
  name: string;
  content: string;
  /** 0o600 for anything holding a secret. */
  mode: number;
}

export interface WriteOptions {
  /** Create the folder (and its parents) when missing; otherwise a missing folder is an ENOENT error naming it. Default true. */
  createFolder?: boolean;
  /**
   * The folder is an output set this writer owns (render's): record the files written in the
   * manifest, and remove the files the previous manifest lists that this write does not produce.
   * A file the manifest does not list is never removed.
   */
  manifest?: boolean;
  /** Names whose temporaries from the writer before the journal (`.NAME.HEX.tmp`) may be removed. */
  knownNames?: readonly string[];
  /** How long to wait for another writer to finish with the folder. Default 10 s. */
  lockTimeoutMs?: number;
}

const DEFAULT_LOCK_TIMEOUT_MS = 10_000;
const isSecret = (f: OutputFile) => (f.mode & 0o077) === 0;

/**
 * Writes every file or none, and leaves the folder holding either the complete previous set or
 * the complete new one whenever the process dies (kill -9, power loss):
 *
 * 1. take the folder's lock (a lock file holding our pid, created exclusively; wait while a live
 *    writer holds it, take over one whose pid is dead);
 * 2. recover: roll back an interrupted write's journal, remove stale temporaries and backups;
 * 3. write each file to a temporary in the folder, mode 0600 (a secret is never readable by
 *    others), fsynced, then give it its final mode; hard-link each file about to be replaced or
 *    removed to a backup;
 * 4. write the journal (what will be renamed and removed, and the backups), fsynced and renamed
 *    into place: from here on a crash is undone by the next run;
 * 5. rename the temporaries over the files, remove the files no longer produced, fsync the folder;
 * 6. remove the journal (the commit point), then the backups and the lock.
 *
 * Any failure before the commit point restores what was there. Returns the paths written.
 */
export async function writeFilesAtomically(dir: string, files: readonly OutputFile[], options: WriteOptions = {}): Promise<string[]> {
  const names = new Set<string>();
  for (const f of files) {
    if (!isOutputName(f.name) || names.has(f.name)) throw new BadOutputNameError(`cannot write ${JSON.stringify(f.name)} into a folder`);
    names.add(f.name);
  }
  const created = await openFolder(dir, options.createFolder ?? true);
  if (files.some(isSecret)) {
    // Another user who can write the folder (or rename it) could swap a secret file out from under us.
    const problem = await secretFolderProblem(dir);
    if (problem) {
      await removeCreated(dir, created);
      throw new UnsafeOutputError(problem);
    }
  }
  const lock = await acquireLock(dir, options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS);
  try {
    await recover(dir, new Set([...names, ...(options.knownNames ?? [])]));
    await switchFiles(dir, files, options.manifest ?? false, () => lock.verify());
  } finally {
    await lock.release();
  }
  return files.map((f) => join(dir, f.name));
}

/**
 * Takes the lock and undoes whatever an interrupted write left in `dir` (as every write does
 * first), without writing anything.
 */
export async function recoverFolder(dir: string, options: Pick<WriteOptions, 'knownNames' | 'lockTimeoutMs'> = {}): Promise<void> {
  const lock = await acquireLock(dir, options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS);
  try {
    await recover(dir, new Set(options.knownNames ?? []));
  } finally {
    await lock.release();
  }
}

/** Makes sure `dir` is a folder; returns the topmost folder this call created, if any. */
async function openFolder(dir: string, create: boolean): Promise<string | undefined> {
  if (create) return mkdir(dir, { recursive: true, mode: 0o755 });
  const st = await stat(dir).catch((err) => {
    if (isErrno(err, 'ENOENT')) throw errnoError('ENOENT', 'no such folder', dir);
    throw err;
  });
  if (!st.isDirectory()) throw errnoError('ENOTDIR', 'not a folder', dir);
  return undefined;
}

/** Removes the (empty) folders mkdir created, deepest first, after a refusal. */
async function removeCreated(dir: string, created: string | undefined): Promise<void> {
  if (!created) return;
  const top = resolve(created);
  for (let p = resolve(dir); p.startsWith(top); p = dirname(p)) {
    if (!(await rmdir(p).then(() => true, () => false))) return;
    if (p === top) return;
  }
}

/** A backup of `path` that shares nothing the switch can change: a hard link, else a copy. */
async function backUp(path: string, backup: string): Promise<void> {
  try {
    await link(path, backup);
  } catch (err) {
    if (!isErrno(err, 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'EMLINK', 'ENOSYS')) throw err;
    await copyFile(path, backup, constants.COPYFILE_EXCL);
    await chmod(backup, (await stat(path)).mode & 0o777);
  }
}

async function switchFiles(dir: string, files: readonly OutputFile[], withManifest: boolean, stillLocked: () => Promise<void>): Promise<void> {
  const set = [...files];
  let removeNames: string[] = [];
  if (withManifest) {
    const produced = new Set(files.map((f) => f.name));
    removeNames = (await readManifest(dir)).filter((n) => !produced.has(n));
    set.push({ name: MANIFEST_FILE, content: manifestContent([...produced]), mode: 0o644 });
  }
  const journal: Journal = { version: 1, place: [], remove: [] };
  let journalWritten = false;
  try {
    // Each step below is one call per file, independent of the others: run at once (the fsyncs
    // overlap), and each step ends only when all its calls have (see concurrently).
    for (const file of set) journal.place.push({ name: file.name, temp: scratchName(file.name, 'tmp') });
    await concurrently(set.map((file, i) => () => writeNewFile(join(dir, journal.place[i]!.temp), file.content)));
    // Only now, all content on disk: the exact final mode (wider than 0600 only for what is not secret).
    await concurrently(set.map((file, i) => () => chmod(join(dir, journal.place[i]!.temp), file.mode)));
    await concurrently(
      journal.place.map((entry) => async () => {
        const existing = await lstat(join(dir, entry.name)).catch(() => undefined);
        if (existing?.isDirectory()) throw errnoError('EISDIR', 'a folder is in the way', join(dir, entry.name));
        if (existing) {
          entry.backup = scratchName(entry.name, 'bak');
          await backUp(join(dir, entry.name), join(dir, entry.backup));
        }
      }),
    );
    const removals: (Journal['remove'][number] | undefined)[] = [];
    try {
      await concurrently(
        removeNames.map((name, i) => async () => {
          // Only a plain file: a folder or symlink there now is not what render wrote.
          const existing = await lstat(join(dir, name)).catch(() => undefined);
          if (!existing?.isFile()) return;
          const entry = { name, backup: scratchName(name, 'bak') };
          await backUp(join(dir, name), join(dir, entry.backup));
          removals[i] = entry;
        }),
      );
    } finally {
      // In the manifest's order; on a failure, the backups made so far, for the clean-up to remove.
      for (const entry of removals) if (entry) journal.remove.push(entry);
    }
    await stillLocked();
    await writeJournal(dir, journal); // its folder fsync makes the backups durable too, before any rename
    journalWritten = true;
    await concurrently(journal.place.map((entry) => () => rename(join(dir, entry.temp), join(dir, entry.name))));
    await concurrently(journal.remove.map((entry) => () => unlink(join(dir, entry.name))));
    await syncDir(dir);
    await removeJournal(dir); // the commit point
    journalWritten = false;
  } catch (err) {
    // If undoing fails too, the journal stays and the next run undoes it: keep its backups.
    if (!journalWritten || (await rollBack(dir, journal).then(() => true, () => false))) await cleanUp(dir, journal, true);
    throw err;
  }
  await cleanUp(dir, journal, false);
}

/** Removes the backups, and the temporaries too when they were not all renamed. Best effort: the next run's recovery removes what is left. */
async function cleanUp(dir: string, journal: Journal, temps: boolean): Promise<void> {
  const scratch = [...journal.place.flatMap((p) => [temps ? p.temp : undefined, p.backup]), ...journal.remove.map((r) => r.backup)];
  await concurrently(scratch.map((s) => async () => (s ? unlink(join(dir, s)).catch(() => undefined) : undefined)));
}

/**
 * Runs the calls at once. When one fails, waits for the others to end (nothing of this step is
 * still writing when the caller undoes or cleans up), then throws the first failure.
 */
async function concurrently(calls: (() => Promise<unknown>)[]): Promise<void> {
  const failure = (await Promise.allSettled(calls.map((call) => call()))).find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
}
