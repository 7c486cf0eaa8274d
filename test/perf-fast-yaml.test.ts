// The fast reader (src/input/fast-yaml.ts) against the yaml package's reader:
// for every input, the same result (data, or the same findings) and the same
// position for every path, value and key, as locate() reports it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { fastParse } from '../src/input/fast-yaml.js';
import { locate, type Path, parseWithDocument, parseYamlText, type YamlSource } from '../src/input/source.js';

/** Every path in data, and for each map a key that is not there. */
function paths(data: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(data)) {
    data.forEach((v, i) => paths(v, [...prefix, i], out));
    out.push([...prefix, data.length], [...prefix, 'x']);
  } else if (data !== null && typeof data === 'object') {
    for (const [k, v] of Object.entries(data)) paths(v, [...prefix, k], out);
    out.push([...prefix, 'no-such-key', 0]);
  }
  return out;
}

function same(text: string): 'fast' | 'fallback' {
  const fast = fastParse(text);
  const a = parseYamlText('f.yaml', text);
  const b = parseWithDocument('f.yaml', text, 'spec');
  expect(a.ok).toBe(b.ok);
  if (!a.ok || !b.ok) {
    expect(a.ok ? [] : a.findings).toEqual(b.ok ? [] : b.findings);
    return fast ? 'fast' : 'fallback';
  }
  expect(a.source.data).toEqual(b.source.data);
  expect(Object.getPrototypeOf(a.source.data)).toBe(Object.getPrototypeOf(b.source.data));
  for (const p of paths(b.source.data)) {
    for (const at of ['value', 'key'] as const) expect([p, at, locate(a.source as YamlSource, p, at)]).toEqual([p, at, locate(b.source, p, at)]);
  }
  return fast ? 'fast' : 'fallback';
}

const tricky = [
  '1.6',
  '1.60',
  '1.0',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'Yes',
  'True',
  'TRUE',
  'true',
  'false',
  'FALSE',
  'fAlse',
  '0o7',
  '0o8',
  '07',
  '0x1F',
  '0X1F',
  '0b101',
  '1_000',
  '+1',
  '-1',
  '-0',
  '+.5',
  '.5',
  '5.',
  '1e3',
  '1E-3',
  '1.5e+3',
  'e3',
  '~',
  'null',
  'Null',
  'NULL',
  'nUll',
  '',
  ' ',
  '.inf',
  '-.Inf',
  '+.INF',
  '.nan',
  '.NaN',
  'nan',
  'inf',
  '2001-12-14',
  '2001-12-14t21:59:43.10-05:00',
  '12:30:00',
  '1:20',
  '0:0:1',
  '<<',
  '=',
  '__proto__',
  'constructor',
  'toString',
  "it's",
  'say "hi"',
  'a: b',
  'a:b',
  '- x',
  '-x',
  '#c',
  'a #c',
  'a#c',
  '[x]',
  '{x: 1}',
  '&a',
  '*a',
  '!tag',
  '|',
  '>',
  '%x',
  '@x',
  '`x`',
  'back\\slash',
  'tab\there',
  'line\nbreak',
  'é ü ∂ 😀',
  'http://x:80/y',
  ' lead',
  'trail ',
  '---',
  '...',
  '? x',
  ',',
  'x,y',
  '"',
  "'",
];

const key = fc.oneof(fc.constantFrom(...tricky), fc.stringMatching(/^[a-z][a-z0-9_.-]{0,8}$/), fc.string({ maxLength: 6 }));
const scalar = fc.oneof(fc.constantFrom(...tricky), fc.string({ maxLength: 10 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('node'), { maxLength: 4 }),
  map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
})).node;

const styles = fc.record({
  indent: fc.integer({ min: 1, max: 4 }),
  indentSeq: fc.boolean(),
  flowLevel: fc.constantFrom(undefined, 0, 1, 2),
  defaultStringType: fc.constantFrom('PLAIN' as const, 'QUOTE_DOUBLE' as const, 'QUOTE_SINGLE' as const),
  defaultKeyType: fc.constantFrom(null, 'PLAIN' as const, 'QUOTE_DOUBLE' as const),
});

