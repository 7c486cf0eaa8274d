// Dependencies run one way: from the commands down to pure transforms. Each
// folder of src/ may import only from the layers below it (type-only imports
// of the generated spec types are allowed everywhere: they are the schema).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from './helpers.js';

/** Lowest first. A folder may import from its own layer's folders and any lower layer. */
const LAYERS: string[][] = [
  ['util', 'temporal', 'charts', 'providers', 'write'],
  ['spec'],
  ['model'],
  ['oidc'],
  ['policy'],
  ['secrets'],
  ['emit'],
  ['live'],
  ['diff'],
  ['api'],
  ['index.ts'],
  ['cli'],
];
const layerOf = (top: string) => LAYERS.findIndex((l) => l.includes(top));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.(ts|js)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

it('every import in src/ points to its own layer or one below', () => {
  const src = join(ROOT, 'src');
  const upward: string[] = [];
  for (const file of sources(src)) {
    const rel = relative(src, file);
    const top = rel.split('/')[0]!;
    const from = layerOf(top);
    expect(from, `${rel}: its folder has no layer in test/layers.test.ts`).toBeGreaterThanOrEqual(0);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(import\s+type\s|import\s|export\s)[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)) {
      const spec = m[2] ?? m[3]!;
      const target = relative(src, normalize(join(dirname(file), spec)));
      if (target.startsWith('spec/spec.types.generated')) continue;
      const to = layerOf(target.split('/')[0]!);
      if (to > from) upward.push(`${rel} -> ${target}`);
    }
  }
  expect(upward).toEqual([]);
});
