import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { EXAMPLES, exampleData, ROOT, runCli, tempDir, writeSpec } from '../helpers.js';
import { KubeApiError, type KubeObject, uniqueName } from '../support/kube-cluster.js';
import { sealingCert } from '../support/seal-cert.js';
import { admin, CRDS } from './fixtures.js';

const SECRET_ENV = {
  OKTA_WEB_CLIENT_SECRET: 'canary-okta-5b1e',
  POCKET_ID_CLIENT_SECRET: 'canary-pocket-77aa',
  TEMPORAL_UI_CLIENT_SECRET: 'canary-quick-0c3d',
  ORDERS_WORKER_CLIENT_SECRET: 'canary-orders-9e9e',
  OKTA_PAYROLL_WORKER_CLIENT_SECRET: 'canary-payroll-3c7d',
};

const FORMATS = {
  secret: {},
  'external-secret': { externalSecret: { storeRef: { name: 'vault', kind: 'ClusterSecretStore' }, remoteKey: 'temporal/auth', refreshInterval: '15m' } },
  'sealed-secret': {},
} as const;
type Format = keyof typeof FORMATS;

let certDir: string;
let certFile: string;
beforeAll(async () => {
  for (const c of CRDS) await admin.installCrd(c);
  // A sealing certificate as `kubeseal --fetch-cert` prints it.
  ({ dir: certDir, certFile } = await sealingCert());
});
afterAll(() => rmSync(certDir, { recursive: true, force: true }));

/**
 * An example with its release in namespace `ns` and every worker Secret in
 * `${ns}-w<i>` (where the example puts one in a namespace of its own), in the
 * given secrets format, rendered; returns the objects of every file.
 */
