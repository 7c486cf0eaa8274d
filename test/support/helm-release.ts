import { gzipSync } from 'node:zlib';

/** A Helm release record as Helm 3 serialises it (pkg/release.Release). */
export interface HelmReleaseFixture {
  name: string;
  namespace: string;
  version: number;
  status: 'deployed' | 'superseded' | 'failed' | 'pending-upgrade' | 'uninstalling';
  chartVersion: string;
  config: Record<string, unknown>;
  manifest?: string;
}

export function releaseJson(r: HelmReleaseFixture): string {
  return JSON.stringify({
    name: r.name,
    info: { first_deployed: '2026-01-01T00:00:00Z', last_deployed: '2026-01-02T00:00:00Z', deleted: '', description: 'Upgrade complete', status: r.status },
    chart: {
      metadata: { name: 'temporal', version: r.chartVersion, appVersion: '1.31.2', apiVersion: 'v2' },
      lock: null,
      templates: [],
      values: { server: { enabled: true } },
      schema: null,
      files: [],
    },
    config: r.config,
    manifest: r.manifest ?? '---\n# Source: temporal/templates/server-deployment.yaml\n',
    version: r.version,
    namespace: r.namespace,
  });
}

/** Helm's storage encoding: base64(gzip(json)), the value of the `release` key. */
export function helmEncode(json: string): string {
  return gzipSync(Buffer.from(json, 'utf8')).toString('base64');
}

function labels(r: HelmReleaseFixture) {
  return { name: r.name, owner: 'helm', status: r.status, version: String(r.version) };
}

/** The Secret the default driver stores; over the API its data is base64 again. */
export function releaseSecret(r: HelmReleaseFixture, encoded = helmEncode(releaseJson(r))) {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'helm.sh/release.v1',
    metadata: { name: `sh.helm.release.v1.${r.name}.v${r.version}`, namespace: r.namespace, labels: labels(r) },
    data: { release: Buffer.from(encoded, 'utf8').toString('base64') },
  };
}

/** The ConfigMap the configmap driver stores (HELM_DRIVER=configmap): data is plain text. */
export function releaseConfigMap(r: HelmReleaseFixture, encoded = helmEncode(releaseJson(r))) {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `sh.helm.release.v1.${r.name}.v${r.version}`, namespace: r.namespace, labels: labels(r) },
    data: { release: encoded },
  };
}
