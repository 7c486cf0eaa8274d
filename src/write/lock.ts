import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, lstatSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isErrno, orUndefined } from './durable.js';
import { LockedError, type LockHolder } from './errors.js';
import { LOCK_FILE, scratchName } from './names.js';

interface LockContent extends LockHolder {
  token: string;
}

export interface Lock {
  /** Throws LockedError when the lock file is no longer ours (someone broke it as stale). */
  verify(): void;
  /** Removes the lock file if it is still ours. */
  release(): void;
}

/** How long a lock file that holds no readable content yet (its writer just created it) counts as live. */
const UNREADABLE_GRACE_MS = 5_000;

/** Whether process `pid` exists on this machine (EPERM: it does, under another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return isErrno(err, 'EPERM');
  }
}

function readLock(path: string): { text: string; content?: LockContent; ino: number; mtimeMs: number } | undefined {
  try {
    const st = lstatSync(path);
    const text = readFileSync(path, 'utf8');
    let content: LockContent | undefined;
    try {
      const parsed = JSON.parse(text) as Partial<LockContent>;
      if (Number.isInteger(parsed.pid) && typeof parsed.host === 'string' && typeof parsed.token === 'string') content = parsed as LockContent;
    } catch {
      // being written, or not ours: judged by age below
    }
    return { text, content, ino: st.ino, mtimeMs: st.mtimeMs };
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return undefined;
    throw err;
  }
}

/** A lock whose holder is known to be gone: its pid is dead on this host, or it never got content. */
function isStale(lock: NonNullable<ReturnType<typeof readLock>>): boolean {
  if (!lock.content) return Date.now() - lock.mtimeMs > UNREADABLE_GRACE_MS;
  return lock.content.host === hostname() && !alive(lock.content.pid);
}

/**
 * Takes `dir`'s lock: creates the lock file with O_EXCL holding this process's pid. While another
 * live writer holds it, polls until `timeoutMs` has passed, then throws LockedError. A lock left by
 * a process that is gone (its pid is dead on this host) is taken over.
 */
export async function acquireLock(dir: string, timeoutMs: number): Promise<Lock> {
  const path = join(dir, LOCK_FILE);
  const content: LockContent = { pid: process.pid, host: hostname(), since: new Date().toISOString(), token: randomBytes(8).toString('hex') };
  const text = `${JSON.stringify(content)}\n`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (createLock(dir, path, text)) break;
    const held = readLock(path);
    if (!held) continue; // released between our open and our read
    if (isStale(held)) {
      breakStaleLock(dir, path, held);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new LockedError(path, held.content && { pid: held.content.pid, host: held.content.host, since: held.content.since });
    }
    await new Promise((r) => setTimeout(r, 40 + Math.random() * 40));
  }
  const ours = () => readLock(path)?.content?.token === content.token;
  return {
    verify() {
      if (!ours()) throw new LockedError(path, undefined);
    },
    release() {
      if (ours()) orUndefined(() => unlinkSync(path));
    },
  };
}

/**
 * Creates the lock file holding `text`, or returns false when it exists. The content is written to
 * a file of its own first and hard-linked into place (link fails when the lock exists), so a lock
 * file is never seen empty; where hard links are not supported, O_EXCL create and write.
 */
function createLock(dir: string, path: string, text: string): boolean {
  const candidate = join(dir, scratchName('lock', 'tmp'));
  try {
    writeFileSync(candidate, text, { flag: 'wx', mode: 0o644 });
  } catch (err) {
    // Created but not written (a full disk): ours to remove. EEXIST: not ours.
    if (!isErrno(err, 'EEXIST')) orUndefined(() => unlinkSync(candidate));
    throw err;
  }
  try {
    linkSync(candidate, path);
    return true;
  } catch (err) {
    // EEXIST: held. ENOENT: the holder's recovery removed our candidate as stale; try again.
    if (isErrno(err, 'EEXIST', 'ENOENT')) return false;
    if (!isErrno(err, 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS')) throw err;
  } finally {
    orUndefined(() => unlinkSync(candidate));
  }
  let fd;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (err) {
    if (isErrno(err, 'EEXIST')) return false;
    throw err;
  }
  try {
    writeFileSync(fd, text, 'utf8');
  } catch (err) {
    orUndefined(() => unlinkSync(path)); // a lock without content would hold others off for a while
    throw err;
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes a stale lock without removing a fresh one another writer may have created in the
 * meantime: move it aside (atomic), check that what was moved is the stale file, and put it back
 * when it is not.
 */
function breakStaleLock(dir: string, path: string, stale: NonNullable<ReturnType<typeof readLock>>): void {
  const aside = join(dir, scratchName('lock', 'tmp'));
  try {
    renameSync(path, aside);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return; // someone else broke it
    throw err;
  }
  const moved = readLock(aside);
  if (moved && (moved.ino !== stale.ino || moved.text !== stale.text)) {
    orUndefined(() => linkSync(aside, path)); // a live lock: give it back unless another took its place
  }
  orUndefined(() => unlinkSync(aside));
}