async function renderExample(name: string, format: Format, ns: string) {
  const dir = tempDir();
  cpSync(join(ROOT, 'examples', 'secrets'), join(dir, 'secrets'), { recursive: true });
  const data = exampleData(name);
  data.release = { ...data.release, namespace: ns };
  for (const [i, worker] of ((data.clients?.workers ?? []) as Record<string, any>[]).entries()) {
    if (worker.secret?.namespace) worker.secret.namespace = `${ns}-w${i}`;
    if (worker.serviceAccount?.namespace) worker.serviceAccount.namespace = `${ns}-w${i}`;
  }
  data.secrets = { ...data.secrets, format, ...FORMATS[format] };
  const spec = writeSpec(data, dir, `${name}.yaml`);
  const out = join(dir, 'out');
  const run = await runCli(['render', spec, '--out', out, ...(format === 'sealed-secret' ? ['--seal-cert', certFile] : [])], { env: SECRET_ENV });
  expect(run.code, run.stderr).toBe(0);
  const files = readdirSync(out)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();
  const objects: { file: string; obj: KubeObject }[] = [];
  for (const file of files) {
    const text = readFileSync(join(out, file), 'utf8');
    const docs = file.endsWith('.json') ? [JSON.parse(text)] : parseAllDocuments(text).map((d) => d.toJS());
    for (const obj of docs) {
      if (!obj || typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') continue;
      // worker-identity.yaml's Deployments are partial, for server-side apply onto the worker's own:
      // test/kube-api/worker-identity.test.ts applies them so, onto a Deployment created first.
      if (file === 'worker-identity.yaml' && obj.kind === 'Deployment') continue;
      // kustomization.yaml is kustomize's, not an object (test/kube-api/kustomization.test.ts applies the folder with it).
      if (file === 'kustomization.yaml') continue;
      objects.push({ file, obj });
    }
  }
  return { dir, spec, objects };
}

type Difference = { path: string; file?: unknown; stored?: unknown };

/**
 * The file's fields against the stored object's: `changed` (a field of the
 * file stored otherwise or not at all) and `added` (a field the API server
 * filled in), over data, stringData, type, spec, labels and annotations.
 */
function compareStored(file: Record<string, any>, stored: Record<string, any>) {
  const changed: Difference[] = [];
  const added: Difference[] = [];
  const walk = (path: string, a: unknown, b: unknown) => {
    if (a !== null && typeof a === 'object' && b !== null && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const k of keys) {
        const p = Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`;
        if (!(k in (a as object))) added.push({ path: p, stored: (b as Record<string, unknown>)[k] });
        else walk(p, (a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]);
      }
    } else if (JSON.stringify(a) !== JSON.stringify(b)) {
      changed.push({ path, file: a, stored: b });
    }
  };
  for (const key of ['data', 'stringData', 'type', 'spec']) if (key in file || key in stored) walk(key, file[key], stored[key]);
  for (const key of ['labels', 'annotations']) walk(`metadata.${key}`, file.metadata[key] ?? {}, stored.metadata[key] ?? {});
  return { changed, added };
}

type Schema = { properties?: Record<string, Schema & { default?: unknown }>; items?: Schema };

/**
 * The fields a CRD's structural defaulting fills in (k8s.io/apiextensions-apiserver
 * pkg/apiserver/schema/defaulting): every property with a `default` that the
 * object leaves out, in every object present (a defaulted object defaulted in turn).
 */
function schemaDefaults(schema: Schema, value: unknown, path: string, out: Difference[] = []): Difference[] {
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => schemaDefaults(schema.items!, v, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object' && schema.properties) {
    for (const [key, prop] of Object.entries(schema.properties)) {
      const p = path ? `${path}.${key}` : key;
      if (key in value) schemaDefaults(prop, (value as Record<string, unknown>)[key], p, out);
      else if ('default' in prop) {
        out.push({ path: p, stored: prop.default });
        schemaDefaults(prop, structuredClone(prop.default), p, out);
      }
    }
  }
  return out;
}

const SCHEMAS: Record<string, Schema> = Object.fromEntries(
  CRDS.map((c) => [(c.spec as { names: { kind: string } }).names.kind, (c.spec as { versions: { schema: { openAPIV3Schema: Schema } }[] }).versions[0]!.schema.openAPIV3Schema]),
);

/** What the API server fills in: a CRD's schema defaults; nothing for the built-in kinds, whose defaults (Secret type, NetworkPolicy protocol and policyTypes) render writes. */
const expectedAdditions = (obj: KubeObject) => (SCHEMAS[obj.kind] ? schemaDefaults(SCHEMAS[obj.kind]!, { spec: obj.spec }, '') : []);

const byPath = (a: Difference, b: Difference) => a.path.localeCompare(b.path);

describe('server-side dry run, apply and read-back of every example in every secrets format', () => {
  for (const name of EXAMPLES) {
    for (const format of Object.keys(FORMATS) as Format[]) {
      it(`${name}, ${format}: every object admitted as a dry run, then stored as written`, async () => {
        const ns = await admin.createNamespace(uniqueName(`apply-${name}`.slice(0, 20)));
        const { objects } = await renderExample(name, format, ns);
        expect(objects.length).toBeGreaterThan(0);
        // The worker Secrets' namespaces, as a user creates them first.
        for (const extra of new Set(objects.map((o) => o.obj.metadata.namespace).filter((n): n is string => !!n && n !== ns))) await admin.createNamespace(extra);

        const refused: string[] = [];
        for (const { file, obj } of objects) {
          try {
            await admin.apply(obj, { dryRun: true });
          } catch (err) {
            refused.push(`${file}: ${obj.kind} ${obj.metadata.name}: ${err instanceof KubeApiError ? `${err.status} ${err.reason}: ${err.message}` : String(err)}`);
          }
        }
        expect(refused).toEqual([]);
        // A dry run stores nothing.
        for (const { obj } of objects) expect(await admin.get(obj), `${obj.kind} ${obj.metadata.name}`).toBeUndefined();

        const report: string[] = [];
        for (const { file, obj } of objects) {
          await admin.apply(obj);
          const stored = await admin.get(obj);
          const { changed, added } = compareStored(obj, stored);
          expect(changed, `${file}: ${obj.kind} ${obj.metadata.name} stored otherwise than written`).toEqual([]);
          expect(added.sort(byPath), `${file}: ${obj.kind} ${obj.metadata.name}: fields the API server filled in`).toEqual(expectedAdditions(obj).sort(byPath));
          report.push(`${file}: ${obj.kind} ${obj.metadata.name}${added.length ? ` (+${added.map((a) => a.path).join(', ')})` : ''}`);
        }
        expect(report.length).toBe(objects.length);
      });
    }
  }

  it('a worker Secret whose namespace does not exist: NotFound for the namespace, dry run or not', async () => {
    const ns = await admin.createNamespace(uniqueName('apply-nons'));
    const { objects } = await renderExample('okta', 'secret', ns);
    const worker = objects.find((o) => o.file === 'worker-secrets.yaml')!.obj;
    const missing = worker.metadata.namespace!;
    expect(missing).toBe(`${ns}-w0`);
    for (const dryRun of [true, false]) {
      const err = await admin.apply(worker, { dryRun }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(KubeApiError);
      const e = err as KubeApiError;
      expect({ status: e.status, reason: e.reason, message: e.message, details: e.body.details }).toEqual({
        status: 404,
        reason: 'NotFound',
        message: `namespaces "${missing}" not found`,
        details: { name: missing, kind: 'namespaces' },
      });
    }
  });
});
