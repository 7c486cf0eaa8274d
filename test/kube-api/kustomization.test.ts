// kustomization.yaml against a real API server, as GitOps users apply the folder: the real
// kubectl's `apply -k` (kustomize inside kubectl) as a server-side dry run, then for real, for
// every example in the GitOps-minded secrets formats. kustomize must build exactly the objects
// of the files it lists, and they are admitted and stored.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { EXAMPLES, exampleData, ROOT, runCli, tempDir, writeSpec } from '../helpers.js';
import { type KubeObject, uniqueName } from '../support/kube-cluster.js';
import { sealingCert } from '../support/seal-cert.js';
import { admin, CRDS, kube } from './fixtures.js';

const SECRET_ENV = {
  OKTA_WEB_CLIENT_SECRET: 'canary-okta-k1',
  POCKET_ID_CLIENT_SECRET: 'canary-pocket-k2',
  TEMPORAL_UI_CLIENT_SECRET: 'canary-quick-k3',
  ORDERS_WORKER_CLIENT_SECRET: 'canary-orders-k4',
  OKTA_PAYROLL_WORKER_CLIENT_SECRET: 'canary-payroll-k5',
  ROLLOUT_KEY: 'b'.repeat(64),
};
const FORMATS = {
  'external-secret': { externalSecret: { storeRef: { name: 'vault', kind: 'ClusterSecretStore' }, remoteKey: 'temporal/auth' } },
  'sealed-secret': { rolloutKey: { fromEnv: 'ROLLOUT_KEY' } },
  secret: {},
} as const;

const haveKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
if (!haveKubectl && !process.env.CI) process.stderr.write('SKIPPED: kubectl is not on PATH: kubectl apply -k (kustomize inside kubectl) cannot run\n');

const kubectl = (dir: string, args: string[]) => spawnSync('kubectl', args, { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir, KUBECONFIG: kube.kubeconfig }, timeout: 60_000 });
const key = (o: KubeObject) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;

let certFile: string;
beforeAll(async () => {
  for (const c of CRDS) await admin.installCrd(c);
  ({ certFile } = await sealingCert());
});

describe('kubectl apply -k on the rendered folder', () => {
  for (const name of EXAMPLES) {
    for (const format of Object.keys(FORMATS) as (keyof typeof FORMATS)[]) {
      it.skipIf(!haveKubectl && !process.env.CI)(
        `${name}, ${format}: kustomize builds exactly the listed files' objects; a server-side dry run admits them; applied, they are stored`,
        async () => {
          expect(haveKubectl, 'kubectl is required in CI').toBe(true);
          const dir = tempDir();
          cpSync(join(ROOT, 'examples', 'secrets'), join(dir, 'secrets'), { recursive: true });
          const ns = await admin.createNamespace(uniqueName(`k-${name}`.slice(0, 14)));
          const data = exampleData(name);
          data.release = { ...data.release, namespace: ns };
          for (const [i, worker] of ((data.clients?.workers ?? []) as Record<string, any>[]).entries()) {
            for (const k of ['secret', 'serviceAccount']) if (worker[k]?.namespace) worker[k].namespace = await admin.createNamespace(`${ns}-w${i}`);
          }
          data.secrets = { ...data.secrets, format, ...FORMATS[format] };
          // The values for a Flux HelmRelease too, in both kinds; both layouts (folders: the manifests in out/manifests/).
          const layout = format === 'external-secret' ? 'flat' : 'folders';
          const base = layout === 'folders' ? join('out', 'manifests') : 'out';
          data.gitops = { layout, valuesFrom: { kind: format === 'secret' ? 'Secret' : 'ConfigMap' } };
          const spec = writeSpec(data, dir, `${name}.yaml`);
          const run = await runCli(['render', spec, '--out', join(dir, 'out'), ...(format === 'sealed-secret' ? ['--seal-cert', certFile] : [])], { env: SECRET_ENV, cwd: dir });
          expect(run.code, run.stderr).toBe(0);

          const listed: string[] = parse(readFileSync(join(dir, base, 'kustomization.yaml'), 'utf8')).resources;
          const fromFiles = listed.flatMap((f) => parseAllDocuments(readFileSync(join(dir, base, f), 'utf8')).map((d) => d.toJS() as KubeObject));
          // folders: the manifests folder holds exactly what it lists (a plaintext Secret is in out/secrets/, never there).
          if (layout === 'folders') expect(readdirSync(join(dir, base)).sort()).toEqual([...listed, 'kustomization.yaml'].sort());
          if (layout === 'folders' && format === 'secret') expect(readdirSync(join(dir, 'out', 'secrets'))).toContain('secrets.yaml');
          // No plaintext Secret in what GitOps applies; the sealed or external forms are there.
          expect(fromFiles.filter((o) => o.kind === 'Secret' && o.metadata.name !== 'temporal-auth-values')).toEqual([]);
          if (format !== 'secret') expect(fromFiles.some((o) => o.kind === (format === 'sealed-secret' ? 'SealedSecret' : 'ExternalSecret'))).toBe(true);
          expect(listed).toContain('values-from.yaml');

          const built = kubectl(dir, ['kustomize', base]);
          expect(built.status, built.stderr).toBe(0);
          const objects = parseAllDocuments(built.stdout).map((d) => d.toJS() as KubeObject);
          expect(objects.map(key).sort()).toEqual(fromFiles.map(key).sort());
          for (const o of fromFiles)
            expect(
              objects.find((b) => key(b) === key(o)),
              key(o),
            ).toEqual(o);

          const dry = kubectl(dir, ['apply', '-k', base, '--server-side', '--dry-run=server']);
          expect(dry.status, dry.stdout + dry.stderr).toBe(0);
          for (const o of fromFiles) expect(await admin.get(o), `${key(o)} after a dry run`).toBeUndefined();
          const applied = kubectl(dir, ['apply', '-k', base, '--server-side']);
          expect(applied.status, applied.stdout + applied.stderr).toBe(0);
          for (const o of fromFiles) expect(await admin.get(o), key(o)).toBeDefined();
        },
        120_000,
      );
    }
  }
});

