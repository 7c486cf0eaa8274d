import type { Path } from './source.js';

/** Reads a path out of plain data (a parsed spec or values file); undefined where it does not exist. */
export function valueAt(data: unknown, path: Path): unknown {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment as string];
  }
  return node;
}
