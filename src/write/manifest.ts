import { lstatSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { orUndefined } from './durable.js';
import { isOutputName, MANIFEST_FILE } from './names.js';

/** The manifest's content for the files a render wrote: deterministic (sorted, no time stamp). */
export function manifestContent(names: readonly string[]): string {
  return `${JSON.stringify(
    {
      comment: 'Written by temporal-auth render: the files it wrote into this folder. A later render removes those it no longer produces; it never touches a file not listed here.',
      files: [...names].sort(),
    },
    null,
    2,
  )}\n`;
}

/**
 * The files the previous render listed in `dir`'s manifest; empty when there is none, it is not
 * a file we can trust (in a folder others can write to, only one we own), or it does not parse.
 */
export function readManifest(dir: string, currentUid = process.getuid?.()): string[] {
  const path = join(dir, MANIFEST_FILE);
  const st = orUndefined(() => lstatSync(path));
  if (!st?.isFile()) return [];
  if (currentUid !== undefined && st.uid !== currentUid && (statSync(dir).mode & 0o002) !== 0) return [];
  try {
    const files = (JSON.parse(readFileSync(path, 'utf8')) as { files?: unknown }).files;
    return Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string' && isOutputName(f)) : [];
  } catch {
    return [];
  }
}
