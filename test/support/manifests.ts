import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../helpers.js';

/**
 * Every Kubernetes object `temporal-auth render SPEC` writes (the documents
 * with an apiVersion and a kind: Secrets, ConfigMaps, the NetworkPolicy, the
 * worker Secrets), as `kubectl apply -f` of its files hands them to the API
 * server. Helm values and the identity provider's files are not objects.
 */
export async function renderedManifests(spec: string, env: NodeJS.ProcessEnv, args: string[] = []): Promise<Record<string, any>[]> {
  const out = mkdtempSync(join(tmpdir(), 'temporal-auth-manifests-'));
  try {
    const run = await runCli(['render', spec, '--out', out, ...args], { env });
    if (run.code !== 0) throw new Error(`render ${spec} failed: ${run.stderr}`);
    return (
      readdirSync(out)
        // kustomization.yaml names files; it is kustomize's, not an object the API server takes.
        .filter((f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml')
        .sort()
        .flatMap((f) => parseAllDocuments(readFileSync(join(out, f), 'utf8')).map((d) => d.toJS()))
        .filter((d) => d && typeof d.apiVersion === 'string' && typeof d.kind === 'string')
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
