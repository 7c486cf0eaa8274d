import { createHash } from 'node:crypto';
export interface SecretKeyCheck {
  key: string;
  /** matches / differs: compared by hash; missing: not in the live Secret; unchecked: no local value. */
  state: 'matches' | 'differs' | 'missing' | 'unchecked';
  /** Why a key was not checked (names the env var or file, never a value). */
  note?: string;
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/**
 * Compares the live Secret's keys with the values temporal-auth would write,
 * by hash only, so no value is ever held in a message.
 */
export function checkSecretKeys(keys: readonly string[], live: ReadonlyMap<string, Buffer>, local: ReadonlyMap<string, { value: string } | { unavailable: string }>): SecretKeyCheck[] {
  return keys.map((key) => {
    const liveValue = live.get(key);
    if (liveValue === undefined) return { key, state: 'missing' };
    const want = local.get(key);
    if (!want || 'unavailable' in want) return { key, state: 'unchecked', note: want && 'unavailable' in want ? want.unavailable : undefined };
    return { key, state: sha256(liveValue) === sha256(Buffer.from(want.value, 'utf8')) ? 'matches' : 'differs' };
  });
}