/** YAML-ish text from pieces: much of it invalid or outside the subset, which must come out the same too. */
const piece = fc.constantFrom(
  'a:',
  'b: 1',
  'a: 2',
  '- ',
  '-',
  '- x',
  '- k: v',
  '  ',
  '    ',
  '# c',
  ' # c',
  'k: [1, 2]',
  'k: {a: 1, b: [x]}',
  'k: {a: 1, a: 2}',
  '"q": x',
  "'q': y",
  'k: "a\\tb"',
  'k: "\\u00e9"',
  "k: 'it''s'",
  'k: v #c',
  'k: v#c',
  'k: a: b',
  '---',
  '...',
  'k: &a x',
  'k: *a',
  'k: !!str 1',
  'k: |',
  'k: >',
  '? k',
  '~: n',
  '1: a',
  '"1": b',
  '1.0: c',
  'null: d',
  'k:  ',
  'k: [',
  'k: ]',
  'k: {a: }',
  'k: [a, ]',
  'k: -1',
  'k: - 1',
  '__proto__: {x: 1}',
  '\t',
  'k: 1.6',
  'k: yes',
);
const rawText = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.array(piece, { minLength: 1, maxLength: 3 })), { maxLength: 12 })
  .map((lines) => lines.map(([i, ps]) => ' '.repeat(i) + ps.join(' ')).join('\n'));

describe('the fast YAML reader matches the yaml package', () => {
  it('on the examples (read by the fast reader)', () => {
    const dir = join(import.meta.dirname, '..', 'examples');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) expect([f, same(readFileSync(join(dir, f), 'utf8'))]).toEqual([f, 'fast']);
  });

  it('on hand-picked documents', () => {
    const docs = [
      'a:\n  b:\n    - x: 1\n    - { y: 2, z: [p, q] }\nflow: { k: { deep: v } }',
      '---\na: 1\n',
      '# c\n\n---   # c\na:\n- 1\n-\n- - 2\n  - 3\n- k: v\n  l:\n  m: ~\nb:   # c\n\nc: x\n',
      'a: 1\nb: 2\na: 3\n',
      'x: {a: 1, a: 2}\nx: [ {b: 1, b: 1} ]\n',
      '1: a\n"1": b\n1.0: c\n~: d\nnull: e\ntrue: f\n',
      // Keys of several types whose strings collide, strings first and last: duplicates are equal values only.
      '"1": a\n1: b\n"1": c\n1: d\n',
      '"true": a\ntrue: b\n"true": c\n',
      '"": a\n~: b\nnull: c\n"": d\nx: e\n',
      'm: {"1": a, 1: b, "1": c}\n',
      'a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\nh: 8\ni: 9\nj: 10\nk: 11\nl: 12\nm: 13\nn: 14\no: 15\np: 16\nq: 17\nr: 18\nc: 19\n',
      'team-1: read\nteam-1x: read\nteam-1: write\nread: team-1\n',
      // Deeper than the positions first recorded for a short path: every path is located (shallow
      // first, then deeper, so the positions are read again to a greater depth, more than once).
      `deep:\n  - ${'- '.repeat(30)}leaf\n  - x\nafter: 1\n`,
      `${Array.from({ length: 14 }, (_, i) => `${'  '.repeat(i)}k${i}:\n`).join('')}${'  '.repeat(14)}- [a, {b: [c, {d: e}]}]\n${'  '.repeat(14)}- f\ntop: 2\n`,
      '  a: 1\n  b: 2\n',
      '- a\n- b\n',
      'hello',
      '"hello"',
      '~',
      '',
      '# only\n',
      'a: 1\n  b: 2\n',
      'a: b: c\n',
      'a:\n  b\n  c\n',
      '__proto__: { polluted: true }\nconstructor: x\n',
      'k: "\\x41\\u00e9\\/\\"\\\\"\n',
      "k: 'a''b'\n",
      `k${'x'.repeat(1100)}: 1\n`,
      'a: 1\n---\nb: 2\n',
      'a:\n- x\nb: 1\n',
      'a:\n  - x\n  b: 1\n',
    ];
    for (const d of docs) same(d);
    // The two deep ones are read by the fast reader (so its positions are what was compared).
    for (const d of docs.filter((x) => x.startsWith('deep:') || x.startsWith('k0:'))) expect(fastParse(d)?.kind).toBe('ok');
  });

  it('on generated data in many styles', () => {
    let fast = 0;
    fc.assert(
      fc.property(value, styles, (v, opts) => {
        let text: string;
        try {
          text = stringify(v, { ...opts, lineWidth: 0 });
        } catch {
          return;
        }
        if (same(text) === 'fast') fast++;
      }),
      { numRuns: Number(process.env.FAST_YAML_RUNS ?? 300), seed: process.env.FAST_YAML_RUNS ? undefined : 1 },
    );
    expect(fast).toBeGreaterThan(50);
  });

  it('on generated YAML-ish text', () => {
    let fast = 0;
    fc.assert(
      fc.property(rawText, (text) => void (same(text) === 'fast' && fast++)),
      { numRuns: Number(process.env.FAST_YAML_RUNS ?? 400), seed: process.env.FAST_YAML_RUNS ? undefined : 2 },
    );
    expect(fast).toBeGreaterThan(40);
  });
});
