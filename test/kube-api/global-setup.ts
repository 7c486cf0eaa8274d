// One real API server for the whole `npm run test:kube` run: built (once per
// change of test/kube) and started here, before any test file, and stopped
// after the last. Test files reach it through inject('kube'); each test
// works in namespaces of its own, so files can run side by side.
import type { TestProject } from 'vitest/node';
import { type KubeClusterInfo, kubeTools, startKubeCluster } from '../support/kube-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    kube: KubeClusterInfo;
  }
}

export default async function setup(project: TestProject) {
  const say = (line: string) => process.stderr.write(`kube-test-cluster: ${line}\n`);
  const tools = kubeTools(say);
  if (tools.buildMs) say(`built kube-test-cluster and helm in ${(tools.buildMs / 1000).toFixed(1)}s`);
  const cluster = await startKubeCluster(tools.cluster);
  say(`${cluster.server} ready in ${(cluster.startMs / 1000).toFixed(1)}s (log: ${cluster.log})`);
  project.provide('kube', { kubeconfig: cluster.kubeconfig, server: cluster.server, dir: cluster.dir, issuer: cluster.issuer });
  return async () => {
    const stopping = Date.now();
    await cluster.stop();
    say(`stopped in ${Date.now() - stopping} ms`);
  };
}
