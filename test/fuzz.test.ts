import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { chartProfile, SUPPORTED_CHART_VERSIONS } from '../src/charts/index.js';
import { renderOutputs } from '../src/emit/index.js';
import { validateSpecText } from '../src/input/validate.js';
import { buildModel } from '../src/model/model.js';
import { compilePolicy } from '../src/policy/compile.js';
import { uiConfigValueProblem } from '../src/util/ui-config-value.js';
import { runCli, tempDir, writeSpec } from './helpers.js';

/**
 * Property-based tests: generated specs, valid and broken in every way a
 * hand-edited file can be. Validate and render must never throw, every
 * failure must be a located finding, and valid specs must render to YAML that
 * parses back to what went in. FUZZ_RUNS scales the case count (npm run fuzz).
 */
const SCALE = Number(process.env.FUZZ_RUNS ?? 1000) / 2000;
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const timeout = Math.max(15_000, 15_000 * SCALE);

const dnsLabel = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/);
const nsName = fc.oneof(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,30}$/), fc.constantFrom('constructor', 'toString', 'hasOwnProperty', 'default'));
// Group names are free text in every identity provider: anything goes.
const group = fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), fc.constantFrom('{{ .Env.X }}', 'a\nb', '---', '# c', '"q"', '__proto__', 'constructor', 'e\u0301', '🙂', 'x: y'));
const role = fc.constantFrom('read', 'write', 'admin');
const grant = fc.record({ group, role });

const validSpec = fc
  .record({
    chart: fc.constantFrom(...SUPPORTED_CHART_VERSIONS),
    release: dnsLabel,
    builtin: fc.boolean(),
    namespaces: fc.dictionary(nsName, fc.array(grant, { maxLength: 6 }), { minKeys: 1, maxKeys: 6 }),
    system: fc.array(grant, { maxLength: 3 }),
    // Labels the Web UI can paste into its YAML config (others are refused: rule web-ui-value).
    label: fc.option(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((l) => uiConfigValueProblem(l) === undefined),
      { nil: undefined },
    ),
    scopes: fc.option(fc.uniqueArray(fc.stringMatching(/^[a-z_:]{1,12}$/), { minLength: 1, maxLength: 4 }), { nil: undefined }),
    workerRoles: fc.array(role, { maxLength: 3 }),
  })
  .map((g) => {
    const namespaces = Object.fromEntries(Object.entries(g.namespaces).map(([n, grants]) => [n, { grants }]));
    const nsNames = Object.keys(namespaces);
    return {
      apiVersion: 'temporal-auth/v1',
      kind: 'AuthSpec',
      chart: { version: g.chart },
      release: { name: g.release, namespace: g.release },
      server: g.builtin ? { authorization: { mode: 'builtin' } } : { image: { repository: 'ghcr.io/acme/temporal-auth', tag: '1.31.2-auth.1' } },
      issuer: g.builtin ? { url: 'https://sso.example.com/realms/r', provider: 'keycloak' } : { url: 'https://auth.example.com', provider: 'generic' },
      clients: {
        web: {
          clientId: 'ui',
          clientSecret: { fromEnv: 'FUZZ_SECRET' },
          callbackUrl: 'https://temporal.example.com/auth/sso/callback',
          ...(g.label !== undefined ? { label: g.label } : {}),
          ...(g.scopes !== undefined ? { scopes: g.scopes } : {}),
        },
        workers: g.workerRoles.map((r, i) => ({ name: `w-${i}`, clientId: `client-${i}`, grants: { [nsNames[i % nsNames.length]!]: r } })),
      },
      namespaces,
      system: { grants: g.system },
    };
  });

type Json = Record<string, unknown>;

