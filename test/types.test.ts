import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from './helpers.js';

it('src/input/spec.types.generated.ts is generated from the current schema', async () => {
  // @ts-expect-error: plain JS build script without type declarations
  const { generate } = await import('../scripts/gen-types.mjs');
  expect(readFileSync(join(ROOT, 'src/input/spec.types.generated.ts'), 'utf8')).toBe(await generate());
});

it('src/input/schema-validator.generated.js is compiled from the current schema', async () => {
  // @ts-expect-error: plain JS build script without type declarations
  const { generate } = await import('../scripts/gen-validator.mjs');
  expect(readFileSync(join(ROOT, 'src/input/schema-validator.generated.js'), 'utf8')).toBe(await generate());
});

it('src/util/templates.generated.js is precompiled from the current templates', async () => {
  // @ts-expect-error: plain JS build script without type declarations
  const { generate } = await import('../scripts/gen-templates.mjs');
  expect(readFileSync(join(ROOT, 'src/util/templates.generated.js'), 'utf8')).toBe(await generate());
});

it('src/audit/line-validator.generated.js is compiled from the current audit line schema', async () => {
  // @ts-expect-error: plain JS build script without type declarations
  const { generate } = await import('../scripts/gen-audit-validator.mjs');
  expect(readFileSync(join(ROOT, 'src/audit/line-validator.generated.js'), 'utf8')).toBe(await generate());
});
