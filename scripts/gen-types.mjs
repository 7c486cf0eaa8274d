// Derives src/input/spec.types.generated.ts from the JSON Schema so the spec's shape is
// written once. `--check` exits 1 when the committed file is stale (CI/tests).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';
import { writeOrCheck } from './lib/generated-file.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const schemaPath = `${root}schemas/temporal-auth.schema.json`;
const outPath = `${root}src/input/spec.types.generated.ts`;

export async function generate() {
  const schema = JSON.parse(await readFile(schemaPath, 'utf8'));
  return compile(schema, 'AuthSpec', {
    bannerComment: '/* Generated from schemas/temporal-auth.schema.json by `npm run gen:types`. Do not edit. */',
    additionalProperties: false,
    strictIndexSignatures: true,
    format: true,
    cwd: `${root}schemas`,
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeOrCheck(outPath, await generate(), 'npm run gen:types');
}
