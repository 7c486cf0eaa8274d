import { chmodSync, constants, copyFileSync, linkSync, lstatSync, mkdirSync, renameSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { errnoError, isErrno, orUndefined, syncDir, writeNewFile } from './durable.js';
import { BadOutputNameError, UnsafeOutputError } from './errors.js';
import { type Journal, journalFolders, recover, removeJournal, rollBack, writeJournal } from './journal.js';
import { acquireLock } from './lock.js';
import { manifestContent, readManifest } from './manifest.js';
import { isOutputName, MANIFEST_FILE, scratchName, splitOutputPath } from './names.js';
import { secretFolderProblem } from './safety.js';

export { BadOutputNameError, LockedError, RecoveryError, UnsafeOutputError, writeErrorLine } from './errors.js';
export { JOURNAL_FILE, LOCK_FILE, MANIFEST_FILE } from './names.js';
export { type FolderFacts, folderRisk } from './safety.js';

export interface OutputFile {
  /** File name inside the output folder, or one subfolder and a file name (`manifests/x.yaml`). */
  name: string;
  content: string;
  /** fileMode(true), 0o600, for anything holding a secret. */
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

/** A file's mode: readable by its owner only when it holds a secret in plaintext (render's table says which), else by everyone. */
export const fileMode = (secret: boolean): number => (secret ? 0o600 : 0o644);

/** A file others cannot read: what fileMode gives a secret. Such a file is written only into a folder no one else can change. */
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
  const created = openFolder(dir, options.createFolder ?? true);
  if (files.some(isSecret)) {
    // Another user who can write the folder (or rename it) could swap a secret file out from under us.
    const problem = secretFolderProblem(dir);
    if (problem) {
      removeCreated(dir, created);
      throw new UnsafeOutputError(problem);
    }
  }
  const lock = await acquireLock(dir, options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS);
  try {
    recover(dir, new Set([...names, ...(options.knownNames ?? [])]));
    openSubfolders(dir, files);
    switchFiles(dir, files, options.manifest ?? false, () => lock.verify());
  } finally {
    lock.release();
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
    recover(dir, new Set(options.knownNames ?? []));
  } finally {
    lock.release();
  }
}

/** Makes sure `dir` is a folder; returns the topmost folder this call created, if any. */
function openFolder(dir: string, create: boolean): string | undefined {
  if (create) return mkdirSync(dir, { recursive: true, mode: 0o755 });
  let st;
  try {
    st = statSync(dir);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) throw errnoError('ENOENT', 'no such folder', dir);
    throw err;
  }
  if (!st.isDirectory()) throw errnoError('ENOTDIR', 'not a folder', dir);
  return undefined;
}

/**
 * Makes each subfolder the files name (one level: `manifests/`), mode 0700 when it is to hold a
 * secret. One that exists must be a real folder (never a symlink, which would move the write
 * elsewhere) and, for a secret, one no one else can change (as the folder itself).
 */
function openSubfolders(dir: string, files: readonly OutputFile[]): void {
  const subs = new Map<string, boolean>();
  for (const f of files) {
    const { folder } = splitOutputPath(f.name);
    if (folder !== undefined) subs.set(folder, (subs.get(folder) ?? false) || isSecret(f));
  }
  let created = false;
  for (const [sub, secret] of [...subs].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const path = join(dir, sub);
    const st = orUndefined(() => lstatSync(path));
    if (st === undefined) {
      mkdirSync(path, { mode: secret ? 0o700 : 0o755 });
      created = true;
      continue;
    }
    if (!st.isDirectory()) throw errnoError('ENOTDIR', st.isSymbolicLink() ? 'a symlink is in the way of a folder' : 'a file is in the way of a folder', path);
    const problem = secret ? secretFolderProblem(path) : undefined;
    if (problem) throw new UnsafeOutputError(problem);
  }
  if (created) syncDir(dir);
}

/** Removes the (empty) folders mkdir created, deepest first, after a refusal. */
function removeCreated(dir: string, created: string | undefined): void {
  if (!created) return;
  const top = resolve(created);
  for (let p = resolve(dir); p.startsWith(top); p = dirname(p)) {
    try {
      rmdirSync(p);
    } catch {
      return;
    }
    if (p === top) return;
  }
}

