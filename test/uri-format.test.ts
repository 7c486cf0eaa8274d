// The schema's uri format (src/input/uri-format.ts) answers as ajv-formats' full `uri` does: its
// fast expression accepts nothing the full one refuses.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { PLAIN_HTTP, uri } from '../src/input/uri-format.js';
import { EXAMPLES, examplePath } from './helpers.js';

const ajvUri = (createRequire(import.meta.url)('ajv-formats/dist/formats') as { fullFormats: { uri: (s: string) => boolean } }).fullFormats.uri;

const pick = (chars: string) => fc.constantFrom(...chars.split(''));
// A part made of its valid characters, or (one time in four) of those and characters on both
// sides of every class's edge, so that both expressions see near misses.
const EDGE = 'aZz09-._~!$&\'()*+,;=:@/?#%[]{}|\\^` "<>\u00e9\u017f\u212a\n';
const part = (valid: string, max = 12) =>
  fc.oneof({ weight: 3, arbitrary: fc.array(pick(valid), { maxLength: max }) }, { weight: 1, arbitrary: fc.array(pick(valid + EDGE), { maxLength: max }) }).map((a) => a.join(''));
const urlish = fc
  .tuple(
    fc.constantFrom('http', 'https', 'HTTP', 'hTTps', 'ftp', 'h', 'http:', ''),
    fc.constantFrom('://', '://', '://', ':/', ':', '//', ''),
    part('abcXYZ019-._~'),
    fc.option(
      part('0123456789', 6).map((p) => `:${p}`),
      { nil: '' },
    ),
    fc
      .array(
        part("az09-._~!$&'()*+,;=:@").map((p) => `/${p}`),
        { maxLength: 4 },
      )
      .map((a) => a.join('')),
    fc.option(
      part('az09=&/?:@').map((p) => `?${p}`),
      { nil: '' },
    ),
    fc.option(
      part('az09/?:@').map((p) => `#${p}`),
      { nil: '' },
    ),
  )
  .map((parts) => parts.join(''));

it('accepts exactly what ajv-formats accepts; its fast expression only what ajv-formats does', () => {
  let fast = 0;
  fc.assert(
    fc.property(fc.oneof({ weight: 6, arbitrary: urlish }, fc.string(), fc.string({ unit: 'grapheme' })), (s) => {
      if (PLAIN_HTTP.test(s)) {
        fast++;
        expect(ajvUri(s), s).toBe(true);
      }
      expect(uri(s), s).toBe(ajvUri(s));
    }),
    // A fixed seed, as the fast reader's differential test: URI_FORMAT_RUNS=N runs N random cases.
    { numRuns: Number(process.env.URI_FORMAT_RUNS ?? 20_000), seed: process.env.URI_FORMAT_RUNS ? undefined : 3 },
  );
  expect(fast).toBeGreaterThan(500); // the generator does reach the fast path (about one case in twenty)
});

it('takes the fast path for the URLs in the examples, and gives the full answer for others', () => {
  const urls = EXAMPLES.flatMap((name) => [...readFileSync(examplePath(name), 'utf8').matchAll(/https?:\/\/[^\s'",}\]]+/g)].map((m) => m[0]));
  expect(urls.length).toBeGreaterThan(5);
  for (const u of urls) expect(PLAIN_HTTP.test(u), u).toBe(true);
  for (const s of ['urn:isbn:0451450523', 'https://[::1]:8443/x', 'https://user@host/p', 'https://h/%2F', 'mailto:a@b.c', 'https://exa mple.com', 'https://h/\u00e9', 'no scheme/', '']) {
    expect(uri(s), s).toBe(ajvUri(s));
  }
});

it("ucs2length (minLength, maxLength) counts as ajv's own helper does", async () => {
  const { ucs2length } = await import('../src/input/ucs2length.js');
  const ajvLength = (createRequire(import.meta.url)('ajv/dist/runtime/ucs2length') as { default: (s: string) => number }).default;
  const surrogates = fc.array(fc.constantFrom('a', 'é', '😀', '\ud83d', '\ude00', '\udbff\udfff', ''), { maxLength: 8 }).map((a) => a.join(''));
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), surrogates), (s) => {
      expect(ucs2length(s), JSON.stringify(s)).toBe(ajvLength(s));
    }),
    { numRuns: 5_000, seed: 4 },
  );
});
