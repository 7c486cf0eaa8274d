import { createHash, createHmac } from 'node:crypto';
import type { AuthModel } from '../model/model.js';
import { keyOrigin, type SecretKey, secretEntries } from '../secrets/keys.js';
import { type EnvVar, type PodChecksums, serverEnv, webEnv } from './values.js';

function referencedKeys(env: EnvVar[]): SecretKey[] {
  const keys = env.map((e) => (e.valueFrom as { secretKeyRef?: { key: SecretKey } } | undefined)?.secretKeyRef?.key).filter((k): k is SecretKey => k !== undefined);
  return [...new Set(keys)].sort();
}

/**
 * What stands for a Secret key in the checksum: with ExternalSecret the store
 * reference (the operator owns the value); with a rollout key, the value
 * (the whole digest is then keyed); otherwise where the value comes from.
 * values.auth.yaml is committed, so an unkeyed hash of a value would let
 * anyone test guesses at the secret offline.
 */
function material(model: AuthModel, key: SecretKey, values: ReadonlyMap<SecretKey, string> | undefined, keyed: boolean): unknown {
  const entry = secretEntries(model).find((e) => e.key === key);
  if (!entry) return null;
  const origin = keyOrigin(model, entry);
  if (origin.kind === 'literal') return { literal: origin.value };
  // The operator owns a stored value: its reference stands for it.
  if (origin.kind === 'store') return { store: origin.store, key: origin.remoteKey, property: origin.property };
  const value = keyed ? values?.get(key) : undefined;
  return value !== undefined ? { value } : { source: origin.source };
}

/**
 * sha256 over the inputs each set of pods reads at start and does not reload:
 * the frontend (custom mode) the Secret keys its env references, the Web UI
 * those and its config files. Not the policy: the server re-reads the
 * mounted ConfigMap when the kubelet updates it, so a grant rolls no pod. Not
 * builtin mode's server.config.authorization either: the chart's own
 * checksum/config (server-deployment.yaml:33 at temporal-1.6.0) rolls the
 * server pods when it changes. With `rolloutKey` (secrets.rolloutKey, read at
 * render time, never written) it is an HMAC-SHA256 over the values
 * themselves, so a rotated secret rolls exactly the pods that read it.
 */
export function podChecksums(model: AuthModel, values?: ReadonlyMap<SecretKey, string>, rolloutKey?: string): PodChecksums {
  const keyed = rolloutKey !== undefined && values !== undefined;
  const digest = (parts: unknown): string => (keyed ? createHmac('sha256', rolloutKey) : createHash('sha256')).update(JSON.stringify(parts)).digest('hex');
  const frontend = referencedKeys(serverEnv(model)).map((k) => [k, material(model, k, values, keyed)]);
  const web = referencedKeys(webEnv(model)).map((k) => [k, material(model, k, values, keyed)]);
  // The Web UI's config files (web-ui-config.yaml) are inputs of its pods too, when render writes them:
  // they are mounted by subPath, which the kubelet never updates in a running pod.
  const session = model.web.maxSessionDuration;
  const options = model.web.providerOptions;
  return {
    ...(frontend.length > 0 ? { frontend: digest({ server: frontend }) } : {}),
    web: digest({ web, ...(session === undefined ? {} : { session }), ...(options === undefined ? {} : { options }) }),
  };
}
