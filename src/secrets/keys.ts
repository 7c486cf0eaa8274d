import type { AuthModel } from '../model/model.js';
import type { SecretSource } from '../spec/spec.types.generated.js';
import type { Path } from '../spec/source.js';

/** Keys of the auth Secret. The values file references exactly these. */
export const SECRET_KEYS = {
  issuerUrl: 'issuer_url',
  clientId: 'client_id',
  clientSecret: 'client_secret',
  audience: 'audience',
} as const;

export type SecretKey = (typeof SECRET_KEYS)[keyof typeof SECRET_KEYS];

export interface SecretEntry {
  key: SecretKey;
  /** A value from the spec itself, or a source read at render time. */
  from: { value: string } | SecretSource;
  /** Where the value is declared, for error messages. */
  specPath: Path;
}

/** What goes into the Secret, in key order. */
export function secretEntries(model: AuthModel): SecretEntry[] {
  const entries: SecretEntry[] = [
    { key: SECRET_KEYS.issuerUrl, from: { value: model.issuer.url }, specPath: ['issuer', 'url'] },
    { key: SECRET_KEYS.clientId, from: { value: model.web.clientId }, specPath: ['clients', 'web', 'clientId'] },
    { key: SECRET_KEYS.clientSecret, from: model.web.clientSecret, specPath: ['clients', 'web', 'clientSecret'] },
  ];
  // Only the custom image reads the audience from env; builtin mode puts it in server.config.
  if (model.mode === 'custom' && model.issuer.audience) {
    entries.push({ key: SECRET_KEYS.audience, from: { value: model.issuer.audience }, specPath: ['issuer', 'audience'] });
  }
  return entries;
}

export function secretKeyRef(model: AuthModel, key: SecretKey) {
  return { secretKeyRef: { name: model.secretName, key } };
}

/**
 * Where a Secret key's value comes from under the spec's secret format: a
 * literal the spec itself holds, a property of the external store (the
 * external-secret format: every value the spec does not hold, and literals
 * the spec maps to a store property), or a source read at render time.
 */
export type KeyOrigin =
  | { kind: 'literal'; value: string }
  | { kind: 'store'; store: string; remoteKey: string; property: string }
  | { kind: 'source'; source: SecretSource };

export function keyOrigin(model: AuthModel, entry: SecretEntry): KeyOrigin {
  const es = model.secrets.externalSecret;
  if (model.secrets.format === 'external-secret' && es) {
    const property = es.properties[entry.key];
    if ('value' in entry.from && property === undefined) return { kind: 'literal', value: entry.from.value };
    return { kind: 'store', store: `${es.storeKind}/${es.storeName}`, remoteKey: es.remoteKey, property: property ?? entry.key };
  }
  return 'value' in entry.from ? { kind: 'literal', value: entry.from.value } : { kind: 'source', source: entry.from };
}
