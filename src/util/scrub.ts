/** What a scrubbed secret is replaced with. */
export const REDACTED = '[redacted]';

const b64 = (b: Buffer) => b.toString('base64');

/**
 * The forms a secret can take on its way to an issuer and back in an error
 * message: as is, JSON-escaped, URL-encoded (both `encodeURIComponent` and
 * form encoding), base64 and base64url (with and without padding), and the
 * part of its base64 that does not depend on what precedes it (a secret
 * inside a longer base64 text, such as Basic `id:secret`, at each of the
 * three byte alignments).
 */
function forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const out = new Set<string>([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)]);
  for (const encoded of [...out]) {
    if (/%[0-9A-F]{2}/.test(encoded)) out.add(encoded.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()));
  }
  const std = b64(bytes);
  const url = bytes.toString('base64url');
  out.add(std).add(std.replace(/=+$/, '')).add(url);
  // Inside a longer base64 text: with k bytes before it, the characters that
  // encode only the secret's own bytes start at group boundary ceil(k/3)*4
  // and end before the last, partial group.
  for (let k = 1; k <= 2; k++) {
    const shifted = b64(Buffer.concat([Buffer.alloc(k), bytes]));
    const core = shifted.slice(4, Math.floor((k + bytes.length) / 3) * 4);
    if (core.length >= 8) out.add(core).add(core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  const aligned = std.slice(0, Math.floor(bytes.length / 3) * 4);
  if (aligned.length >= 8) out.add(aligned).add(aligned.replace(/\+/g, '-').replace(/\//g, '_'));
  out.delete('');
  return [...out];
}

/**
 * `text` with every known secret value replaced by `[redacted]`, in every
 * form listed above. Pass the secret and, for HTTP Basic credentials, the
 * `id:secret` pair as sent, so its exact base64 goes too.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  const all = secrets.filter((s) => s.length > 0).flatMap(forms);
  // Longest first, so a form that contains another is replaced whole.
  all.sort((a, b) => b.length - a.length);
  let out = text;
  for (const form of all) out = out.split(form).join(REDACTED);
  return out;
}
