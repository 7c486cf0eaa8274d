import { closeSync, fsyncSync, openSync, writeFileSync } from 'node:fs';

// The writer's file system calls are synchronous: a render's write is some fifty small calls in
// a row, each of which cost a trip through libuv's thread pool and back when asynchronous (about
// ten milliseconds in all, a sixth of a short run). Nothing else runs while the CLI writes.

/** Makes renames and unlinks in `dir` durable. Best effort: some platforms cannot fsync a folder. */
export function syncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // EINVAL/EISDIR/EPERM on platforms and file systems without directory fsync
  } finally {
    closeSync(fd);
  }
}

/**
 * Creates `path` (which must not exist) with mode 0600, writes `content` and fsyncs it. A file
 * that may hold a secret is never readable by others, not even for a moment; the caller widens
 * the mode when the content is not secret.
 */
export function writeNewFile(path: string, content: string): void {
  const fd = openSync(path, 'wx', 0o600); // a umask can only narrow it; the caller sets the exact mode
  try {
    writeFileSync(fd, content, 'utf8');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function errnoError(code: string, message: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}, '${path}'`), { code, path });
}

export const isErrno = (err: unknown, ...codes: string[]): boolean =>
  typeof (err as NodeJS.ErrnoException | undefined)?.code === 'string' && (codes.length === 0 || codes.includes((err as NodeJS.ErrnoException).code!));

/** The call's result, or undefined when it throws (a file that may or may not be there). */
export function orUndefined<T>(call: () => T): T | undefined {
  try {
    return call();
  } catch {
    return undefined;
  }
}
