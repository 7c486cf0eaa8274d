// What must never reach output: secret values (redacted by key in diff
// reports, scrubbed by value from issuer errors) and terminal controls from
// text the outside world chose (escaped by printable). Each case names the
// form a leak would take.
import { describe, expect, it } from 'vitest';
import { isSecretLookingKey, redact } from '../src/diff/redact.js';
import { printable, printableJson } from '../src/util/printable.js';
import { REDACTED, scrubSecrets } from '../src/util/scrub.js';

const HIDDEN = /^<redacted \d+ chars sha256:[0-9a-f]{8}>$/;

describe('redact: by key', () => {
  it('secret-looking keys, in any case and spelling the list has; references to secrets are names, not values', () => {
    for (const key of ['clientSecret', 'PASSWORD', 'db_passwd', 'passphrase', 'accessToken', 'refreshToken', 'privateKey', 'credentials', 'apiKey', 'api-key', 'API_KEY']) {
      expect(isSecretLookingKey(key), key).toBe(true);
      expect(redact('canary', key), key).toMatch(HIDDEN);
    }
    for (const key of ['secretKeyRef', 'existingSecret', 'secretName', 'tokenSecretRef', 'replicas', 'image']) {
      expect(isSecretLookingKey(key), key).toBe(false);
      expect(redact('plain', key), key).toBe('plain');
    }
  });

  it('under a secret-looking key every scalar is hidden, nested ones and numbers too', () => {
    expect(redact({ user: 'canary-user', pass: 'canary-pass', port: 5432, nested: { deep: 'canary-deep' } }, 'credentials')).toEqual({
      user: expect.stringMatching(HIDDEN),
      pass: expect.stringMatching(HIDDEN),
      port: expect.stringMatching(HIDDEN),
      nested: { deep: expect.stringMatching(HIDDEN) },
    });
    expect(redact([1, 'b'], 'tokens')).toEqual([expect.stringMatching(HIDDEN), expect.stringMatching(HIDDEN)]);
    expect(redact(12n, 'secret')).toMatch(HIDDEN);
    expect(redact(true, 'secret')).toBe(true); // not a value anyone could use
  });

  it('an env entry whose name looks secret hides its value', () => {
    expect(
      redact({
        env: [
          { name: 'OIDC_CLIENT_SECRET', value: 'canary' },
          { name: 'LOG', value: 'info' },
        ],
      }),
    ).toEqual({
      env: [
        { name: 'OIDC_CLIENT_SECRET', value: expect.stringMatching(HIDDEN) },
        { name: 'LOG', value: 'info' },
      ],
    });
  });

  it('the redacted form says only the length and a short hash', () => {
    const r = redact('canary-secret-value', 'password') as string;
    expect(r).toMatch(/^<redacted 19 chars sha256:[0-9a-f]{8}>$/);
    expect(r).not.toContain('canary');
  });
});

describe('printable: terminal controls escaped', () => {
  it.each([
    ['ESC', '\u001b[2J'],
    ['CR', 'a\rb'],
    ['LF', 'a\nb'],
    ['DEL', 'a\u007fb'],
    ['C1 CSI', 'a\u009b2Jb'],
    ['C1 NEL', 'a\u0085b'],
    ['line separator', 'a\u2028b'],
    ['paragraph separator', 'a\u2029b'],
    ['RLO (Trojan Source)', 'a\u202eb'],
    ['LRE', 'a\u202ab'],
    ['RLI', 'a\u2067b'],
    ['PDI', 'a\u2069b'],
    ['zero-width space (payroll vs payroll\u200b)', 'payroll\u200b'],
    ['zero-width joiner', 'a\u200db'],
    ['byte order mark', '\ufeffpayroll'],
    ['soft hyphen', 'pay\u00adroll'],
    ['tag character (astral)', 'a\u{e0041}b'],
  ])('%s', (_name, text) => {
    const out = printable(text);
    expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/u);
    expect(out).toMatch(/\\u[0-9a-f]{4}/);
    expect(printable(out)).toBe(out); // idempotent
  });

  it('ordinary Unicode stays as it is', () => {
    expect(printable('café — 名前 ✓ \u00a0')).toBe('café — 名前 ✓ \u00a0');
  });

  it('an astral format character is escaped as its surrogate pair, as JSON writes it', () => {
    expect(printable('a\u{e0041}b')).toBe('a\\udb40\\udc41b');
  });

  it('printableJson: what JSON.stringify leaves raw (DEL, C1, separators, format characters) is escaped, and the JSON means the same', () => {
    const value = { s: 'a\u007f\u009b\u2028\u202e\u2066\u200b\ufeff\u{e0041}b' };
    const out = printableJson(JSON.stringify(value));
    expect(out).not.toMatch(/[\u007f-\u009f\u2028\u2029\p{Cf}]/u);
    expect(JSON.parse(out)).toEqual(value);
  });
});

describe('scrubSecrets: every form a secret can be echoed in', () => {
  const SECRET = 'c4n"ary/s3cr\\et+?é';
  const echoed = (form: string) => `the issuer said: invalid_client (${form}) for client x`;
  const cases: [string, string][] = [
    ['as is', SECRET],
    ['JSON-escaped', JSON.stringify(SECRET).slice(1, -1)],
    ['URL-encoded', encodeURIComponent(SECRET)],
    ['URL-encoded, lower-case hex', encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())],
    ['form-encoded', new URLSearchParams({ s: SECRET }).toString().slice(2)],
    ['base64', Buffer.from(SECRET).toString('base64')],
    ['base64 without padding', Buffer.from(SECRET).toString('base64').replace(/=+$/, '')],
    ['base64url', Buffer.from(SECRET).toString('base64url')],
  ];
  it.each(cases)('%s', (_name, form) => {
    // Whole: no tail of the form (a partial base64 group, say) is left beside the mark.
    expect(scrubSecrets(echoed(form), [SECRET])).toBe(echoed(REDACTED));
  });

  it('inside a longer base64 text (HTTP Basic id:secret), at each byte alignment', () => {
    const secret = 'canary-secret-for-basic-auth';
    for (const id of ['c', 'cl', 'cli', 'client', 'client-1', 'client-12']) {
      for (const enc of ['base64', 'base64url'] as const) {
        const header = Buffer.from(`${id}:${secret}`).toString(enc);
        const out = scrubSecrets(`Authorization: Basic ${header}`, [secret]);
        // What is left of the header cannot be decoded back to the secret.
        const left = out.replace('Authorization: Basic ', '');
        expect(left, `${id} ${enc}`).toContain(REDACTED);
        for (const part of left.split(REDACTED)) expect(Buffer.from(part, enc).toString('latin1'), `${id} ${enc}`).not.toContain(secret.slice(4, 16));
      }
    }
  });

  it('the longest form wins, so no part of a longer one is left', () => {
    const secret = 'abc+def/ghi=';
    const out = scrubSecrets(`x ${encodeURIComponent(secret)} y ${secret} z`, [secret]);
    expect(out).toBe(`x ${REDACTED} y ${REDACTED} z`);
  });

  it('an empty secret scrubs nothing', () => expect(scrubSecrets('text', [''])).toBe('text'));
});
