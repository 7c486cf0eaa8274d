import { writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { listenOnLoopback } from './loopback.js';
import { makeTestPki, type TestPki } from './tls.js';

type KubeObject = { kind: string; metadata: { name: string; namespace: string; labels?: Record<string, string> } } & Record<string, unknown>;

export interface KubeApiOptions {
  /** Delay every answer by this many ms (a slow API server). */
  delayMs?: number;
}

/**
 * An imitation of the Kubernetes API for what a real API server cannot be
 * made to do, and for the suites that must run without Go: HTTPS on
 * 127.0.0.1 with its own CA and a bearer token, serving the REST paths
 * @kubernetes/client-node calls for Secrets, ConfigMaps and NetworkPolicies
 * (list by label selector, get by name), returning objects as added (no
 * defaulting, no RBAC, unlike a real one). It closes itself after
 * `lifetimeMs` even if a test forgets to.
 *
 * Used by test/diff.test.ts (a slow server: the progress line and the
 * --timeout deadline) and test/repeat-runs.test.ts (diff as users run it,
 * again and again). Everything a real server can answer (Helm's own release
 * records, applied and hand-edited objects, 401, 403) is tested against a
 * real kube-apiserver in test/kube-api/ (`npm run test:kube`, which needs
 * Go); hostile answers (redirects, gzip bombs, control characters, oversized
 * or dripping bodies) in test/hostile-network.test.ts, with servers of its own.
 */
export class TestKubeApi {
  readonly token = `test-token-${Math.random().toString(36).slice(2)}`;
  private readonly objects: KubeObject[] = [];
  options: KubeApiOptions = {};
  private pki?: TestPki;
  port = 0;
  stop: () => Promise<void> = async () => undefined;

  async start(lifetimeMs = 30_000): Promise<this> {
    this.pki = await makeTestPki();
    const server = createServer({ cert: this.pki.certPem, key: this.pki.keyPem }, (req, res) => void this.handle(req, res));
    ({ port: this.port, stop: this.stop } = await listenOnLoopback(server, lifetimeMs));
    return this;
  }

  add(...objects: object[]): this {
    this.objects.push(...(objects as KubeObject[]));
    return this;
  }

  /** Writes a kubeconfig for this server; `token` overrides the right one (for 401 tests). */
  writeKubeconfig(dir: string, token = this.token, server = `https://127.0.0.1:${this.port}`): string {
    const file = join(dir, 'kubeconfig.yaml');
    writeFileSync(
      file,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'test', cluster: { server, 'certificate-authority-data': Buffer.from(this.pki!.caPem).toString('base64') } }],
        users: [{ name: 'tester', user: { token } }],
        contexts: [{ name: 'test', context: { cluster: 'test', user: 'tester', namespace: 'temporal' } }],
        'current-context': 'test',
      }),
    );
    return file;
  }

  private status(res: ServerResponse, code: number, reason: string, message: string, details?: object) {
    res.writeHead(code, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    if (this.options.delayMs) await new Promise((r) => setTimeout(r, this.options.delayMs));
    if (req.headers.authorization !== `Bearer ${this.token}`) return this.status(res, 401, 'Unauthorized', 'Unauthorized');
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const m = /^\/(?:api\/v1|apis\/networking\.k8s\.io\/v1)\/namespaces\/([^/]+)\/(secrets|configmaps|networkpolicies)(?:\/([^/]+))?$/.exec(url.pathname);
    if (req.method !== 'GET' || !m) return this.status(res, 404, 'NotFound', 'the server could not find the requested resource');
    const [, namespace, resource, name] = m as unknown as [string, string, string, string | undefined];
    if (url.pathname.startsWith('/apis/') !== (resource === 'networkpolicies')) return this.status(res, 404, 'NotFound', 'the server could not find the requested resource');
    const kind = { secrets: 'Secret', configmaps: 'ConfigMap', networkpolicies: 'NetworkPolicy' }[resource]!;
    const inScope = this.objects.filter((o) => o.kind === kind && o.metadata.namespace === namespace);
    if (name) {
      const found = inScope.find((o) => o.metadata.name === name);
      if (!found) return this.status(res, 404, 'NotFound', `${resource} "${name}" not found`, { name, kind: resource });
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(found));
    }
    const selector = (url.searchParams.get('labelSelector') ?? '')
      .split(',')
      .filter(Boolean)
      .map((term) => term.split('=') as [string, string]);
    const items = inScope.filter((o) => selector.every(([k, v]) => o.metadata.labels?.[k] === v));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ kind: `${kind}List`, apiVersion: 'v1', metadata: { resourceVersion: '1' }, items }));
  }
}
