import { readFile, writeFile } from 'node:fs/promises';

/**
 * Writes a generated file, or with --check on the command line exits 1 when
 * the committed one differs from what would be generated.
 */
export async function writeOrCheck(path, text, regenerate) {
  if (process.argv.includes('--check')) {
    if (text !== (await readFile(path, 'utf8').catch(() => ''))) {
      console.error(`${path} is stale: run \`${regenerate}\``);
      process.exit(1);
    }
    return false;
  }
  await writeFile(path, text);
  return true;
}
