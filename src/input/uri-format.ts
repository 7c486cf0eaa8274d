import { createRequire } from 'node:module';

// The schema's `format: uri`, for the precompiled validator (scripts/gen-validator.mjs). The
// answer is ajv-formats' full `uri` format's, always; that one is a regular expression of some
// 2,000 characters that V8 compiles on first use (~5 ms of every run's start-up). Most URLs in a
// spec are plain http(s) ones that a small expression accepts, and everything it accepts the full
// one does (test/uri-format.test.ts checks both, by construction and on random strings): the full
// one is loaded and run only for the rest.
export const PLAIN_HTTP = /^https?:\/\/[a-z0-9\-._~]+(?::[0-9]*)?(?:\/[a-z0-9\-._~!$&'()*+,;=:@]*)*(?:\?[a-z0-9\-._~!$&'()*+,;=:@/?]*)?(?:#[a-z0-9\-._~!$&'()*+,;=:@/?]*)?$/i;

let full: ((s: string) => boolean) | undefined;
/** ajv-formats' own `uri`, loaded on first use. */
export function fullUri(s: string): boolean {
  full ??= (createRequire(import.meta.url)('ajv-formats/dist/formats') as { fullFormats: { uri: (s: string) => boolean } }).fullFormats.uri;
  return full(s);
}

export function uri(s: string): boolean {
  return PLAIN_HTTP.test(s) || fullUri(s);
}

/** What the generated validator reads its formats from. */
export const formats = { uri };
