import { lstatSync, readdirSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { isErrno, orUndefined, syncDir, writeNewFile } from './durable.js';
import { RecoveryError } from './errors.js';
import { isOutputName, isScratch, JOURNAL_FILE, legacyScratchTarget, MANIFEST_FILE, scratchName } from './names.js';

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
    j.place.every((p) => isScratch(p.temp) && (p.backup === undefined || isScratch(p.backup))) &&
    j.remove.every((r) => isOutputName(r.name) && isScratch(r.backup));
  return ok ? j : undefined;
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
  syncDir(dir);
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
  for (const entry of readdirSync(dir)) {
    const legacy = legacyScratchTarget(entry);
    if (!isScratch(entry) && !(legacy !== undefined && knownNames.has(legacy))) continue;
    const s = orUndefined(() => lstatSync(join(dir, entry)));
    if (!s || s.isDirectory()) continue;
    if (currentUid !== undefined && s.uid !== currentUid) continue; // not ours to remove
    orUndefined(() => unlinkSync(join(dir, entry)));
  }
}