// Argo CD's own Application CRD, from its Go module (the module proxy serves the repository at a
// release tag; manifests/crds/ is in it), so the example is checked by the API server against the
// schema Argo CD installs.
const ARGO_CD_MODULE = 'github.com/argoproj/argo-cd/v3@v3.1.0';
const haveGo = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;

describe('examples/gitops/argocd.yaml', () => {
  it.skipIf(!haveGo && !process.env.CI)(
    "is admitted with Argo CD's CRD, and installs the chart with the user's values, then values.auth.yaml, beside the rendered folder",
    async () => {
      expect(haveGo, 'Go is required in CI (it fetches Argo CD from the module proxy)').toBe(true);
      const got = spawnSync('go', ['mod', 'download', '-json', ARGO_CD_MODULE], { encoding: 'utf8', env: { ...process.env, GOFLAGS: '-modcacherw' }, timeout: 300_000 });
      expect(got.status, got.stderr).toBe(0);
      const crd = parse(readFileSync(join(JSON.parse(got.stdout).Dir, 'manifests', 'crds', 'application-crd.yaml'), 'utf8')) as KubeObject;
      await admin.installCrd(crd);
      const app = parse(readFileSync(join(ROOT, 'examples', 'gitops', 'argocd.yaml'), 'utf8')) as KubeObject & { spec: Record<string, any> };
      await admin.createNamespace(app.metadata.namespace!);
      // Strict field validation (kubectl's default): a misspelled field is refused, not dropped.
      await admin.apply(app, { dryRun: true });

      const sources = app.spec.sources as Record<string, any>[];
      const chart = sources.find((s) => s.chart === 'temporal')!;
      expect(chart.helm.valueFiles.at(-1)).toBe('$values/out/values.auth.yaml');
      const ref = sources.find((s) => s.ref === 'values')!;
      const folder = sources.find((s) => s.path === 'out/manifests')!;
      expect(folder.repoURL).toBe(ref.repoURL);
      // The chart version is the one the example spec renders for.
      expect(`chart: { version: ${chart.targetRevision} }`).toBe(readFileSync(join(ROOT, 'examples', 'quickstart.yaml'), 'utf8').match(/^chart: .*$/m)![0]);
    },
    300_000,
  );
});
