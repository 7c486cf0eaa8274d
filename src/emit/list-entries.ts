/**
 * Helm merges values maps key by key but replaces a list from a later `-f`
 * file wholesale, so a list render emits must hold the user's entries too.
 * Entries are told apart by what Kubernetes itself keys them by: env vars and
 * volumes by name, volume mounts by mountPath (one volume may be mounted
 * twice, as the Web UI config's two files are).
 */
export type ListKind = 'env' | 'volumes' | 'mounts';

export function entryKey(kind: ListKind, entry: unknown): string | undefined {
  if (entry === null || typeof entry !== 'object') return undefined;
  const key = (entry as Record<string, unknown>)[kind === 'mounts' ? 'mountPath' : 'name'];
  return typeof key === 'string' ? key : undefined;
}

/** Their entries (in their order) then ours; ours win on a key clash. Entries without a key are dropped. */
export function mergeEntries<T extends object>(kind: ListKind, theirs: unknown, ours: readonly T[]): T[] {
  const owned = new Set(ours.map((e) => entryKey(kind, e)));
  const kept = (Array.isArray(theirs) ? (theirs as unknown[]) : []).filter((e): e is T => {
    const k = entryKey(kind, e);
    return k !== undefined && !owned.has(k);
  });
  return [...kept, ...ours];
}
