// Writes test/vectors/decisions.json from test/vectors/generate.ts (bundled
// on the fly with esbuild, so the TypeScript model itself decides). Signing
// keys and unchanged tokens are kept from the committed file, so a run that
// changes no decision changes no byte. `--check` exits 1 when stale.

import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { writeOrCheck } from './lib/generated-file.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outPath = `${root}test/vectors/decisions.json`;
const bundle = `${root}node_modules/.cache/temporal-auth/gen-vectors.mjs`;

await mkdir(`${root}node_modules/.cache/temporal-auth`, { recursive: true });
await build({
  absWorkingDir: root,
  entryPoints: ['test/vectors/generate.ts'],
  outfile: bundle,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['re2js'],
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
const { generate } = await import(pathToFileURL(bundle).href);
let previous;
try {
  previous = JSON.parse(await readFile(outPath, 'utf8'));
} catch {
  previous = undefined;
}
const file = await generate(root.replace(/\/$/, ''), previous);
// One vector per line: a changed decision is a one-line diff.
const { vectors, ...head } = file;
const text = `${JSON.stringify(head, null, 1).replace(/\n}$/, '')},\n "vectors": [\n${vectors.map((v) => `  ${JSON.stringify(v)}`).join(',\n')}\n ]\n}\n`;
JSON.parse(text);
await writeOrCheck(outPath, text, 'npm run gen:vectors');
