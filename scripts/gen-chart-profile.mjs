// Writes the built-in chart profiles: src/charts/profiles/v<major>_<minor>_<patch>.generated.ts, from
// an official temporalio/helm-charts `temporal` chart. What a profile holds is derived by
// src/charts/derive/ (deriveProfile: Chart.yaml, values.yaml and templates/ to the facts; see its
// header), the same code `render --chart PATH` runs on a user's chart; this script reads the chart
// (a folder, or a tag of a helm-charts clone) and writes that data out as a TypeScript module. It
// imports the derivation from the built library (dist/chart-derive.js): `npm run gen:profile` builds first.
// Writes src/charts/profiles/v<major>_<minor>_<patch>.generated.ts, and index.generated.ts listing
// every profile in that folder (src/charts/index.ts serves them: generating a profile adds the version).
//
// Usage:
//   node scripts/gen-chart-profile.mjs <chart dir>        a folder holding Chart.yaml, values.yaml, templates/
//   node scripts/gen-chart-profile.mjs --git <helm-charts git dir> --tag temporal-X.Y.Z [--tag ...]
//        reads charts/temporal/ at each tag with `git show` and records the tag's commit
//   node scripts/gen-chart-profile.mjs --git <helm-charts git dir> [--tag ...] --check
//        regenerates in memory and exits 1 listing the profiles that differ from the committed
//        ones (every committed profile when no --tag is given). The check needs the chart's
//        sources, which the project does not ship: it runs only where a helm-charts clone
//        (with its temporal-X.Y.Z tags) is available, and only with --git.
// A new chart version, end to end: run this with --git and --tag temporal-X.Y.Z (it writes the
// profile and the index, so the version is supported); add its row (commit, internal frontend
// key, traps, gates, reads) to RELEASES in test/chart-traps.test.ts from the templates at that
// tag (with TEMPORAL_AUTH_HELM_CHARTS_GIT set the test checks it against the tag); if the chart runs a Web
// UI version src/charts/web-ui-docker-config.ts does not know, describe that UI's docker.yaml
// there or list it as not described (test/web-ui-settings.test.ts asks); `npm run gen:readme`.
// Everything else that names supported versions derives from the profiles
// (test/supported-charts.test.ts fails on a version written by hand).
// Run by hand by a maintainer; the project ships only the generated profiles. A template that
// no longer has the shape a fact is derived from is an error (ChartDeriveError), not a silently
// empty table: update src/charts/derive/ after reading the template.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { ChartDeriveError, deriveProfile } from '../dist/chart-derive.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const PROFILES_DIR = `${root}src/charts/profiles`;
const CHART_PATH = 'charts/temporal';
const REPOSITORY = 'temporalio/helm-charts';

// ---------------------------------------------------------------------------------------------
// Sources

