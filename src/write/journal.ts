import { lstatSync, readdirSync, readFileSync, renameSync, rmdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { isErrno, orUndefined, syncDir, writeNewFile } from './durable.js';
import { RecoveryError } from './errors.js';
import { isFolderName, isOutputName, isScratch, JOURNAL_FILE, legacyScratchTarget, MANIFEST_FILE, scratchName, splitOutputPath } from './names.js';

/**
 * The intent of one write, on disk while its files are switched. `place`: each new file's
 * temporary, renamed over `name`, and the backup (a hard link to, or copy of, the previous file)
 * when there was one. `remove`: files an earlier render wrote that this one does not, each with
 * its backup. Undoing it puts every backup back and removes every file that had none.
 */
export interface Journal {
  version: 1;
  place: { name: string; temp: string; backup?: string }[];
  remove: { name: string; backup: string }[];
}

export function writeJournal(dir: string, journal: Journal): void {
  const temp = join(dir, scratchName('journal', 'tmp'));
  try {
    writeNewFile(temp, `${JSON.stringify(journal, null, 2)}\n`);
    renameSync(temp, join(dir, JOURNAL_FILE));
  } catch (err) {
    orUndefined(() => unlinkSync(temp));
    throw err;
  }
  syncDir(dir);
}

export function removeJournal(dir: string): void {
  unlinkSync(join(dir, JOURNAL_FILE));
  syncDir(dir);
}

function parseJournal(text: string): Journal | undefined {
  let j: Journal;
  try {
    j = JSON.parse(text) as Journal;
  } catch {
    return undefined;
  }
  const ok =
    j?.version === 1 &&
    Array.isArray(j.place) &&
    Array.isArray(j.remove) &&
    j.place.every((p) => isOutputName(p.name) || p.name === MANIFEST_FILE) &&
    j.place.every((p) => isScratch(p.temp) && sameFolder(p.name, p.temp) && (p.backup === undefined || (isScratch(p.backup) && sameFolder(p.name, p.backup)))) &&
    j.remove.every((r) => isOutputName(r.name) && isScratch(r.backup) && sameFolder(r.name, r.backup));
  return ok ? j : undefined;
}

/** A file and its scratch copy share a folder: undoing is a rename inside one folder. */
const sameFolder = (a: string, b: string) => splitOutputPath(a).folder === splitOutputPath(b).folder;

/** The folders a journal's files are in, the top (`.`) first: each is fsynced after its renames. */
export function journalFolders(dir: string, journal: Journal): string[] {
  const subs = new Set([...journal.place, ...journal.remove].map((e) => splitOutputPath(e.name).folder).filter((f): f is string => f !== undefined));
  return [dir, ...[...subs].sort().map((f) => join(dir, f))];
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return false;
    throw err;
  }
}

/**
 * Undoes a write that got as far as its journal: every replaced or removed file gets its backup
 * back, every file that did not exist before is removed, then the journal goes. Safe to repeat
 * (a run killed while undoing is undone again by the next).
 */
export function rollBack(dir: string, journal: Journal): void {
  for (const r of [...journal.remove].reverse()) {
    if (exists(join(dir, r.backup))) renameSync(join(dir, r.backup), join(dir, r.name));
  }
  for (const p of [...journal.place].reverse()) {
    if (p.backup) {
      if (exists(join(dir, p.backup))) renameSync(join(dir, p.backup), join(dir, p.name));
    } else {
      try {
        unlinkSync(join(dir, p.name));
      } catch (err) {
        if (!isErrno(err, 'ENOENT')) throw err;
      }
    }
  }
  for (const folder of journalFolders(dir, journal)) syncDir(folder);
  removeJournal(dir);
}

/**
 * Brings the folder back to a finished state before anything else is done (the caller holds the
 * lock): an interrupted write's journal is rolled back, then every temporary and backup an
 * earlier write left (which may hold a secret) is removed. `knownNames`: files whose temporaries
 * from the writer before the journal (`.NAME.HEX.tmp`) are removed too.
 */
export function recover(dir: string, knownNames: ReadonlySet<string>, currentUid = process.getuid?.()): void {
  const journalPath = join(dir, JOURNAL_FILE);
  let st;
  try {
    st = lstatSync(journalPath);
  } catch (err) {
    if (!isErrno(err, 'ENOENT')) throw err;
  }
  if (st) {
    if (!st.isFile()) throw new RecoveryError(journalPath, 'the journal is not a file');
    if (currentUid !== undefined && st.uid !== currentUid) throw new RecoveryError(journalPath, `the journal belongs to uid ${st.uid}, not to you`);
    const journal = parseJournal(readFileSync(journalPath, 'utf8'));
    if (!journal) throw new RecoveryError(journalPath, 'the journal is not one temporal-auth wrote');
    try {
      rollBack(dir, journal);
    } catch (err) {
      throw new RecoveryError(journalPath, `undoing it failed: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  removeScratch(dir, '', knownNames, currentUid);
  // The subfolders render's layouts use (from the names it may write): real folders only, never a symlink's target.
  const subs = new Set([...knownNames].map((n) => splitOutputPath(n).folder).filter((f): f is string => f !== undefined && isFolderName(f)));
  for (const sub of subs) {
    if (!orUndefined(() => lstatSync(join(dir, sub)))?.isDirectory()) continue;
    removeScratch(dir, `${sub}/`, knownNames, currentUid);
    // Left empty by a write that died after creating it, or after removing its last file: it holds nothing.
    orUndefined(() => rmdirSync(join(dir, sub)));
  }
}

/** Removes the temporaries and backups an earlier write left in `dir/prefix` (ours only). */
function removeScratch(dir: string, prefix: string, knownNames: ReadonlySet<string>, currentUid: number | undefined): void {
  for (const name of readdirSync(join(dir, prefix))) {
    const entry = `${prefix}${name}`;
    const legacy = prefix === '' ? legacyScratchTarget(entry) : undefined;
    if (!isScratch(entry) && !(legacy !== undefined && knownNames.has(legacy))) continue;
    const s = orUndefined(() => lstatSync(join(dir, entry)));
    if (!s || s.isDirectory()) continue;
    if (currentUid !== undefined && s.uid !== currentUid) continue; // not ours to remove
    orUndefined(() => unlinkSync(join(dir, entry)));
  }
}
