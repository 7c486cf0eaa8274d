import { open } from 'node:fs/promises';

/** Makes renames and unlinks in `dir` durable. Best effort: some platforms cannot fsync a folder. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // EINVAL/EISDIR/EPERM on platforms and file systems without directory fsync
  } finally {
    await handle.close();
  }
}

/**
 * Creates `path` (which must not exist) with mode 0600, writes `content` and fsyncs it. A file
 * that may hold a secret is never readable by others, not even for a moment; the caller widens
 * the mode when the content is not secret.
 */
export async function writeNewFile(path: string, content: string): Promise<void> {
  const handle = await open(path, 'wx', 0o600); // a umask can only narrow it; the caller sets the exact mode
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function errnoError(code: string, message: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}, '${path}'`), { code, path });
}

export const isErrno = (err: unknown, ...codes: string[]): boolean =>
  typeof (err as NodeJS.ErrnoException | undefined)?.code === 'string' && (codes.length === 0 || codes.includes((err as NodeJS.ErrnoException).code!));
