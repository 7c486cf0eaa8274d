import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { dateTime } from '../src/audit/date-time-format.js';

const full = (createRequire(import.meta.url)('ajv-formats/dist/formats') as { fullFormats: { 'date-time': { validate: (s: string) => boolean } } }).fullFormats['date-time'].validate;

it("agrees with ajv-formats' date-time (RFC 3339) on the server's times and on broken ones", () => {
  const cases = [
    '2026-12-06T06:00:00Z',
    '2026-12-06T06:00:00.123456789Z',
    '2026-12-06T06:00:00.1Z',
    '2026-12-06t06:00:00z',
    '2026-12-06T06:00:00+01:00',
    '2026-12-06T23:59:60Z',
    '2024-02-29T00:00:00Z',
    '2026-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-12-32T00:00:00Z',
    '2026-12-06T24:00:00Z',
    '2026-12-06T06:60:00Z',
    '2026-12-06T06:00:00',
    '2026-12-06 06:00:00Z',
    '2026-12-06T06:00:00+24:00',
    '2026-12-06T06:00:00.Z',
    '',
    'now',
  ];
  for (const c of cases) expect(dateTime(c), c).toBe(full(c));
});
