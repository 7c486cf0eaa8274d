// Regenerates the README sections that restate code: the spec reference
// (from the JSON Schema), the lint rule table (from src/input/rules), the
// findings only render knows (src/api/findings.ts), the table of the files
// render writes (from src/emit/outputs.ts), and the supported chart versions
// with the Web UI each runs and the chart checks (from the chart profiles,
// src/charts/readme.ts). Each sits between <!-- generated:NAME --> and
// <!-- /generated:NAME -->, a block or a phrase inside a sentence.
// Needs a build (it reads dist/). `--check` exits 1 when README.md is stale.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { writeOrCheck } from './lib/generated-file.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function resolveRef(schema, node) {
  if (!node?.$ref) return node;
  const name = node.$ref.replace('#/$defs/', '');
  return { ...schema.$defs[name], ...Object.fromEntries(Object.entries(node).filter(([k]) => k !== '$ref')) };
}

function typeOf(schema, node) {
  node = resolveRef(schema, node);
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  if (node.enum) return node.enum.map((v) => `\`${v}\``).join(' \\| ');
  if (node.oneOf)
    return node.oneOf
      .map((b) => `{ ${Object.keys(b.properties).join(' }` or `{ ')} }`)
      .join(' or ')
      .replace(/^/, '`')
      .replace(/$/, '`');
  if (node.type === 'array') return `list of ${typeOf(schema, node.items)}`;
  if (node.type === 'object' && node.additionalProperties && typeof node.additionalProperties === 'object' && !node.properties) {
    return `map of name → ${typeOf(schema, node.additionalProperties)}`;
  }
  return node.type ?? 'any';
}

function rows(schema, node, prefix, out) {
  node = resolveRef(schema, node);
  for (const [key, raw] of Object.entries(node.properties ?? {})) {
    if (key === '$schema') continue;
    const child = resolveRef(schema, raw);
    const path = prefix ? `${prefix}.${key}` : key;
    const desc = (raw.description ?? child.description ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
    const def = child.default !== undefined && !(typeof child.default === 'object') ? `\`${JSON.stringify(child.default)}\`` : '';
    out.push(`| \`${path}\` | ${typeOf(schema, raw)} | ${(node.required ?? []).includes(key) ? 'yes' : ''} | ${def} | ${desc} |`);
    if (child.type === 'object' && child.properties) rows(schema, child, path, out);
    if (child.type === 'array' && resolveRef(schema, child.items)?.properties) rows(schema, child.items, `${path}[]`, out);
    if (child.type === 'object' && !child.properties && child.additionalProperties?.properties) rows(schema, child.additionalProperties, `${path}.<name>`, out);
  }
  return out;
}

/**
 * The audit log's fields, from schemas/audit-line.schema.json: one row per
 * field of the decision line, then the dropped line's own, each with the
 * schema's description (the server and the audit command read the same file).
 */
function auditLineTable(schema) {
  const cell = (text) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const typeText = (node) => {
    const n = resolveRef(schema, node);
    if (n.const !== undefined) return `\`${JSON.stringify(n.const)}\``;
    if (n.enum) return n.enum.map((v) => `\`${v}\``).join(', ');
    if (n.type === 'array') return `list of ${typeText(n.items)}`;
    if (n.type === 'object') return 'object';
    if (n.type === 'string' && n.format === 'date-time') return 'time (RFC 3339)';
    if (n.type === 'string' && n.maxLength) return `text (at most ${n.maxLength} bytes)`;
    return n.type;
  };
  const out = ['| line | field | always | value | meaning |', '| --- | --- | --- | --- | --- |'];
  for (const kind of ['decision', 'dropped']) {
    const def = schema.$defs[kind];
    for (const [key, node] of Object.entries(def.properties)) {
      const desc = node.description ?? resolveRef(schema, node).description ?? '';
      out.push(`| ${kind} | \`${key}\` | ${def.required.includes(key) ? 'yes' : ''} | ${cell(typeText(node))} | ${cell(desc)} |`);
    }
  }
  return out.join('\n');
}

export async function generateReadme() {
  const schema = JSON.parse(await readFile(`${root}schemas/temporal-auth.schema.json`, 'utf8'));
  const { RULES, OUTPUTS, APPLIED_BY, RENDER_FINDINGS } = await import(`${root}dist/readme-tables.js`);
  const { supportedChartsText, chartWebUiText, chartServerVersionText, unmodelledTrapsTable, trapCountsText } = await import(`${root}dist/charts.js`);
  const cell = (text) => text.replace(/\|/g, '\\|');
  const spec = ['| key | type | required | default | meaning |', '| --- | --- | --- | --- | --- |', ...rows(schema, schema, '', [])].join('\n');
  const rules = ['| rule | severity | fires when |', '| --- | --- | --- |', ...RULES.map((r) => `| \`${r.id}\` | ${r.severity} | ${cell(r.summary)} |`)].join('\n');
  const outputs = [
    '| file | what it is | applied with | `gitops.layout: folders` |',
    '| --- | --- | --- | --- |',
    ...OUTPUTS.map(
      (o) =>
        `| \`${o.name}\` | ${cell(o.description)}${o.plaintextSecret ? '; mode 0600, never printed by `--stdout`' : ''} | ${cell(APPLIED_BY[o.appliedBy].readme)} | ${o.folder ? `\`${o.folder}/\`` : '(the folder itself)'} |`,
    ),
  ].join('\n');
  const renderFindings = [
    '| finding | severity | reported by | fires when |',
    '| --- | --- | --- | --- |',
    ...Object.values(RENDER_FINDINGS).map((f) => `| \`${f.id}\` | ${f.severity} | ${f.commands.map((c) => `\`${c}\``).join(', ')} | ${cell(f.summary)} |`),
  ].join('\n');
  const auditLine = auditLineTable(JSON.parse(await readFile(`${root}schemas/audit-line.schema.json`, 'utf8')));
  const uiCalls = JSON.parse(await readFile(`${root}schemas/ui-calls.json`, 'utf8'))
    .methods.map((m) => `\`${m.slice(m.lastIndexOf('/') + 1)}\``)
    .join(' and ');
  let readme = await readFile(`${root}README.md`, 'utf8');
  const sections = [
    ['outputs', `\n${outputs}\n`],
    ['spec-reference', `\n${spec}\n`],
    ['lint-rules', `\n${rules}\n`],
    ['render-findings', `\n${renderFindings}\n`],
    // The opening marker ends the sentence's first line, so the list keeps its own line.
    ['supported-charts', `\n${supportedChartsText()}`],
    ['chart-web-ui', chartWebUiText()],
    ['chart-server-version', chartServerVersionText()],
    ['unmodelled-traps', `\n${unmodelledTrapsTable()}\n`],
    ['trap-counts', trapCountsText()],
    ['audit-line', `\n${auditLine}\n`],
    ['ui-calls', `\n${uiCalls}\n`],
  ];
  for (const [name, body] of sections) {
    const re = new RegExp(`(<!-- generated:${name} -->)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!re.test(readme)) throw new Error(`README.md has no generated:${name} markers`);
    readme = readme.replace(re, (_, open, close) => `${open}${body}${close}`);
  }
  return readme;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeOrCheck(`${root}README.md`, await generateReadme(), 'npm run gen:readme');
}
