import { realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { orUndefined } from './durable.js';

/** What the guard needs to know about a folder: its mode bits and owner. */
export interface FolderFacts {
  mode: number;
  uid: number;
}

const worldWritable = (f: FolderFacts) => (f.mode & 0o002) !== 0;
const sticky = (f: FolderFacts) => (f.mode & 0o1000) !== 0;

/**
 * Why a folder is no place for a secret, or undefined when it is. A pure function of the
 * folder's and its parent's mode and owner and of the current uid, so that every case can be
 * tested as any user.
 *
 * - The folder: world-writable without the sticky bit, anyone can replace a file in it; with the
 *   sticky bit (like /tmp) anyone can still add files beside ours and its owner can replace ours,
 *   so it is refused unless we own it.
 * - The parent: world-writable without the sticky bit, anyone can rename the folder away and put
 *   their own in its place; with the sticky bit only the parent's owner (and root) can, so it is
 *   refused unless we or root own it (/tmp/out is fine, /tmp itself is not).
 *
 * `currentUid` undefined (Windows) disables the check: mode bits mean nothing there.
 */
export function folderRisk(
  folder: FolderFacts,
  parent: FolderFacts | undefined,
  currentUid: number | undefined,
): 'world-writable' | 'shared-sticky' | 'parent-world-writable' | 'parent-shared-sticky' | undefined {
  if (currentUid === undefined) return undefined;
  if (worldWritable(folder)) {
    if (!sticky(folder)) return 'world-writable';
    if (folder.uid !== currentUid) return 'shared-sticky';
  }
  if (parent && worldWritable(parent)) {
    if (!sticky(parent)) return 'parent-world-writable';
    if (parent.uid !== currentUid && parent.uid !== 0) return 'parent-shared-sticky';
  }
  return undefined;
}

const octal = (mode: number) => (mode & 0o7777).toString(8).padStart(4, '0');

/**
 * Checks the folder a secret is about to be written into (it exists) and its parent (the real
 * one, and the one in the path as given when the folder is reached through a symlink). Returns
 * the reason to refuse, as the first part of a sentence, or undefined.
 */
export function secretFolderProblem(dir: string, currentUid = process.getuid?.()): string | undefined {
  if (currentUid === undefined) return undefined;
  const folder = statSync(dir);
  const parents = [...new Set([dirname(realpathSync.native(dir)), dirname(resolve(dir))])];
  for (const parentPath of parents) {
    const parent = orUndefined(() => statSync(parentPath));
    const risk = folderRisk(folder, parent, currentUid);
    switch (risk) {
      case undefined:
        continue;
      case 'world-writable':
        return `${dir} is world-writable; write secrets to a private folder`;
      case 'shared-sticky':
        return `${dir} is a shared folder (mode ${octal(folder.mode)}) owned by another user (uid ${folder.uid}); write secrets to a private folder`;
      case 'parent-world-writable':
        return `${dir} is in a world-writable folder (${parentPath}, where anyone can replace it); write secrets to a private folder`;
      case 'parent-shared-sticky':
        return `${dir} is in a shared folder (${parentPath}, mode ${octal(parent!.mode)}) owned by another user (uid ${parent!.uid}), who can replace it; write secrets to a private folder`;
    }
  }
  return undefined;
}
