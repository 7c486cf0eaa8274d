/**
 * How deep Helm values may nest. Real charts' values nest a dozen levels;
 * the comparison, redaction and printing recurse, so deeper input is refused
 * before any of them runs instead of overflowing the stack.
 */
export const MAX_VALUES_DEPTH = 100;

/** Whether `value` nests objects or lists more than `limit` levels deep (counted without recursion). */
export function depthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Values nest too deeply to be compared. */
export class ValuesTooDeepError extends Error {
  constructor() {
    super(`the values nest deeper than ${MAX_VALUES_DEPTH} levels`);
  }
}
