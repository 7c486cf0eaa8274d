// What the real-API tests share: the cluster global-setup.ts started, an
// admin client, examples/okta.yaml staged into namespaces of each test's
// own, and Helm releases written by the real helm binary.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, inject } from 'vitest';
import { parse } from 'yaml';
import { emitValues } from '../../src/emit/values.js';
import { type CliRun, exampleData, modelOf, ROOT, runCli, tempDir, writeSpec } from '../helpers.js';
import { type HelmRun, helm, KubeClient, type KubeObject, TEST_CHART, uniqueName } from '../support/kube-cluster.js';
import { renderedManifests } from '../support/manifests.js';

export const kube = inject('kube');
export const admin = new KubeClient(kube.kubeconfig);

export const CANARY_SECRET = 'canary-kube-client-secret-3f9a7c';
export const WORKER_SECRET = 'canary-kube-worker-secret-8d21';
export const ENV = { OKTA_WEB_CLIENT_SECRET: CANARY_SECRET, OKTA_PAYROLL_WORKER_CLIENT_SECRET: WORKER_SECRET };

export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

/** examples/okta.yaml with its release in a fresh namespace and its worker's Secret in another. */
export interface Stage {
  /** The release's and the spec's namespace. */
  ns: string;
  /** The payroll worker's Secret's namespace. */
  workersNs: string;
  dir: string;
  spec: string;
  /** The values render emits for the spec (what a release in sync holds). */
  desired: Record<string, any>;
  /** Every object render writes, as `kubectl apply -f` of its files sends them. */
  manifests: KubeObject[];
}

/**
 * Stages examples/okta.yaml (namespaces created; nothing applied, no
 * release) in `dir` (default: a folder removed after the test; pass one of
 * your own from a beforeAll).
 */
export async function stageOkta(prefix = 'diff', dir = tempDir()): Promise<Stage> {
  const ns = await admin.createNamespace(uniqueName(prefix));
  const workersNs = await admin.createNamespace(`${ns}-workers`);
  const data = exampleData('okta');
  data.release.namespace = ns;
  data.clients.workers[0].secret.namespace = workersNs;
  const spec = writeSpec(data, dir, 'okta.yaml');
  const desired = emitValues(await modelOf(spec)) as Record<string, any>;
  const manifests = (await renderedManifests(spec, ENV)) as KubeObject[];
  return { ns, workersNs, dir, spec, desired, manifests };
}

/** Server-side applies objects, as `kubectl apply --server-side -f` of render's files. */
export async function applyAll(objects: KubeObject[]): Promise<void> {
  for (const obj of objects) await admin.apply(obj);
}

let valuesFiles = 0;

/** Writes Helm values to a file in `dir` (JSON, which Helm reads as YAML). */
export function valuesFile(dir: string, values: object): string {
  const file = join(dir, `values-${++valuesFiles}.yaml`);
  writeFileSync(file, JSON.stringify(values, null, 2));
  return file;
}

export interface RevisionOptions {
  release?: string;
  namespace?: string;
  /** The chart directory (default: the test chart at 1.6.0). */
  chart?: string;
  /** HELM_DRIVER for helm. */
  driver?: 'secret' | 'configmap';
  /** Extra helm arguments (--set test.refusedByServer=true ...). */
  args?: string[];
  /** The revision is expected to fail (the API server refuses its manifest). */
  fails?: boolean;
}

/**
 * One `helm upgrade --install` of the test chart with `values` as the
 * user-supplied values (-f), which Helm stores as the release's config:
 * the first makes revision 1, each later one the next revision.
 */
export async function helmRevision(stage: Stage, values: object, options: RevisionOptions = {}): Promise<HelmRun> {
  const run = await helm(
    ['upgrade', '--install', options.release ?? 'temporal', options.chart ?? TEST_CHART, '-n', options.namespace ?? stage.ns, '-f', valuesFile(stage.dir, values), ...(options.args ?? [])],
    { kubeconfig: kube.kubeconfig, env: options.driver ? { HELM_DRIVER: options.driver } : {} },
  );
  if (options.fails) expect(run.code, `helm should have failed:\n${run.stdout}${run.stderr}`).not.toBe(0);
  else expect(run.code, `helm failed:\n${run.stdout}${run.stderr}`).toBe(0);
  return run;
}

/** The values of a bad release: another image. */
export const BROKEN = { server: { image: { repository: 'wrong/image', tag: 'bad' } } };

/**
 * Four revisions as Helm leaves them after two upgrades and a failed one:
 * v1 and v2 superseded, v3 (holding `values`) deployed, v4 failed (the API
 * server refused a key of its ConfigMap).
 */
export async function deployWithHistory(stage: Stage, values: object): Promise<void> {
  await helmRevision(stage, BROKEN);
  await helmRevision(stage, BROKEN);
  await helmRevision(stage, values);
  await helmRevision(stage, BROKEN, { args: ['--set', 'test.refusedByServer=true'], fails: true });
}

/** The release's stored revisions: name, status and version labels, by version. */
export async function storedRevisions(namespace: string, release = 'temporal', kind: 'secrets' | 'configmaps' = 'secrets') {
  const list = await admin.request('GET', `/api/v1/namespaces/${namespace}/${kind}?labelSelector=${encodeURIComponent(`owner=helm,name=${release}`)}`);
  return (list.items as KubeObject[])
    .map((o) => ({ name: o.metadata.name, status: (o.metadata.labels as Record<string, string>).status, version: Number((o.metadata.labels as Record<string, string>).version) }))
    .sort((a, b) => a.version - b.version);
}

/** Every CLI run of a test file, for its canary check. */
export const runs: CliRun[] = [];

export async function diff(stage: Stage, args: string[] = [], env: NodeJS.ProcessEnv = ENV, kubeconfig = kube.kubeconfig): Promise<CliRun> {
  const run = await runCli(['diff', stage.spec, '--kubeconfig', kubeconfig, '--detailed-exitcode', ...args], { env });
  runs.push(run);
  return run;
}

export async function diffJson(stage: Stage, args: string[] = []) {
  const run = await diff(stage, ['-o', 'json', ...args]);
  return { run, report: JSON.parse(run.stdout) };
}

/**
 * test/data/crds/ holds each CRD's openAPIV3Schema as published; the CRD
 * around it is the upstream one's group, names, scope and version.
 */
function crd(file: string, group: string, version: string, names: { kind: string; plural: string; singular: string; shortNames?: string[] }): KubeObject {
  const { openAPIV3Schema } = parse(readFileSync(join(ROOT, 'test/data/crds', file), 'utf8'));
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${names.plural}.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { ...names, listKind: `${names.kind}List` },
      versions: [{ name: version, served: true, storage: true, schema: { openAPIV3Schema }, subresources: { status: {} } }],
    },
  };
}

export const CRDS = [
  crd('externalsecrets.external-secrets.io.yaml', 'external-secrets.io', 'v1', { kind: 'ExternalSecret', plural: 'externalsecrets', singular: 'externalsecret', shortNames: ['es'] }),
  crd('sealedsecrets.bitnami.com.yaml', 'bitnami.com', 'v1alpha1', { kind: 'SealedSecret', plural: 'sealedsecrets', singular: 'sealedsecret' }),
];