/** A backup of `path` that shares nothing the switch can change: a hard link, else a copy. */
function backUp(path: string, backup: string): void {
  try {
    linkSync(path, backup);
  } catch (err) {
    if (!isErrno(err, 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'EMLINK', 'ENOSYS')) throw err;
    copyFileSync(path, backup, constants.COPYFILE_EXCL);
    chmodSync(backup, statSync(path).mode & 0o777);
  }
}

function switchFiles(dir: string, files: readonly OutputFile[], withManifest: boolean, stillLocked: () => void): void {
  const set = [...files];
  let removeNames: string[] = [];
  if (withManifest) {
    const produced = new Set(files.map((f) => f.name));
    removeNames = readManifest(dir).filter((n) => !produced.has(n));
    set.push({ name: MANIFEST_FILE, content: manifestContent([...produced]), mode: 0o644 });
  }
  const journal: Journal = { version: 1, place: [], remove: [] };
  let journalWritten = false;
  try {
    for (const file of set) {
      const entry: Journal['place'][number] = { name: file.name, temp: scratchName(file.name, 'tmp') };
      journal.place.push(entry);
      writeNewFile(join(dir, entry.temp), file.content);
    }
    // Only now, all content on disk: the exact final mode (wider than 0600 only for what is not secret).
    for (const [i, file] of set.entries()) chmodSync(join(dir, journal.place[i]!.temp), file.mode);
    for (const entry of journal.place) {
      const existing = orUndefined(() => lstatSync(join(dir, entry.name)));
      if (existing?.isDirectory()) throw errnoError('EISDIR', 'a folder is in the way', join(dir, entry.name));
      if (existing) {
        entry.backup = scratchName(entry.name, 'bak');
        backUp(join(dir, entry.name), join(dir, entry.backup));
      }
    }
    for (const name of removeNames) {
      // Only a plain file in a real folder: a folder or symlink there now is not what render wrote.
      const { folder } = splitOutputPath(name);
      if (folder !== undefined && !orUndefined(() => lstatSync(join(dir, folder)))?.isDirectory()) continue;
      const existing = orUndefined(() => lstatSync(join(dir, name)));
      if (!existing?.isFile()) continue;
      const entry = { name, backup: scratchName(name, 'bak') };
      backUp(join(dir, name), join(dir, entry.backup));
      journal.remove.push(entry);
    }
    stillLocked();
    const folders = journalFolders(dir, journal);
    for (const sub of folders.slice(1)) syncDir(sub); // the backups in subfolders durable before the journal
    writeJournal(dir, journal); // its folder fsync makes the backups at the top durable too, before any rename
    journalWritten = true;
    for (const entry of journal.place) renameSync(join(dir, entry.temp), join(dir, entry.name));
    for (const entry of journal.remove) unlinkSync(join(dir, entry.name));
    for (const folder of folders) syncDir(folder);
    removeJournal(dir); // the commit point
    journalWritten = false;
  } catch (err) {
    // If undoing fails too, the journal stays and the next run undoes it: keep its backups.
    let undone = !journalWritten;
    if (!undone) {
      try {
        rollBack(dir, journal);
        undone = true;
      } catch {
        // the next run's recovery
      }
    }
    if (undone) cleanUp(dir, journal, true);
    throw err;
  }
  cleanUp(dir, journal, false);
  removeEmptiedFolders(dir, journal);
}

/** A subfolder a removal left empty goes too (a switch of layout leaves no empty `manifests/`); one with anything else in it stays. */
function removeEmptiedFolders(dir: string, journal: Journal): void {
  const placed = new Set(journal.place.map((p) => splitOutputPath(p.name).folder));
  for (const { name } of journal.remove) {
    const { folder } = splitOutputPath(name);
    if (folder !== undefined && !placed.has(folder)) orUndefined(() => rmdirSync(join(dir, folder)));
  }
}

/** Removes the backups, and the temporaries too when they were not all renamed. Best effort: the next run's recovery removes what is left. */
function cleanUp(dir: string, journal: Journal, temps: boolean): void {
  const scratch = [...journal.place.flatMap((p) => [temps ? p.temp : undefined, p.backup]), ...journal.remove.map((r) => r.backup)];
  for (const s of scratch) if (s) orUndefined(() => unlinkSync(join(dir, s)));
}
