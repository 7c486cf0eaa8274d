import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface OutputFile {
  /** File name inside the output folder. */
  name: string;
  content: string;
  /** 0o600 for anything holding a secret. */
  mode: number;
}

/**
 * Writes every file or none: each goes to a temporary file in the same folder
 * (so rename is atomic), and only when all are on disk are they renamed into
 * place. A failure part-way removes the temporaries and leaves the folder as
 * it was. Files are created with their final mode, so a secret is never
 * briefly world-readable.
 */
export async function writeFilesAtomically(dir: string, files: readonly OutputFile[]): Promise<string[]> {
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const staged: { temp: string; final: string }[] = [];
  try {
    for (const file of files) {
      const temp = join(dir, `.${file.name}.${randomBytes(6).toString('hex')}.tmp`);
      staged.push({ temp, final: join(dir, file.name) });
      const handle = await open(temp, 'wx', file.mode);
      try {
        await handle.writeFile(file.content, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await chmod(temp, file.mode); // the umask may have narrowed it; make it exact
    }
    for (const { temp, final } of staged) await rename(temp, final);
  } catch (err) {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })));
    throw err;
  }
  return staged.map((s) => s.final);
}
