import type { Path } from '../input/source.js';
import type { SecretSource } from '../input/spec.types.generated.js';
import type { AuthModel, WorkerModel } from '../model/model.js';

/** Keys of the auth Secret. The values file references exactly these. */
export const SECRET_KEYS = {
  issuerUrl: 'issuer_url',
  clientId: 'client_id',
  clientSecret: 'client_secret',
  audience: 'audience',
} as const;

export type SecretKey = (typeof SECRET_KEYS)[keyof typeof SECRET_KEYS];

/** One key of a Secret (the auth Secret's by default, or a worker Secret's) and where its value comes from. */
export interface SecretEntry<K extends string = SecretKey> {
  key: K;
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
export type KeyOrigin = { kind: 'literal'; value: string } | { kind: 'store'; store: string; remoteKey: string; property: string } | { kind: 'source'; source: SecretSource };

export function keyOrigin(model: AuthModel, entry: SecretEntry): KeyOrigin {
  const es = model.secrets.externalSecret;
  if (model.secrets.format === 'external-secret' && es) {
    const property = es.properties[entry.key];
    if ('value' in entry.from && property === undefined) return { kind: 'literal', value: entry.from.value };
    return { kind: 'store', store: `${es.storeKind}/${es.storeName}`, remoteKey: es.remoteKey, property: property ?? entry.key };
  }
  return 'value' in entry.from ? { kind: 'literal', value: entry.from.value } : { kind: 'source', source: entry.from };
}

/**
 * Keys of a worker's Secret: env-style names, so `envFrom: [{ secretRef }]`
 * puts them straight into the worker's environment. The worker snippets and
 * the CLI profile's notes read exactly these; defined here once.
 */
export const WORKER_SECRET_KEYS = {
  clientId: 'TEMPORAL_AUTH_CLIENT_ID',
  clientSecret: 'TEMPORAL_AUTH_CLIENT_SECRET',
  tokenUrl: 'TEMPORAL_AUTH_TOKEN_URL',
  audience: 'TEMPORAL_AUTH_AUDIENCE',
  scopes: 'TEMPORAL_AUTH_SCOPES',
} as const;

export type WorkerSecretKey = (typeof WORKER_SECRET_KEYS)[keyof typeof WORKER_SECRET_KEYS];

/**
 * Workload identity: where a service-account worker's projected token is
 * mounted, and the env var that names the file. worker-identity.yaml writes
 * both into the worker's Deployment; the snippets read the env var. Defined
 * here once.
 */
export const WORKER_TOKEN_FILE = {
  env: 'TEMPORAL_AUTH_TOKEN_FILE',
  /** The folder the token volume is mounted at (read-only). */
  dir: '/var/run/secrets/temporal-auth',
  /** The file's name in the volume (serviceAccountToken.path). */
  name: 'token',
  path: '/var/run/secrets/temporal-auth/token',
} as const;

export type WorkerSecretEntry = SecretEntry<WorkerSecretKey>;

/**
 * The workers render writes a Secret for: those with a client secret, when
 * the token endpoint is known (issuer.tokenUrl; rule worker-token-url warns
 * otherwise). With their index in clients.workers, for error locations.
 */
export function workersWithSecrets(model: AuthModel): { worker: WorkerModel; index: number }[] {
  if (!model.issuer.tokenUrl) return [];
  return model.workers.flatMap((worker, index) => (worker.clientSecret ? [{ worker, index }] : []));
}

/** What goes into a worker's Secret, in key order. The audience and scopes only when there are any. */
export function workerSecretEntries(model: AuthModel, worker: WorkerModel, index: number): WorkerSecretEntry[] {
  const at: Path = ['clients', 'workers', index];
  if (!worker.clientSecret || !model.issuer.tokenUrl) throw new Error(`internal: worker ${worker.name} gets no Secret`);
  const entries: WorkerSecretEntry[] = [
    { key: WORKER_SECRET_KEYS.clientId, from: { value: worker.clientId }, specPath: [...at, 'clientId'] },
    { key: WORKER_SECRET_KEYS.clientSecret, from: worker.clientSecret, specPath: [...at, 'clientSecret'] },
    { key: WORKER_SECRET_KEYS.tokenUrl, from: { value: model.issuer.tokenUrl }, specPath: ['issuer', 'tokenUrl'] },
  ];
  if (model.issuer.audience) entries.push({ key: WORKER_SECRET_KEYS.audience, from: { value: model.issuer.audience }, specPath: ['issuer', 'audience'] });
  if (worker.scopes.length > 0) entries.push({ key: WORKER_SECRET_KEYS.scopes, from: { value: worker.scopes.join(' ') }, specPath: [...at, 'scopes'] });
  return entries;
}

/**
 * workerKeyOrigin is keyOrigin for a worker's Secret: under the
 * external-secret format the client secret is a store property (the worker's
 * secret.remoteKey / secret.property, else secrets.externalSecret.remoteKey
 * and `<worker>-client-secret`); everything the spec holds is a literal.
 */
export function workerKeyOrigin(model: AuthModel, worker: WorkerModel, entry: WorkerSecretEntry): KeyOrigin {
  const es = model.secrets.externalSecret;
  if ('value' in entry.from) return { kind: 'literal', value: entry.from.value };
  if (model.secrets.format === 'external-secret' && es) {
    return { kind: 'store', store: `${es.storeKind}/${es.storeName}`, remoteKey: worker.secret.remoteKey ?? es.remoteKey, property: worker.secret.property ?? `${worker.name}-client-secret` };
  }
  return { kind: 'source', source: entry.from };
}