/** Every path to a value inside a spec, for mutations to pick from. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function setAt(root: Json, path: (string | number)[], value: unknown, remove = false): Json {
  const copy = structuredClone(root);
  if (path.length === 0) return (remove ? {} : value) as Json;
  let node: any = copy;
  for (const segment of path.slice(0, -1)) node = node[segment];
  const last = path[path.length - 1]!;
  if (remove) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

const deep = (depth: number): unknown => (depth === 0 ? 'bottom' : { nest: deep(depth - 1) });

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: fc.oneof(fc.anything({ maxDepth: 3 }), fc.constantFrom(null, 0, -1, true, [], {}, '', 'x'.repeat(100_000), deep(120))) }),
  fc.record({ kind: fc.constant('unknownKey' as const), pick: fc.nat(), key: fc.oneof(fc.string({ minLength: 1, maxLength: 10 }), fc.constantFrom('__proto__', 'constructor', 'ünïcode')) }),
);

/** A spec as YAML text, broken by one mutation, or by text-level damage (duplicate keys, truncation, tabs). */
const brokenSpecText = fc.tuple(validSpec, mutation, fc.constantFrom('none', 'duplicate', 'truncate', 'tab', 'bom'), fc.nat()).map(([spec, m, damage, cut]) => {
  const all = paths(spec);
  const path = all[m.pick % all.length]!;
  let mutated: unknown = spec;
  if (m.kind === 'delete') mutated = setAt(spec, path, undefined, true);
  else if (m.kind === 'replace') mutated = setAt(spec, path, m.value);
  else {
    const target = paths(spec).filter((p) => {
      let node: any = spec;
      for (const s of p) node = node?.[s];
      return node && typeof node === 'object' && !Array.isArray(node);
    });
    const at = target[m.pick % target.length]!;
    let node: any = structuredClone(spec);
    const root = node;
    for (const s of at) node = node[s];
    Object.defineProperty(node, m.key, { value: 'surprise', enumerable: true, configurable: true, writable: true });
    mutated = root;
  }
  // stringify gives undefined for an undefined document: an empty file, which must be handled too.
  let text = stringify(mutated, { aliasDuplicateObjects: false }) ?? '';
  if (damage === 'duplicate') text = `${text}kind: AuthSpec\n`;
  if (damage === 'truncate') text = text.slice(0, cut % (text.length + 1));
  if (damage === 'tab') text = text.replace(/\n {2}/, '\n\t');
  if (damage === 'bom') text = `\uFEFF${text}`;
  return text;
});

function expectLocated(findings: { file: string; line: number; col: number; rule: string; message: string }[]) {
  for (const f of findings) {
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.col).toBeGreaterThanOrEqual(1);
    expect(f.rule).toMatch(/^[a-z0-9-]+$/);
    expect(f.message.length).toBeGreaterThan(0);
  }
}

describe('generated specs (fast-check)', () => {
  it(
    'valid specs validate without errors and render to YAML that round-trips',
    async () => {
      await fc.assert(
        fc.asyncProperty(validSpec, async (spec) => {
          const checked = await validateSpecText('spec.yaml', stringify(spec));
          expect(checked.findings.filter((f) => f.severity === 'error')).toEqual([]);
          const model = buildModel(checked.spec!, chartProfile(spec.chart.version)!);
          const values = new Map([
            ['issuer_url', spec.issuer.url],
            ['client_id', 'ui'],
            ['client_secret', 's3cret'],
          ] as const);
          const a = renderOutputs(model, { secretValues: values as never });
          const b = renderOutputs(model, { secretValues: values as never });
          expect(a.files).toEqual(b.files);
          for (const file of a.files) {
            const docs = parseAllDocuments(file.content);
            expect(docs).toHaveLength(1);
            expect(docs[0]!.errors).toEqual([]);
          }
          const groups = new Set([...Object.values(spec.namespaces).flatMap((n) => n.grants.map((g) => g.group)), ...spec.system.grants.map((g) => g.group)]);
          expect(Object.keys(compilePolicy(model).groups).sort()).toEqual([...groups].sort());
        }),
        { numRuns: runs(600) },
      );
    },
    timeout,
  );

  it(
    'broken specs never throw: every problem is a located finding',
    async () => {
      await fc.assert(
        fc.asyncProperty(brokenSpecText, async (text) => {
          const checked = await validateSpecText('spec.yaml', text);
          expectLocated(checked.findings);
          if (checked.spec && checked.chart) {
            // Still valid after the mutation: it must render.
            renderOutputs(buildModel(checked.spec, checked.chart));
          } else {
            expect(checked.findings.some((f) => f.severity === 'error')).toBe(true);
          }
        }),
        { numRuns: runs(1200) },
      );
    },
    timeout,
  );

  it(
    'through the CLI: exit 0 or 1, one located line per problem, never an internal error',
    async () => {
      const dir = tempDir();
      let i = 0;
      await fc.assert(
        fc.asyncProperty(brokenSpecText, fc.constantFrom('validate', 'render'), async (text, command) => {
          const file = writeSpec(text, dir, `spec-${i++}.yaml`);
          const run = await runCli(command === 'render' ? ['render', file, '--stdout', '--no-secrets'] : ['validate', file]);
          expect([0, 1]).toContain(run.code);
          const problems = run.stderr
            .split('\n')
            .filter((l) => !/^\S+: (valid|\d+ error)/.test(l))
            .join('\n');
          // Besides the findings (and validate's count), --stdout names each file it leaves out.
          const notes = / is not printed to stdout \([^)]*\); write it with --out$/;
          for (const line of problems.split('\n').filter((l) => l && !notes.test(l))) expect(line).toMatch(/^\S+:\d+:\d+ (error|warning) [a-z0-9-]+ /);
          expect(run.stderr).not.toContain('internal error');
        }),
        { numRuns: runs(200) },
      );
    },
    timeout,
  );
});