function git(gitDir, ...args) {
  return execFileSync('git', [`--git-dir=${gitDir}`, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function readChartAtTag(gitDir, tag) {
  let commit;
  try {
    commit = git(gitDir, 'rev-parse', '--verify', `${tag}^{commit}`).trim();
  } catch {
    throw new Error(`no tag ${tag} in ${gitDir}`);
  }
  const show = (path) => git(gitDir, 'show', `${commit}:${path}`);
  const files = git(gitDir, 'ls-tree', '-r', '--name-only', commit, `${CHART_PATH}/templates/`).split('\n').filter(Boolean);
  const templates = new Map(files.map((f) => [f.slice(CHART_PATH.length + 1), show(f)]));
  return { chartYaml: show(`${CHART_PATH}/Chart.yaml`), valuesYaml: show(`${CHART_PATH}/values.yaml`), templates, source: { repository: REPOSITORY, tag, commit, path: CHART_PATH } };
}

async function filesUnder(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

export async function readChartFolder(dir) {
  const templates = new Map();
  for (const file of (await filesUnder(join(dir, 'templates'))).sort()) templates.set(relative(dir, file).split('\\').join('/'), await readFile(file, 'utf8'));
  return { chartYaml: await readFile(join(dir, 'Chart.yaml'), 'utf8'), valuesYaml: await readFile(join(dir, 'values.yaml'), 'utf8'), templates, source: null };
}

// ---------------------------------------------------------------------------------------------
// Output

const lit = (v) => JSON.stringify(v);
const obj = (o) =>
  `{ ${Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .map(
      ([k, v]) => `${k}: ${typeof v === 'object' && v !== null && !Array.isArray(v) ? obj(v) : Array.isArray(v) ? `[${v.map((x) => (typeof x === 'object' ? obj(x) : lit(x))).join(', ')}]` : lit(v)}`,
    )
    .join(', ')} }`;

export const TABLES_DIR = `${PROFILES_DIR}/tables`;

/**
 * One of a profile's tables (keys, traps, gates) as a module of its own, named by its content:
 * releases whose tables are identical share the file, and a table changes name when it changes.
 */
function table(kind, type, body) {
  const text = [
    `// Generated by scripts/gen-chart-profile.mjs: a chart profile's ${kind} table, shared by every profile in ../ that exports it (those releases' tables are identical). Do not edit.`,
    `import type { ${type.replace(/^readonly |\[\]$/g, '')} } from '../../profile.js';`,
    '',
    `export const ${kind} = (): ${type} => ${body};`,
    '',
  ].join('\n');
  const name = `${kind}-${createHash('sha256').update(text).digest('hex').slice(0, 12)}.generated.ts`;
  return { path: `${TABLES_DIR}/${name}`, text, name };
}

const tableRef = (t) => `tables/${t.name.replace(/\.ts$/, '.js')}`;

/** The table files the profiles in the folder import. */
async function referencedTables() {
  const names = new Set();
  for (const f of await readdir(PROFILES_DIR)) {
    if (!PROFILE_FILE.test(f)) continue;
    for (const m of (await readFile(join(PROFILES_DIR, f), 'utf8')).matchAll(/from '\.\/tables\/([^']+)\.js'/g)) names.add(`${m[1]}.ts`);
  }
  return names;
}

/** { path, text, tables } of the profile for a chart's files (tables: the files it imports). */
export function generate(chartFiles) {
  const chart = parse(chartFiles.chartYaml);
  const profile = deriveProfile(chartFiles);
  const { chartVersion: version, webUiVersion, internalFrontendPorts, podLabels, templateReads: reads, keys, traps, gates } = profile;
  if (chartFiles.source && chartFiles.source.tag !== `temporal-${version}`) throw new Error(`${chartFiles.source.tag}: Chart.yaml says version ${version}`);
  const id = version.replace(/[^0-9A-Za-z]/g, '_');
  const modelled = traps.filter((t) => t.condition.when !== 'unmodelled').length;
  const src = chartFiles.source;
  const from = src ? `${src.repository} ${src.path}/ at tag ${src.tag} (commit ${src.commit})` : `a chart folder (no commit recorded: regenerate with --git/--tag before committing)`;
  const tables = {
    keys: table('keys', 'ChartValuesKeys', `(${JSON.stringify(keys, null, 2)})`),
    traps: table(
      'traps',
      'readonly ChartTrap[]',
      ['[', ...traps.map((t) => `  ${obj({ template: t.template, line: t.line, guardLine: t.guardLine, call: t.call, message: t.message, condition: t.condition })},`), ']'].join('\n'),
    ),
    gates: table('gates', 'readonly ChartGate[]', ['[', ...gates.map((g) => `  ${obj({ id: g.id, condition: g.condition, readsInstead: g.readsInstead, sites: g.sites })},`), ']'].join('\n')),
  };
  const L = [
    `// Generated by scripts/gen-chart-profile.mjs from the official chart ${chart.name} ${version}: ${from}.`,
    `// Read: Chart.yaml, values.yaml, templates/ (${chartFiles.templates.size} files). Do not edit.`,
    src
      ? `// Regenerate: node scripts/gen-chart-profile.mjs --git <helm-charts git dir> --tag ${src.tag}; verify: add --check (needs that git history).`
      : '// Regenerate: node scripts/gen-chart-profile.mjs --git <helm-charts git dir> --tag temporal-<version>.',
    "import type { ChartPodLabels, ChartSource, TemplateReadKey } from '../profile.js';",
    '',
    `export const chartVersion = ${lit(version)};`,
    `export const appVersion = ${lit(profile.appVersion)};`,
    `/** The Web UI (temporalio/ui) version the chart runs: values.yaml web.image.tag. */`,
    `export const webUiVersion = ${lit(webUiVersion)};`,
    `export const internalFrontendPorts = ${lit(internalFrontendPorts)};`,
    `/** How the chart labels its pods (_helpers.tpl temporal.resourceLabels): what the NetworkPolicy selects. */`,
    `export const podLabels: ChartPodLabels = ${obj(podLabels)};`,
    `/** Of the keys lint rules ask about (TEMPLATE_READ_KEYS), those the templates read. */`,
    `export const templateReads: readonly TemplateReadKey[] = ${lit(reads)};`,
    '',
    `export const source: ChartSource | null = ${src ? obj(src) : 'null'};`,
    '',
    '// The tables are functions, each in a file named by its content that releases with an identical table share: a run builds',
    '// only the profile it targets (src/charts/index.ts), and the CLI bundle holds each distinct table once (start-up, bench/).',
    `/** values.yaml's key paths and their kinds (${Object.keys(keys).length}). */`,
    `export { keys } from './${tableRef(tables.keys)}';`,
    `/** Every fail and required call in templates/ (${traps.length}: ${modelled} with a condition the tool evaluates, ${traps.length - modelled} unmodelled). */`,
    `export { traps } from './${tableRef(tables.traps)}';`,
    '/** The `if`s that make the chart silently ignore the auth settings temporal-auth writes. */',
    `export { gates } from './${tableRef(tables.gates)}';`,
    '',
  ];
  return {
    path: `${PROFILES_DIR}/v${id}.generated.ts`,
    text: L.join('\n'),
    tables: Object.values(tables).map(({ path, text }) => ({ path, text })),
    summary: `Web UI ${webUiVersion}, ${Object.keys(keys).length} key paths, ${traps.length} traps (${modelled} modelled), ${gates.length} gates`,
  };
}

// ---------------------------------------------------------------------------------------------
// Command line

function usage(message) {
  console.error(`${message}
usage: node scripts/gen-chart-profile.mjs <chart dir with Chart.yaml, values.yaml, templates/>
       node scripts/gen-chart-profile.mjs --git <helm-charts git dir> --tag temporal-X.Y.Z [--tag ...] [--check]
       (--check without --tag checks every committed profile; it needs --git: the chart sources are not shipped)`);
  process.exit(2);
}

function parseArgs(argv) {
  const args = { tags: [], check: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (name) => (a === name ? argv[++i] : a.slice(name.length + 1));
    if (a === '--check') args.check = true;
    else if (a === '--git' || a.startsWith('--git=')) args.git = value('--git');
    else if (a === '--tag' || a.startsWith('--tag=')) args.tags.push(value('--tag'));
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (args.dir === undefined) args.dir = a;
    else usage(`unexpected argument ${a}`);
  }
  if (args.dir && (args.git || args.tags.length)) usage('give a chart folder or --git/--tag, not both');
  if (args.tags.length && !args.git) usage('--tag needs --git');
  if (args.check && !args.git) usage('--check needs --git <helm-charts git dir>: the committed profiles cite a tag and commit, which only that history reproduces');
  if (!args.dir && !args.git) usage('missing the chart folder or --git');
  return args;
}

const PROFILE_FILE = /^v(\d+)_(\d+)_(\d+)\.generated\.ts$/;

/** The chart versions of the profiles among a folder's file names, oldest first. */
function profileVersions(fileNames) {
  return fileNames
    .map((f) => PROFILE_FILE.exec(f))
    .filter(Boolean)
    .map((m) => [m[1], m[2], m[3]].map(Number))
    .sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
}

async function committedTags() {
  return profileVersions(await readdir(PROFILES_DIR)).map((v) => `temporal-${v.join('.')}`);
}

export const PROFILES_INDEX = `${PROFILES_DIR}/index.generated.ts`;

/**
 * src/charts/profiles/index.generated.ts: every profile in the folder, oldest chart first, so a
 * new profile is supported by being generated. A static import list rather than reading the
 * folder at run time: the CLI is one bundle, and the library's ES modules are bundled too.
 */
export function profilesIndexText(fileNames) {
  const ids = profileVersions(fileNames).map((v) => `v${v.join('_')}`);
  return [
    '// Generated by scripts/gen-chart-profile.mjs: every chart profile in this folder, oldest chart first. Do not edit.',
    '// src/charts/index.ts serves them: they are the supported chart versions wherever code, lint messages or the README list those.',
    "import type { GeneratedProfileModule } from '../profile.js';",
    ...ids.map((id) => `import * as ${id} from './${id}.generated.js';`),
    '',
    `export const GENERATED_PROFILES: readonly GeneratedProfileModule[] = [${ids.join(', ')}];`,
    '',
  ].join('\n');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const inputs = [];
  if (args.dir) inputs.push(await readChartFolder(args.dir));
  else for (const tag of args.tags.length ? args.tags : await committedTags()) inputs.push(readChartAtTag(args.git, tag));
  const stale = [];
  for (const input of inputs) {
    const { path, text, summary, tables } = generate(input);
    const where = relative(root, path);
    if (args.check) {
      const differ = [];
      for (const f of [{ path, text }, ...tables]) if ((await readFile(f.path, 'utf8').catch(() => '')) !== f.text) differ.push(relative(root, f.path));
      if (differ.length) stale.push({ where: differ.join(', '), tag: input.source.tag });
      else console.error(`${where} is up to date (${summary})`);
    } else {
      await mkdir(TABLES_DIR, { recursive: true });
      for (const t of tables) await writeFile(t.path, t.text);
      await writeFile(path, text);
      console.error(`wrote ${where} (${summary})`);
    }
  }
  // A table no profile imports any more: removed (stale under --check).
  const used = await referencedTables();
  const orphans = (await readdir(TABLES_DIR).catch(() => [])).filter((f) => !used.has(f));
  if (args.check) {
    if (orphans.length) stale.push({ where: orphans.map((f) => `${relative(root, TABLES_DIR)}/${f} (imported by no profile)`).join(', ') });
  } else
    for (const f of orphans) {
      await rm(join(TABLES_DIR, f));
      console.error(`removed ${relative(root, TABLES_DIR)}/${f} (imported by no profile)`);
    }
  // The index lists the profiles on disk (after this run's writes), so it follows every run.
  const index = profilesIndexText(await readdir(PROFILES_DIR));
  const indexWhere = relative(root, PROFILES_INDEX);
  if (args.check) {
    if ((await readFile(PROFILES_INDEX, 'utf8').catch(() => '')) !== index) stale.push({ where: indexWhere });
    else console.error(`${indexWhere} is up to date`);
  } else {
    await writeFile(PROFILES_INDEX, index);
    console.error(`wrote ${indexWhere}`);
  }
  if (stale.length) {
    const tags = stale.filter((s) => s.tag).map((s) => ` --tag ${s.tag}`);
    console.error(
      `stale: ${stale.map((s) => s.where).join(', ')}\nrun \`node scripts/gen-chart-profile.mjs --git <helm-charts git dir>${tags.length ? tags.join('') : ' --tag <any committed tag>'}\``,
    );
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    if (!(err instanceof ChartDeriveError)) console.error(err);
    else console.error(`gen-chart-profile: ${err.message}${err.kind === 'shape' ? ". The chart's template changed shape: update src/charts/derive/ after reading it." : ''}`);
    process.exit(1);
  });
}
