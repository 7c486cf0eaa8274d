import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The folder holding temporal-auth's package.json and schemas/ (what the
 * published package ships). Found by walking up from this module, so it is
 * the same whether the code runs from src/ (tests), from the bundle in dist/,
 * or installed under node_modules.
 */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'schemas', 'temporal-auth.schema.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the temporal-auth package folder');
    dir = parent;
  }
  return (root = dir);
}

export const packagePath = (...parts: string[]): string => join(packageRoot(), ...parts);
