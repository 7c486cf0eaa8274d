import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from './helpers.js';

it('README spec reference, rule table, output table and supported chart lists are generated from the current schema, rules, outputs and chart profiles', async () => {
  // @ts-expect-error: plain JS build script without type declarations
  const { generateReadme } = await import('../scripts/gen-readme.mjs');
  expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toBe(await generateReadme());
});

it("README's output table lists every output render has, with the mode of its plaintext secrets", async () => {
  const { OUTPUTS } = await import('../src/emit/index.js');
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('<!-- generated:outputs -->'), readme.indexOf('<!-- /generated:outputs -->'));
  const rows = [...table.matchAll(/^\| `([^`]+)` \| (.*) \|$/gm)];
  expect(rows.map((r) => r[1])).toEqual(OUTPUTS.map((o) => o.name));
  for (const [, name, rest] of rows) expect(rest!.includes('mode 0600'), name).toBe(OUTPUTS.find((o) => o.name === name)!.plaintextSecret);
});

it('README quick start renders the bundled quickstart with the variable it reads', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const quickstart = readFileSync(join(ROOT, 'examples/quickstart.yaml'), 'utf8');
  const variable = /fromEnv: (\w+)/.exec(quickstart)![1]!;
  expect(readme).toContain(`npm ci && ${variable}=change-me npx temporal-auth render examples/quickstart.yaml`);
  expect(readme).toContain('\nnpm run test:all\n');
});

it("CI runs the README's test command", () => {
  expect(readFileSync(join(ROOT, '.ci/run'), 'utf8')).toMatch(/^npm run test:all$/m);
});

it('the README lists every function the library exports, and only those', async () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Use as a library'), readme.indexOf('## How it works'));
  const listed = [...section.matchAll(/^\| `(\w+)\(/gm)].map((m) => m[1]).sort();
  const lib = await import('../src/index.js');
  const functions = Object.entries(lib)
    .filter(([name, v]) => typeof v === 'function' && !/Error$/.test(name) && !['envAndFileSecrets', 'formatFinding'].includes(name))
    .map(([name]) => name)
    .sort();
  expect(listed).toEqual(functions);
});

it('the audit log is documented field by field from schemas/audit-line.schema.json, and the Web UI calls from schemas/ui-calls.json', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('<!-- generated:audit-line -->'), readme.indexOf('<!-- /generated:audit-line -->'));
  const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/audit-line.schema.json'), 'utf8'));
  for (const kind of ['decision', 'dropped']) {
    for (const field of Object.keys(schema.$defs[kind].properties)) expect(table, `${kind}.${field}`).toMatch(new RegExp(`\\| ${kind} \\| \`${field}\` \\|[^\\n]*\\| [A-Za-z][^|\\n]* \\|\\n`));
  }
  const ui = JSON.parse(readFileSync(join(ROOT, 'schemas/ui-calls.json'), 'utf8'));
  const section = readme.slice(readme.indexOf('## The Web UI for namespace-scoped people'), readme.indexOf('## Spec reference'));
  for (const m of ui.methods) expect(section).toContain(`\`${m.slice(m.lastIndexOf('/') + 1)}\``);
  expect(section).toContain('temporal#11639');
});
