// kustomization.yaml against a real API server, as GitOps users apply the folder: the real
// kubectl's `apply -k` (kustomize inside kubectl) as a server-side dry run, then for real, for
// every example in the GitOps-minded secrets formats. kustomize must build exactly the objects
// of the files it lists, and they are admitted and stored.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
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
          const spec = writeSpec(data, dir, `${name}.yaml`);
          const run = await runCli(['render', spec, '--out', join(dir, 'out'), ...(format === 'sealed-secret' ? ['--seal-cert', certFile] : [])], { env: SECRET_ENV, cwd: dir });
          expect(run.code, run.stderr).toBe(0);

          const listed: string[] = parse(readFileSync(join(dir, 'out', 'kustomization.yaml'), 'utf8')).resources;
          const fromFiles = listed.flatMap((f) => parseAllDocuments(readFileSync(join(dir, 'out', f), 'utf8')).map((d) => d.toJS() as KubeObject));
          // No plaintext Secret in what GitOps applies; the sealed or external forms are there.
          expect(fromFiles.filter((o) => o.kind === 'Secret')).toEqual([]);
          if (format !== 'secret') expect(fromFiles.some((o) => o.kind === (format === 'sealed-secret' ? 'SealedSecret' : 'ExternalSecret'))).toBe(true);

          const built = kubectl(dir, ['kustomize', 'out']);
          expect(built.status, built.stderr).toBe(0);
          const objects = parseAllDocuments(built.stdout).map((d) => d.toJS() as KubeObject);
          expect(objects.map(key).sort()).toEqual(fromFiles.map(key).sort());
          for (const o of fromFiles)
            expect(
              objects.find((b) => key(b) === key(o)),
              key(o),
            ).toEqual(o);

          const dry = kubectl(dir, ['apply', '-k', 'out', '--server-side', '--dry-run=server']);
          expect(dry.status, dry.stdout + dry.stderr).toBe(0);
          for (const o of fromFiles) expect(await admin.get(o), `${key(o)} after a dry run`).toBeUndefined();
          const applied = kubectl(dir, ['apply', '-k', 'out', '--server-side']);
          expect(applied.status, applied.stdout + applied.stderr).toBe(0);
          for (const o of fromFiles) expect(await admin.get(o), key(o)).toBeDefined();
        },
        120_000,
      );
    }
  }
});
