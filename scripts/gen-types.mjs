// Derives src/spec/spec.types.ts from the JSON Schema so the spec's shape is
// written once. `--check` exits 1 when the committed file is stale (CI/tests).
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const schemaPath = `${root}schemas/temporal-auth.schema.json`;
const outPath = `${root}src/spec/spec.types.ts`;

export async function generate() {
  const schema = JSON.parse(await readFile(schemaPath, 'utf8'));
  return compile(schema, 'AuthSpec', {
    bannerComment:
      '/* Generated from schemas/temporal-auth.schema.json by `npm run gen:types`. Do not edit. */',
    additionalProperties: false,
    strictIndexSignatures: true,
    format: true,
    cwd: `${root}schemas`,
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = await generate();
  if (process.argv.includes('--check')) {
    const current = await readFile(outPath, 'utf8').catch(() => '');
    if (current !== text) {
      console.error('src/spec/spec.types.ts is stale: run `npm run gen:types`');
      process.exit(1);
    }
  } else {
    await writeFile(outPath, text);
  }
}
