import { expect, test } from 'vitest';
import { Document } from 'yaml';
import { toYaml } from '../src/emit/yaml.js';

const ref = (d: unknown, h?: string) => {
  const doc = new Document(d);
  if (h) doc.commentBefore = h;
  return doc.toString({ lineWidth: 0, minContentWidth: 0 });
};
test('toYaml splices large literal blocks byte-identically to the yaml package', () => {
  const big = JSON.stringify(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`g-${i}`, { a: i, b: 'x y' }])), null, 2) + '\n';
  const cases: unknown[] = [
    { a: 1, data: { k: 'v', 'policy.json': big } },
    { data: { 'policy.json': big, other: big } },
    { list: [{ p: big }], m: { 'a b': big, __proto__x: big } },
    { 'key: x': big },
    { k: big.replace('\n', '\n\n') },
    { k: ' ' + big },
    { k: big + '\n' },
    { k: big.slice(0, -1) },
    { k: big.replace('"version"', '"v\u00e9"') },
    { k: big.replace('\n', ' \n') },
    { k: big.replace('{', '#') },
    { k: big.replace('{', '-') },
    { k: big.replace('{', '- ') },
    { k: big.replace('\n', '\n---\n') },
    { k: big.replace('\n', '\n\t') },
    { k: 'temporal-auth-block-placeholder-1', l: big },
    { deep: { er: { est: big } } },
  ];
  const proto = JSON.parse(`{"__proto__": ${JSON.stringify(big)}, "x": 1}`);
  cases.push(proto, { m: proto });
  for (const c of cases) {
    expect(toYaml(c)).toBe(ref(c));
    expect(toYaml(c, ' head')).toBe(ref(c, ' head'));
  }
});
