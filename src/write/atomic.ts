import { lstat, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface OutputFile {
  /** File name inside the output folder. */
  name: string;
  content: string;
  /** 0o600 for anything holding a secret. */
  mode: number;
}

/** A write refused before anything was touched (e.g. a world-writable folder for a secret). */
export class UnsafeOutputError extends Error {}

const tempName = (name: string) => `.${name}.${randomBytes(6).toString('hex')}.tmp`;

/**
 * Writes every file or none. Each file goes to a temporary file in the same
 * folder (so rename is atomic) with its final mode (a secret is never briefly
 * world-readable) and is fsynced; only when all are on disk are they renamed
 * into place, each existing file first moved aside. If any step fails, the
 * renamed files are put back and the temporaries removed: the folder is left
 * as it was.
 */
export async function writeFilesAtomically(dir: string, files: readonly OutputFile[]): Promise<string[]> {
  await mkdir(dir, { recursive: true, mode: 0o755 });
  if (files.some((f) => (f.mode & 0o077) === 0)) {
    // Another user who can write the folder could swap a secret file out from under us.
    const s = await stat(dir);
    if ((s.mode & 0o002) !== 0 && (s.mode & 0o1000) === 0) {
      throw new UnsafeOutputError(`${dir} is world-writable; write secrets to a private folder`);
    }
  }
  const staged: { temp: string; final: string; backup?: string; placed?: boolean }[] = [];
  try {
    for (const file of files) {
      const temp = join(dir, tempName(file.name));
      staged.push({ temp, final: join(dir, file.name) });
      const handle = await open(temp, 'wx', file.mode);
      try {
        await handle.writeFile(file.content, 'utf8');
        await handle.chmod(file.mode); // the umask may have narrowed it; make it exact
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    for (const s of staged) {
      const existing = await lstat(s.final).catch(() => undefined);
      if (existing && !existing.isDirectory()) {
        s.backup = join(dir, tempName(`${s.final.split('/').pop()}.previous`));
        await rename(s.final, s.backup);
      }
      await rename(s.temp, s.final);
      s.placed = true;
    }
  } catch (err) {
    for (const s of [...staged].reverse()) {
      if (s.placed) await rm(s.final, { force: true }).catch(() => undefined);
      if (s.backup) await rename(s.backup, s.final).catch(() => undefined);
      await rm(s.temp, { force: true }).catch(() => undefined);
    }
    throw err;
  }
  await Promise.all(staged.map((s) => (s.backup ? rm(s.backup, { force: true }) : undefined)));
  return staged.map((s) => s.final);
}
