import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadYamlFile, locate, parseYamlText } from '../src/input/source.js';
import { validateSpecFile } from '../src/input/validate.js';
import { quickstart, tempDir, writeSpec } from './helpers.js';

function source(text: string) {
  const r = parseYamlText('spec.yaml', text);
  if (!r.ok) throw new Error(JSON.stringify(r.findings));
  return r.source;
}

describe('YAML positions', () => {
  const text = [
    'a:', //                          1
    '  b:', //                        2
    '    - x: 1', //                  3
    '    - { y: 2, z: [p, q] }', //   4
    'flow: { k: { deep: v } }', //    5
  ].join('\n');

  it('locates block values, nested', () => {
    expect(locate(source(text), ['a', 'b', 0, 'x'])).toEqual({ line: 3, col: 10 });
  });

  it('locates flow-style nodes inside block lists', () => {
    expect(locate(source(text), ['a', 'b', 1, 'y'])).toEqual({ line: 4, col: 12 });
    expect(locate(source(text), ['a', 'b', 1, 'z', 1])).toEqual({ line: 4, col: 22 });
    expect(locate(source(text), ['flow', 'k', 'deep'])).toEqual({ line: 5, col: 20 });
  });

  it('accepts list indexes as strings (JSON pointers)', () => {
    expect(locate(source(text), ['a', 'b', '1', 'y'])).toEqual({ line: 4, col: 12 });
  });

  it('points at the key when asked', () => {
    expect(locate(source(text), ['flow', 'k', 'deep'], 'key')).toEqual({ line: 5, col: 14 });
  });

  it('falls back to the deepest existing node for a missing path', () => {
    expect(locate(source(text), ['a', 'b', 1, 'missing'])).toEqual({ line: 4, col: 7 });
  });
});

