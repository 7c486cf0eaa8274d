import { createHash } from 'node:crypto';

const SECRET_LOOKING = /secret|password|passwd|passphrase|token|private|credential|api[-_]?key/i;
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
 * A copy of `value` safe to print: every scalar (string, number, bigint) at
 * or under a secret-looking key, and the `value` of an env entry whose name
 * looks secret, is redacted. `secret` says an ancestor key already looked
 * secret (`credentials: { user: ..., pass: ... }` hides both).
 */
export function redact(value: unknown, key = '', secret = false): unknown {
  const hidden = secret || isSecretLookingKey(key);
  if (typeof value === 'string') return hidden ? redacted(value) : value;
  if (typeof value === 'number' || typeof value === 'bigint') return hidden ? redacted(String(value)) : value;
  if (Array.isArray(value)) return value.map((v) => redact(v, key, hidden));
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const envName = typeof obj.name === 'string' && 'value' in obj ? obj.name : undefined;
    const secretEnv = envName !== undefined && isSecretLookingKey(envName);
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, redact(v, k, hidden || (k === 'value' && secretEnv))]));
  }
  return value;
}
