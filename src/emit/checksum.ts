import { createHash } from 'node:crypto';
import type { AuthModel } from '../model/model.js';
import { policyJson } from './policy.js';
import { secretEntries, type SecretKey } from './secret-keys.js';
import { authorizationConfig, serverEnv, webEnv, type EnvVar } from './values.js';

function referencedKeys(env: EnvVar[]): SecretKey[] {
  const keys = env.map((e) => (e.valueFrom as { secretKeyRef?: { key: SecretKey } } | undefined)?.secretKeyRef?.key).filter((k): k is SecretKey => k !== undefined);
  return [...new Set(keys)].sort();
}

/**
 * What stands for a Secret key in the checksum: its value when render has it;
 * with ExternalSecret the store reference (the operator owns the value); with
 * --no-secrets, where the value would come from.
 */
function material(model: AuthModel, key: SecretKey, values: ReadonlyMap<SecretKey, string> | undefined): unknown {
  const entry = secretEntries(model).find((e) => e.key === key);
  if (!entry) return null;
  const es = model.secrets.externalSecret;
  if (model.secrets.format === 'external-secret' && es) {
    const property = es.properties[key];
    if ('value' in entry.from && property === undefined) return { literal: entry.from.value };
    return { store: `${es.storeKind}/${es.storeName}`, key: es.remoteKey, property: property ?? key };
  }
  const value = values?.get(key);
  return value !== undefined ? { value } : { source: entry.from };
}

function digest(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** sha256 over the inputs each set of pods reads: the Secret keys its env references, and the policy. */
export function podChecksums(model: AuthModel, values?: ReadonlyMap<SecretKey, string>): { server: string; web: string } {
  const server = referencedKeys(serverEnv(model)).map((k) => [k, material(model, k, values)]);
  const policy = model.mode === 'custom' ? policyJson(model) : authorizationConfig(model);
  const web = referencedKeys(webEnv(model)).map((k) => [k, material(model, k, values)]);
  return { server: digest({ server, policy }), web: digest({ web }) };
}
