/**
 * Where a service-account worker (model.serviceAccountWorkers) finds its
 * Kubernetes service-account token: a projected token volume mounted at
 * `dir`, the token in the file `file` there, and the env `env` naming the
 * whole path. worker-identity.yaml writes the volume, the mount and the env;
 * the worker snippets read the env (and fall back to `path`). Defined here
 * once.
 */
export const WORKER_TOKEN_FILE = {
  /** The env the worker reads the token file's path from. */
  env: 'TEMPORAL_AUTH_TOKEN_FILE',
  /** The projected volume's mount path (read-only). */
  dir: '/var/run/secrets/temporal-auth',
  /** The token's path inside the volume: serviceAccountToken.path. */
  file: 'token',
  /** dir/file: the env's value. */
  path: '/var/run/secrets/temporal-auth/token',
} as const;

/**
 * How the snippets re-read the token file. The kubelet rewrites it (an
 * atomic swap of the volume's `..data` symlink) once the token is 80% of its
 * lifetime old, and the lifetime is at least 600 s, so the old token stays
 * valid for at least 120 s after the new one appears. Each snippet re-reads
 * the file when a stat of its path (which follows the symlink) shows another
 * file, size or modification time, and in any case when its copy is
 * `maxAgeSeconds` old: a rotation the stat could miss is still picked up
 * well before the old token expires. SDKs that take a new key only by a
 * setter (Python, the TypeScript worker's NativeConnection) check every
 * `pollSeconds`: one stat a second.
 */
export const WORKER_TOKEN_REREAD = { maxAgeSeconds: 60, pollSeconds: 1 } as const;