describe('loading', () => {
  it('malformed YAML is a located error', async () => {
    const r = await loadYamlFile(writeSpec('a: [1, 2\nb: 3\n'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.findings[0]!.rule).toBe('yaml');
      expect(r.findings[0]!.line).toBeGreaterThan(0);
    }
  });

  it('duplicate keys are refused with their position', async () => {
    const r = await loadYamlFile(writeSpec('a: 1\nb: 2\na: 3\n'));
    expect(r.ok || r.findings[0]).toMatchObject({ rule: 'yaml', line: 3, col: 1 });
  });

  it('a file nested thousands of levels deep is one finding, not a crash', async () => {
    const block = Array.from({ length: 1500 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n';
    for (const text of ['['.repeat(20_000) + ']'.repeat(20_000), '{a: '.repeat(20_000) + '1' + '}'.repeat(20_000), block]) {
      const r = await loadYamlFile(writeSpec(text));
      if (r.ok) continue; // a depth the parser manages is fine: the schema has the last word
      expect(r.findings).toHaveLength(1);
      expect(r.findings[0]!.message).not.toMatch(/call stack/);
    }
  });

  it('duplicate keys in flow maps, nested maps, and deep in a 20,000-key map are each found once', async () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `  k${i}: ${i}`);
    keys.push('  k19999: again');
    const r = await loadYamlFile(writeSpec(`big:\n${keys.join('\n')}\nflow: { x: 1, y: 2, x: 3 }\nnested: { inner: { a: 1, a: 2 } }\n1: a\n"1": b\n`));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.findings.map((f) => [f.line, f.message])).toEqual([
      [20_002, 'Map keys must be unique; fix the YAML syntax'],
      [20_003, 'Map keys must be unique; fix the YAML syntax'],
      [20_004, 'Map keys must be unique; fix the YAML syntax'],
    ]);
  });

  it('an empty file, a missing file and a directory each get one finding', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    for (const [file, text] of [
      [writeSpec('', dir, 'empty.yaml'), 'empty'],
      [writeSpec('# only a comment\n', dir, 'comment.yaml'), 'empty'],
      [join(dir, 'nope.yaml'), 'not found'],
      [join(dir, 'sub'), 'directory'],
    ] as const) {
      const r = await loadYamlFile(file);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.findings).toHaveLength(1);
        expect(r.findings[0]!.message).toContain(text);
      }
    }
  });

  it('unknown tags are refused, not executed or silently stringified', async () => {
    const r = await loadYamlFile(writeSpec('a: !!js/function "function(){}"\n'));
    expect(r.ok).toBe(false);
  });

  it('an alias bomb is refused quickly', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++)
      lines.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(',')}]`,
      );
    const started = Date.now();
    const r = await loadYamlFile(writeSpec(lines.join('\n')));
    expect(r.ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('schema findings', () => {
  it('wrong types, unknown keys and missing keys are located', async () => {
    const file = writeSpec(
      [
        'apiVersion: temporal-auth/v1',
        'kind: AuthSpec',
        'chart: { version: 1.6.0, colour: blue }',
        'release: { name: temporal, namespace: 7 }',
        'issuer: { url: https://a.example, provider: okta }',
        'clients: { web: { clientId: x, callbackUrl: https://t.example/auth/sso/callback } }',
        'namespaces: { default: { grants: [ { group: g, role: read } ] } }',
      ].join('\n'),
    );
    const { findings } = await validateSpecFile(file);
    const byRule = findings.map((f) => [f.line, f.col, f.message.split(':')[0]]);
    expect(byRule).toEqual([
      [3, 26, 'chart.colour'],
      [4, 39, 'release.namespace'],
      [6, 17, 'clients.web'],
    ]);
    expect(findings[0]!.message).toContain('unknown key "colour"');
    expect(findings[1]!.message).toContain('must be a string');
    expect(findings[2]!.message).toContain('missing required key "clientSecret"');
  });

  it('an unknown key in a grant, a network peer or a selector lists the keys allowed there', async () => {
    // Grants and network peers are checked by definitions ($defs) the validator inlines, so each
    // error's schema path is the full one: the message quotes the right object's keys.
    const s = quickstart();
    s.namespaces.default.grants[0].colour = 'blue';
    s.system.grants[0].weight = 1;
    s.server = { ...s.server, internalFrontend: { metricsFrom: [{ podSelector: { matchLabels: { a: 'b' } }, shape: 'x' }] } };
    const { findings } = await validateSpecFile(writeSpec(s));
    const unknown = findings.filter((f) => /unknown key/.test(f.message)).map((f) => f.message);
    expect(unknown).toContainEqual(expect.stringMatching(/^namespaces\.default\.grants\.0\.colour: unknown key "colour"; remove it or use one of: group, role$/));
    expect(unknown).toContainEqual(expect.stringMatching(/^system\.grants\.0\.weight: unknown key "weight"; remove it or use one of: group, role$/));
    expect(unknown).toContainEqual(expect.stringMatching(/^server\.internalFrontend\.metricsFrom\.0\.shape: unknown key "shape"; remove it or use one of: namespaceSelector, podSelector$/));
  });

  it('the schema fills in its defaults', async () => {
    const file = writeSpec(
      [
        'apiVersion: temporal-auth/v1',
        'kind: AuthSpec',
        'chart: { version: 1.6.0 }',
        'release: { name: temporal, namespace: temporal }',
        'server: { image: { repository: r, tag: "1.31.2" } }',
        'issuer: { url: https://a.example, provider: okta }',
        'clients: { web: { clientId: x, clientSecret: { fromEnv: S }, callbackUrl: https://t.example/auth/sso/callback } }',
        'namespaces: { default: { grants: [] } }',
        'system: { grants: [ { group: all, role: read } ] }',
      ].join('\n'),
    );
    const { spec } = await validateSpecFile(file);
    expect(spec?.server?.authorization?.mode).toBe('custom');
    expect(spec?.server?.internalFrontend?.enabled).toBe(true);
    expect(spec?.server?.image?.pullPolicy).toBe('IfNotPresent');
    expect(spec?.secrets?.name).toBe('temporal-auth-secrets');
    expect(spec?.issuer.claims?.permissions).toBe('permissions');
    expect(spec?.clients.workers).toEqual([]);
  });
});
