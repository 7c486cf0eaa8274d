export interface Named {
  name: string;
}

/**
 * Helm replaces lists from a later `-f` file wholesale, so an emitted list
 * must carry the user's own entries too. Ours win on a name clash; theirs keep
 * their order and come first.
 */
export function mergeByName<T extends Named>(theirs: unknown, ours: readonly T[]): T[] {
  const owned = new Set(ours.map((e) => e.name));
  const kept = Array.isArray(theirs)
    ? (theirs as unknown[]).filter((e): e is T => typeof (e as Named | null)?.name === 'string' && !owned.has((e as Named).name))
    : [];
  return [...kept, ...ours];
}
