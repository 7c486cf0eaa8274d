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
