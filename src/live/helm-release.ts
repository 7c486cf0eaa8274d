import { gunzipSync } from 'node:zlib';
import { depthExceeds, MAX_VALUES_DEPTH } from '../util/depth.js';

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

/**
 * The most a release record may decompress to. Helm's own are a few MiB at
 * most (the stored object is capped at ~1 MiB by etcd); more is a gzip bomb.
 */
export const RELEASE_DECOMPRESSED_LIMIT_BYTES = 64 * 1024 * 1024;

/** Decodes a stored revision exactly as Helm's storage drivers do (pkg/storage/driver/util.go). */
export function decodeRelease(revision: StoredRevision): HelmRelease {
  const fail = (why: string) => new ReleaseDecodeError(`release data in ${revision.objectName} cannot be decoded (${why})`);
  let bytes = Buffer.from(revision.payload, 'base64');
  if (bytes.length === 0) throw fail('empty');
  if (GZIP_MAGIC.every((b, i) => bytes[i] === b)) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: RELEASE_DECOMPRESSED_LIMIT_BYTES });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
        throw fail(`it decompresses to more than ${RELEASE_DECOMPRESSED_LIMIT_BYTES / (1024 * 1024)} MiB`);
      }
      throw fail('bad gzip');
    }
  }
  if (bytes.length > RELEASE_DECOMPRESSED_LIMIT_BYTES) throw fail(`larger than ${RELEASE_DECOMPRESSED_LIMIT_BYTES / (1024 * 1024)} MiB`);
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
  // Everything after this walks the values recursively (compare, redact, print).
  if (depthExceeds(config, MAX_VALUES_DEPTH)) throw fail(`its values nest deeper than ${MAX_VALUES_DEPTH} levels`);
  return {
    name: r.name,
    namespace: typeof r.namespace === 'string' ? r.namespace : '',
    revision: r.version,
    status: typeof r.info?.status === 'string' ? r.info.status : 'unknown',
    chartVersion: typeof r.chart?.metadata?.version === 'string' ? r.chart.metadata.version : undefined,
    config,
  };
}

/** A revision's number from its `version` label; undefined unless it is a plain positive integer. */
export function revisionNumber(revision: StoredRevision): number | undefined {
  const label = revision.labels.version;
  return typeof label === 'string' && /^[1-9]\d{0,8}$/.test(label) ? Number(label) : undefined;
}

/**
 * The newest revision whose status label is `deployed` (what `helm get
 * values` reads), by revision number (10 is newer than 9). Helm can leave two
 * revisions labelled deployed; a newer pending or failed one does not count.
 */
export function latestDeployed(revisions: readonly StoredRevision[]): StoredRevision | undefined {
  let best: { revision: StoredRevision; number: number } | undefined;
  for (const revision of revisions) {
    const number = revisionNumber(revision);
    if (revision.labels.status !== 'deployed' || number === undefined) continue;
    if (!best || number > best.number) best = { revision, number };
  }
  return best?.revision;
}
