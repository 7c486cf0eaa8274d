import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { readRegularTextFile } from '../util/regular-file.js';
import { manifestContent, readManifest } from './manifest.js';
import { MANIFEST_FILE } from './names.js';

/** Why a file in the output folder is not what a render would write there now. */
export type StaleReason = 'missing' | 'differs' | 'mode' | 'not-a-file' | 'extra';

export interface StaleFile {
  name: string;
  reason: StaleReason;
}

/** A committed file larger than this is stale by definition: render never writes one. */
const MAX_COMPARED_BYTES = 64 << 20;

/**
 * Compares the files a render would write with those in `dir`, byte for byte and by mode, and
 * the folder's manifest (so a file a render would now remove is stale too: `extra`). Nothing
 * is written or printed; a difference is reported by name and reason only, so a secret file's
 * content never leaves it. `skipped` names files this render did not produce on purpose (no
 * secrets read): neither compared nor counted as extra. `uncompared` names files it produced but
 * whose bytes cannot match (a SealedSecret sealed afresh): only their presence counts.
 */
export function compareWithFolder(
  dir: string,
  files: readonly { name: string; content: string; mode: number }[],
  options: { skipped?: ReadonlySet<string>; uncompared?: ReadonlySet<string> } = {},
): StaleFile[] {
  const skipped = options.skipped ?? new Set<string>();
  const stale: StaleFile[] = [];
  const listed = readManifest(dir);
  // The manifest a full render would write: a skipped file it listed would be written again.
  const manifest = { name: MANIFEST_FILE, content: manifestContent([...files.map((f) => f.name), ...[...skipped].filter((n) => listed.includes(n))]), mode: 0o644 };
  const expected = [...files, manifest];
  for (const f of expected) {
    const path = join(dir, f.name);
    let info: ReturnType<typeof lstatSync> | undefined;
    try {
      info = lstatSync(path);
    } catch {
      stale.push({ name: f.name, reason: 'missing' });
      continue;
    }
    if (!info.isFile()) {
      stale.push({ name: f.name, reason: 'not-a-file' });
      continue;
    }
    if (options.uncompared?.has(f.name)) continue;
    const read = readRegularTextFile(path, MAX_COMPARED_BYTES);
    if (!read.ok || read.text !== f.content) stale.push({ name: f.name, reason: 'differs' });
    // Only a secret's mode: a checkout's modes follow its umask (0644, 0664), and git keeps none but +x.
    else if (f.mode === 0o600 && (info.mode & 0o077) !== 0) stale.push({ name: f.name, reason: 'mode' });
  }
  const now = new Set([...files.map((f) => f.name), MANIFEST_FILE]);
  for (const name of listed) if (!now.has(name) && !skipped.has(name)) stale.push({ name, reason: 'extra' });
  return stale;
}
