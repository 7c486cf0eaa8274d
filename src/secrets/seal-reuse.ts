import { createHash, createHmac, type KeyObject } from 'node:crypto';
import { parseAllDocuments } from 'yaml';
import { sealValue } from './seal.js';

/**
 * A SealedSecret keeps its ciphertext while its value does not change, as `kubeseal
 * --merge-into` leaves the keys it is not given: otherwise every render re-encrypts (fresh
 * session keys) and every CI run makes a GitOps commit. Whether a value changed is told
 * without keeping it: the SealedSecret carries, per key, an HMAC keyed by secrets.rolloutKey
 * (the key already used for the pods' checksums) over the value, the key's name, the
 * controller's public key and the sealing label. Without a rollout key there is no secret to
 * key the HMAC (a plain hash of a low-entropy secret would let anyone holding the file guess
 * it), and every render seals afresh, as before.
 */
export const SEALED_DIGESTS_ANNOTATION = 'temporal-auth.io/sealed-digests';

interface Sealed {
  encryptedData: Record<string, string>;
  digests: Record<string, string>;
}

/** What an earlier render sealed, by `namespace/name`. */
export type PreviousSealed = ReadonlyMap<string, Sealed>;

const isStringRecord = (v: unknown): v is Record<string, string> => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

/**
 * The SealedSecrets in an earlier render's files (our own output, still read as hostile: the
 * caller bounds the size; anything not shaped as we write it is ignored, and its values sealed
 * afresh). A ciphertext is only ever reused under a digest this render recomputes.
 */
export function readPreviousSealed(texts: readonly string[]): PreviousSealed {
  const out = new Map<string, Sealed>();
  for (const text of texts) {
    let docs: unknown[];
    try {
      docs = parseAllDocuments(text).flatMap((d) => (d.errors.length ? [] : [d.toJS({ maxAliasCount: 0 })]));
    } catch {
      continue;
    }
    for (const doc of docs) {
      const d = doc as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown; annotations?: unknown }; spec?: { encryptedData?: unknown } };
      if (d?.apiVersion !== 'bitnami.com/v1alpha1' || d.kind !== 'SealedSecret') continue;
      const { name, namespace, annotations } = d.metadata ?? {};
      const encryptedData = d.spec?.encryptedData;
      if (typeof name !== 'string' || typeof namespace !== 'string' || !isStringRecord(encryptedData) || !isStringRecord(annotations)) continue;
      const raw = annotations[SEALED_DIGESTS_ANNOTATION];
      if (raw === undefined) continue;
      let digests: unknown;
      try {
        digests = JSON.parse(raw);
      } catch {
        continue;
      }
      if (isStringRecord(digests)) out.set(`${namespace}/${name}`, { encryptedData, digests });
    }
  }
  return out;
}

export interface SealedValues {
  encryptedData: Record<string, string>;
  /** The annotations to add to the SealedSecret (none without a rollout key). */
  annotations: Record<string, string>;
}

/**
 * Seals one Secret's values for `namespace/name` under `label`, reusing an earlier render's
 * ciphertext for each value whose digest is unchanged.
 */
export function sealValues(
  key: KeyObject,
  label: Buffer,
  target: { namespace: string; name: string },
  values: Iterable<readonly [string, string]>,
  reuse: { rolloutKey?: string; previous?: PreviousSealed },
): SealedValues {
  const previous = reuse.previous?.get(`${target.namespace}/${target.name}`);
  const keyId = createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('base64');
  const encryptedData: Record<string, string> = {};
  const digests: Record<string, string> = {};
  for (const [k, value] of values) {
    const digest =
      reuse.rolloutKey === undefined
        ? undefined
        : createHmac('sha256', reuse.rolloutKey)
            .update(JSON.stringify(['sealed-secret/v1', keyId, label.toString('base64'), k, value]))
            .digest('hex');
    const kept = digest !== undefined && previous?.digests[k] === digest ? previous.encryptedData[k] : undefined;
    encryptedData[k] = kept ?? sealValue(key, label, value);
    if (digest !== undefined) digests[k] = digest;
  }
  return { encryptedData, annotations: reuse.rolloutKey === undefined ? {} : { [SEALED_DIGESTS_ANNOTATION]: JSON.stringify(digests) } };
}
