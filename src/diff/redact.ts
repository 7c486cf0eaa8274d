import { createHash } from 'node:crypto';

const SECRET_LOOKING = /secret|password|passwd|token|private|credential|api[-_]?key/i;
// References to secrets (secretKeyRef, existingSecret, secretName...) name them; they are not secret.
const REFERENCE = /ref$|name$|^existingsecret$/i;

export function isSecretLookingKey(key: string): boolean {
  return SECRET_LOOKING.test(key) && !REFERENCE.test(key);
}

/** Length and a short hash: enough to see that a value changed, not what it is. */
export function redacted(value: string): string {
  const hash = createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 8);
  return `<redacted ${value.length} chars sha256:${hash}>`;
}

/**
 * A copy of `value` safe to print: strings under secret-looking keys, and the
 * `value` of an env entry whose name looks secret, are redacted.
 */
export function redact(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return isSecretLookingKey(key) ? redacted(value) : value;
  if (Array.isArray(value)) return value.map((v) => redact(v, key));
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const envName = typeof obj.name === 'string' && 'value' in obj ? obj.name : undefined;
    return Object.fromEntries(
      Object.entries(obj).map(([k, v]) => [k, k === 'value' && envName && isSecretLookingKey(envName) && typeof v === 'string' ? redacted(v) : redact(v, k)]),
    );
  }
  return value;
}
