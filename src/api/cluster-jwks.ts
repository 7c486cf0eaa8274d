import { dirname, resolve } from 'node:path';
import { type ClusterJwks, readClusterJwks } from '../input/cluster-jwks.js';
import { locate } from '../input/source.js';
import { InputError } from './errors.js';
import { RENDER_FINDINGS } from './findings.js';
import type { LoadedSpec } from './spec.js';

/**
 * Workload identity in file mode (cluster.jwks.source: file): the cluster's
 * JWKS, read from cluster.jwks.file (relative to the spec's folder) as
 * hostile input; undefined in every other case. A file that cannot be read
 * is located at cluster.jwks.file in the spec, a bad JWKS in the file itself:
 * an InputError `cluster-jwks-invalid`.
 */
export function loadClusterJwks(loaded: LoadedSpec): ClusterJwks | undefined {
  const jwks = loaded.model.mode === 'custom' ? loaded.model.cluster?.jwks : undefined;
  if (jwks?.source !== 'file') return undefined;
  const read = readClusterJwks(resolve(dirname(loaded.file), jwks.file));
  if (read.ok) return read.jwks;
  if ('unreadable' in read) {
    const { line, col } = locate(loaded.source, ['cluster', 'jwks', 'file']);
    throw InputError.fromFindings('cluster-jwks-invalid', [{ file: loaded.source.file, line, col, severity: 'error', rule: RENDER_FINDINGS.clusterJwks.id, message: read.unreadable }]);
  }
  throw InputError.fromFindings('cluster-jwks-invalid', read.findings);
}
