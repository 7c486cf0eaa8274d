import { ClusterError, type ClusterReader, type HelmDriver } from './cluster.js';
import { decodeRelease, type HelmRelease, latestDeployed, ReleaseDecodeError, revisionNumber } from './helm-release.js';

/** The latest deployed revision of a release, or a ClusterError saying why there is none. */
export async function readDeployedRelease(cluster: ClusterReader, namespace: string, name: string, driver: HelmDriver): Promise<HelmRelease> {
  const revisions = await cluster.listHelmRevisions(namespace, name, driver);
  const deployed = latestDeployed(revisions);
  if (!deployed) {
    if (revisions.length > 0) {
      const newest = [...revisions].sort((a, b) => (revisionNumber(b) ?? 0) - (revisionNumber(a) ?? 0))[0]!;
      throw new ClusterError(
        'not-found',
        `release ${name} in namespace ${namespace} has no deployed revision (newest: v${newest.labels.version ?? '?'} ${newest.labels.status ?? 'without a status'})`,
      );
    }
    const others = [...new Set((await cluster.listHelmRevisions(namespace, undefined, driver)).map((r) => r.labels.name).filter(Boolean))].sort();
    const where = driver === 'configmap' ? ' (HELM_DRIVER=configmap)' : '';
    throw new ClusterError(
      'not-found',
      others.length > 0
        ? `release ${name} not found in namespace ${namespace}${where}; releases there: ${others.join(', ')} (pass --release)`
        : `release ${name} not found in namespace ${namespace}${where}: no Helm releases there (pass -n, or set HELM_DRIVER if Helm uses another driver)`,
    );
  }
  try {
    return decodeRelease(deployed);
  } catch (err) {
    if (err instanceof ReleaseDecodeError) throw new ClusterError('corrupt', err.message);
    throw err;
  }
}
