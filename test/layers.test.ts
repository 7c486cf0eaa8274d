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
  ['input'],
  ['model'],
  ['oidc'],
  ['policy'],
  ['secrets'],
  ['emit'],
  ['live'],
  ['diff'],
  ['audit'],
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

/** Every relative import (static, type-only, re-export or dynamic) of each file under src/, as paths relative to src/. */
function imports(): { file: string; target: string }[] {
  const src = join(ROOT, 'src');
  const out: { file: string; target: string }[] = [];
  for (const file of sources(src)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(import\s+type\s|import\s|export\s)[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)) {
      const spec = m[2] ?? m[3]!;
      out.push({ file: relative(src, file), target: relative(src, normalize(join(dirname(file), spec))) });
    }
  }
  return out;
}

it('every import in src/ points to its own layer or one below', () => {
  const upward: string[] = [];
  for (const rel of new Set(sources(join(ROOT, 'src')).map((f) => relative(join(ROOT, 'src'), f)))) {
    expect(layerOf(rel.split('/')[0]!), `${rel}: its folder has no layer in test/layers.test.ts`).toBeGreaterThanOrEqual(0);
  }
  for (const { file, target } of imports()) {
    if (target.startsWith('input/spec.types.generated')) continue;
    if (layerOf(target.split('/')[0]!) > layerOf(file.split('/')[0]!)) upward.push(`${file} -> ${target}`);
  }
  expect(upward).toEqual([]);
});

// The CLI is a thin layer over the library: flags, files, printing and exit
// codes. It reaches the rest only through the library's API (src/api/, which
// src/index.ts exports from; src/index.ts itself would load every command's
// modules into each command), and may use src/util/ and its own files. No
// exception, not even for types: the API re-exports what the CLI needs.
const CLI_MAY_IMPORT = /^(api\/|index\.ts$|index\.js$|util\/|cli\/)/;

it('src/cli/ imports only src/api/, src/index.ts, src/util/ and src/cli/', () => {
  const reaching = imports()
    .filter(({ file }) => file.startsWith('cli/'))
    .filter(({ target }) => !CLI_MAY_IMPORT.test(target))
    .map(({ file, target }) => `${file} -> ${target}`);
  expect(reaching, `src/cli/ reaching past the API: ${reaching.join('; ')}`).toEqual([]);
});

it('src/cli/ tells errors apart by their code, never by their message text', () => {
  const matching: string[] = [];
  for (const file of sources(join(ROOT, 'src', 'cli'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\berr(?:or)?\.message\s*\.\s*(startsWith|endsWith|includes|match|slice|replace|indexOf)\s*\(|\.test\(\s*err(?:or)?\.message\b/g)) {
      matching.push(`${relative(ROOT, file)}: ${m[0]}`);
    }
  }
  expect(matching, `message text matched in src/cli: ${matching.join('; ')}`).toEqual([]);
});
