import { gunzipSync } from 'node:zlib';

/** What temporal-auth reads of a Helm release record (helm/pkg/release.Release). */
export interface HelmRelease {
  name: string;
  namespace: string;
  revision: number;
  status: string;
  chartVersion?: string;
  /** The user-supplied values, as `helm get values` prints them. */
  config: Record<string, unknown>;
}

/** One stored revision: the Kubernetes object's name and labels, and Helm's encoded payload. */
export interface StoredRevision {
  objectName: string;
  labels: Record<string, string>;
  /** The `release` key's text: base64(gzip(JSON)). */
  payload: string;
}

export class ReleaseDecodeError extends Error {}

const GZIP_MAGIC = [0x1f, 0x8b, 0x08];

/** Decodes a stored revision exactly as Helm's storage drivers do (pkg/storage/driver/util.go). */
export function decodeRelease(revision: StoredRevision): HelmRelease {
  const fail = (why: string) => new ReleaseDecodeError(`release data in ${revision.objectName} cannot be decoded (${why})`);
  let bytes = Buffer.from(revision.payload, 'base64');
  if (bytes.length === 0) throw fail('empty');
  if (GZIP_MAGIC.every((b, i) => bytes[i] === b)) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      throw fail('bad gzip');
    }
  }
  let record: unknown;
  try {
    record = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw fail('not JSON');
  }
  const r = record as {
    name?: unknown;
    namespace?: unknown;
    version?: unknown;
    info?: { status?: unknown };
    chart?: { metadata?: { version?: unknown } };
    config?: unknown;
  };
  if (typeof r?.name !== 'string' || typeof r.version !== 'number') throw fail('no release name or version');
  const config = r.config && typeof r.config === 'object' && !Array.isArray(r.config) ? (r.config as Record<string, unknown>) : {};
  return {
    name: r.name,
    namespace: typeof r.namespace === 'string' ? r.namespace : '',
    revision: r.version,
    status: typeof r.info?.status === 'string' ? r.info.status : 'unknown',
    chartVersion: typeof r.chart?.metadata?.version === 'string' ? r.chart.metadata.version : undefined,
    config,
  };
}

/** The newest revision whose status label is `deployed` (what `helm get values` reads). */
export function latestDeployed(revisions: readonly StoredRevision[]): StoredRevision | undefined {
  return revisions
    .filter((r) => r.labels.status === 'deployed')
    .sort((a, b) => Number(b.labels.version ?? 0) - Number(a.labels.version ?? 0))[0];
}
