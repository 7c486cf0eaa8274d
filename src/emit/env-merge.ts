/** Server services that can carry their own additionalEnv in the chart. */
export const SERVER_SERVICES = ['frontend', 'internal-frontend', 'history', 'matching', 'worker'] as const;

/** The internal frontend's key in user values: either chart generation's spelling. */
export const INTERNAL_FRONTEND_KEYS = ['internal-frontend', 'internalFrontend'] as const;

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
