// A real Kubernetes API server for tests (`npm run test:kube`): the Go
// program in test/kube/cmd/kube-test-cluster (kube-apiserver and an
// embedded etcd in one process on 127.0.0.1, stopping by itself), the real
// helm binary built from the same module, and the few calls the tests make:
// namespaces, server-side apply, hand edits, ServiceAccounts with a Role and
// a minted token.
//
// Both programs are built once with `go build` into
// node_modules/.cache/temporal-auth-kube/<hash of test/kube's go.mod, go.sum
// and *.go, and the build flags>/ and reused while those stay the same.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as k8s from '@kubernetes/client-node';
import { stringify } from 'yaml';

// Not helpers.js's ROOT: global-setup.ts imports this file, and helpers.js registers test hooks.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MODULE_DIR = join(ROOT, 'test', 'kube');
const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'temporal-auth-kube');
/** The tiny chart the tests install with the real helm (a ConfigMap; switches for failed and pending revisions). */
export const TEST_CHART = join(MODULE_DIR, 'testdata', 'chart');

// ---------------------------------------------------------------- building

/** Every file whose change changes a binary: go.mod, go.sum and each .go file of test/kube (testdata aside). */
function sourceFiles(dir = MODULE_DIR): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'testdata') files.push(...sourceFiles(path));
    } else if (entry.name === 'go.mod' || entry.name === 'go.sum' || entry.name.endsWith('.go')) {
      files.push(path);
    }
  }
  return files.sort();
}

/** The cache key: the sources and how they are built (binaries() below). */
function sourceHash(): string {
  const hash = createHash('sha256').update(JSON.stringify(binaries()));
  for (const file of sourceFiles())
    hash
      .update(`${relative(MODULE_DIR, file)}\0`)
      .update(readFileSync(file))
      .update('\0');
  return hash.digest('hex').slice(0, 16);
}

export interface KubeTools {
  /** test/kube/cmd/kube-test-cluster, built. */
  cluster: string;
  /** helm.sh/helm/v4/cmd/helm at the version test/kube/go.mod requires, built. */
  helm: string;
  /** What building took, in ms (0 when both came from the cache). */
  buildMs: number;
}

/** A module's version as test/kube/go.mod requires it. */
function requiredVersion(module: string): string {
  const found = new RegExp(`^\\s*(?:require\\s+)?${module.replace(/[./]/g, '\\$&')}\\s+(v\\S+)`, 'm').exec(readFileSync(join(MODULE_DIR, 'go.mod'), 'utf8'));
  if (!found) throw new Error(`test/kube/go.mod requires no ${module}`);
  return found[1]!;
}

/**
 * Each binary: its name, the Go package it is built from (in test/kube, so
 * test/kube/go.mod picks every version), and the version stamp its release
 * build sets with -X (Kubernetes' hack/lib/version.sh, helm's Makefile), so
 * /version and `helm version` answer as released binaries do.
 */
function binaries() {
  const kube = requiredVersion('k8s.io/kubernetes');
  const [major, minor] = kube.slice(1).split('.');
  const base = 'k8s.io/component-base/version';
  return {
    cluster: {
      name: 'kube-test-cluster',
      pkg: './cmd/kube-test-cluster',
      ldflags: `-s -w -X ${base}.gitVersion=${kube} -X ${base}.gitMajor=${major} -X ${base}.gitMinor=${minor} -X ${base}.gitTreeState=clean`,
    },
    helm: { name: 'helm', pkg: 'helm.sh/helm/v4/cmd/helm', ldflags: `-s -w -X helm.sh/helm/v4/internal/version.version=${requiredVersion('helm.sh/helm/v4')}` },
  };
}

let tools: KubeTools | undefined;

/**
 * The two binaries, built with `go build` when the cache has none for the
 * current sources. A cold build compiles kube-apiserver and helm (minutes);
 * later runs only hash the sources.
 */
export function kubeTools(log: (line: string) => void = () => undefined): KubeTools {
  if (tools) return tools;
  const dir = join(CACHE_DIR, sourceHash());
  const targets = binaries();
  const paths = { cluster: join(dir, targets.cluster.name), helm: join(dir, targets.helm.name) };
  const started = Date.now();
  let built = false;
  for (const key of ['cluster', 'helm'] as const) {
    const { name, pkg, ldflags } = targets[key];
    if (existsSync(paths[key])) continue;
    const go = spawnSync('go', ['version'], { encoding: 'utf8' });
    if (go.error) {
      throw new Error(
        `go was not found (${(go.error as NodeJS.ErrnoException).code ?? go.error.message}): the Kubernetes API tests build a kube-apiserver and helm from test/kube with the Go toolchain; install Go 1.26 or later and put \`go\` on PATH`,
      );
    }
    mkdirSync(dir, { recursive: true });
    log(`building ${name} from ${pkg} with ${go.stdout.trim()} (the first build takes minutes)`);
    const partial = `${paths[key]}.partial-${process.pid}`;
    const build = spawnSync('go', ['build', '-ldflags', ldflags, '-o', partial, pkg], { cwd: MODULE_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (build.status !== 0) {
      rmSync(partial, { force: true });
      throw new Error(`go build ${pkg} (in test/kube) failed:\n${build.stderr || build.error?.message}`);
    }
    // A rename is atomic: a concurrent run sees no binary or a whole one.
    renameSync(partial, paths[key]);
    built = true;
  }
  if (built) {
    // Binaries of older sources (a few hundred MB each) are never used again.
    for (const entry of readdirSync(CACHE_DIR, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== basename(dir)) rmSync(join(CACHE_DIR, entry.name), { recursive: true, force: true });
    }
  }
  tools = { ...paths, buildMs: built ? Date.now() - started : 0 };
  return tools;
}

// ---------------------------------------------------------------- the cluster

export interface KubeClusterInfo {
  /** Admin kubeconfig (a token in system:masters). */
  kubeconfig: string;
  /** https://127.0.0.1:PORT */
  server: string;
  /** The program's data directory (removed when it stops). */
  dir: string;
  /** The service-account issuer its tokens carry (--service-account-issuer; by default the server's URL). */
  issuer: string;
}

export interface KubeCluster extends KubeClusterInfo {
  /** Closes the program's stdin (it stops by itself), then SIGKILLs it if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** Where the program's stderr (kube-apiserver's and etcd's logs) goes. */
  log: string;
  /** From spawn to the ready line, in ms. */
  startMs: number;
}

export interface StartOptions {
  /** --lifetime: the program stops by itself after this long (Go duration). */
  lifetime?: string;
  /** How long to wait for the ready line. */
  startTimeoutMs?: number;
  /** Where to write the program's stderr. */
  log?: string;
}

/** Starts kube-test-cluster and waits for its ready line. */
export async function startKubeCluster(binary: string, options: StartOptions = {}): Promise<KubeCluster> {
  const log = options.log ?? join(CACHE_DIR, 'kube-test-cluster.log');
  mkdirSync(join(log, '..'), { recursive: true });
  const logFd = openSync(log, 'w');
  const started = Date.now();
  const child = spawn(binary, [`--lifetime=${options.lifetime ?? '20m'}`], { stdio: ['pipe', 'pipe', logFd] });
  closeSync(logFd);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const tail = () => {
    try {
      return readFileSync(log, 'utf8').trimEnd().split('\n').slice(-15).join('\n');
    } catch {
      return '(no log)';
    }
  };
  const timeoutMs = options.startTimeoutMs ?? 180_000;
  const info = await new Promise<KubeClusterInfo>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kube-test-cluster printed no ready line within ${timeoutMs / 1000}s; its log (${log}) ends:\n${tail()}`));
    }, timeoutMs);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line) as KubeClusterInfo);
      } catch {
        child.kill('SIGKILL');
        reject(new Error(`kube-test-cluster printed ${JSON.stringify(line)}, not its JSON ready line`));
      }
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`kube-test-cluster exited (${code}) before it was ready; its log (${log}) ends:\n${tail()}`));
    });
  });
  const startMs = Date.now() - started;
  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 30_000) =>
    (stopping ??= (async () => {
      child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    })());
  // The program also stops when this process dies: its stdin closes with it.
  return { ...info, log, startMs, stop };
}

/** Writes a kubeconfig for `server` (CA taken from `admin`'s) with a bearer token. */
export function writeTokenKubeconfig(admin: string, token: string, file: string, namespace = 'default'): string {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(admin);
  const cluster = kc.getCurrentCluster()!;
  writeFileSync(
    file,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'test', cluster: { server: cluster.server, 'certificate-authority-data': cluster.caData } }],
      users: [{ name: 'tester', user: { token } }],
      contexts: [{ name: 'test', context: { cluster: 'test', user: 'tester', namespace } }],
      'current-context': 'test',
    }),
    { mode: 0o600 },
  );
  return file;
}

// ---------------------------------------------------------------- the API

export type KubeObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [k: string]: unknown }; [k: string]: unknown };

/** A non-2xx answer: the HTTP status and the Status object's message and reason. */
export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly body: Record<string, any>,
  ) {
    super(typeof body.message === 'string' ? body.message : `HTTP ${status}`);
  }
}

interface Resource {
  path: string;
  namespaced: boolean;
}

/**
 * The Kubernetes API as kubectl uses it, over plain HTTPS with the
 * kubeconfig's credentials (@kubernetes/client-node's KubeConfig), on raw
 * JSON. Not KubernetesObjectApi: its serializer rebuilds objects of known
 * kinds from its model classes, so a plain NetworkPolicy loses
 * `ingress[].from` (the class calls it `_from`) and any unknown field is
 * dropped before the API server could refuse it, which is what these tests
 * are for.
 */
export class KubeClient {
  readonly kc = new k8s.KubeConfig();
  private readonly discovery = new Map<string, Promise<Map<string, Resource>>>();

  constructor(kubeconfig: string) {
    this.kc.loadFromFile(kubeconfig);
  }

  get server(): string {
    return this.kc.getCurrentCluster()!.server;
  }

  /** One request; JSON in, JSON out. Throws KubeApiError on a non-2xx answer. */
  async request(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<any> {
    const options: RequestOptions = { method, headers: { accept: 'application/json' } };
    await this.kc.applyToHTTPSOptions(options);
    const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    if (text !== undefined) Object.assign(options.headers!, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
    return new Promise((resolve, reject) => {
      const req = httpsRequest(new URL(path, this.server), options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          let parsed: any;
          try {
            parsed = raw ? JSON.parse(raw) : undefined;
          } catch {
            parsed = { message: raw };
          }
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve(parsed);
          else reject(new KubeApiError(status, parsed?.reason ?? '', parsed ?? {}));
        });
      });
      req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path}: no answer within 30s`)));
      req.on('error', reject);
      req.end(text);
    });
  }

  /** The REST path of a kind, from discovery (as kubectl's RESTMapper finds it). */
  private async resource(apiVersion: string, kind: string): Promise<Resource> {
    let found = this.discovery.get(apiVersion);
    if (!found) {
      const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      found = this.request('GET', base).then(
        (list: { resources: { name: string; kind: string; namespaced: boolean }[] }) =>
          new Map(list.resources.filter((r) => !r.name.includes('/')).map((r) => [r.kind, { path: `${base}/${r.name}`, namespaced: r.namespaced }])),
      );
      found.catch(() => this.discovery.delete(apiVersion));
      this.discovery.set(apiVersion, found);
    }
    const resource = (await found).get(kind);
    if (!resource) throw new Error(`no kind ${kind} in ${apiVersion} (is its CRD installed?)`);
    return resource;
  }

  /** Forget discovery (after installing a CRD). */
  forgetDiscovery(): void {
    this.discovery.clear();
  }

  async pathOf(obj: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>, withName = true): Promise<string> {
    const { path, namespaced } = await this.resource(obj.apiVersion, obj.kind);
    const [prefix, plural] = [path.slice(0, path.lastIndexOf('/')), path.slice(path.lastIndexOf('/') + 1)];
    const ns = namespaced ? `/namespaces/${encodeURIComponent(obj.metadata.namespace ?? 'default')}` : '';
    return `${prefix}${ns}/${plural}${withName ? `/${encodeURIComponent(obj.metadata.name)}` : ''}`;
  }

  /**
   * Server-side apply, as `kubectl apply --server-side` sends it (field
   * manager, conflicts forced, unknown or duplicate fields refused:
   * fieldValidation=Strict, kubectl's default), optionally as a dry run
   * (`--dry-run=server`: admitted and validated, not stored).
   */
  async apply<T = any>(obj: KubeObject, options: { dryRun?: boolean; fieldManager?: string; force?: boolean } = {}): Promise<T> {
    const query = new URLSearchParams({ fieldManager: options.fieldManager ?? 'kubectl', fieldValidation: 'Strict' });
    if (options.force ?? true) query.set('force', 'true');
    if (options.dryRun) query.set('dryRun', 'All');
    return this.request('PATCH', `${await this.pathOf(obj)}?${query}`, obj, 'application/apply-patch+yaml');
  }

  /** The object as stored, or undefined when it does not exist. */
  async get<T = any>(obj: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): Promise<T | undefined> {
    try {
      return await this.request('GET', await this.pathOf(obj));
    } catch (err) {
      if (err instanceof KubeApiError && err.status === 404) return undefined;
      throw err;
    }
  }

  /**
   * A hand edit, as `kubectl edit` ends: the stored object, changed by
   * `edit`, written back whole (PUT, with the resourceVersion read).
   */
  async edit<T extends Record<string, any>>(obj: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>, edit: (stored: T) => T): Promise<T> {
    const stored = await this.get<T>(obj);
    if (!stored) throw new Error(`${obj.kind} ${obj.metadata.name} does not exist`);
    return this.request('PUT', `${await this.pathOf(obj)}?fieldManager=kubectl-edit&fieldValidation=Strict`, edit(structuredClone(stored)));
  }

  async delete(obj: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): Promise<void> {
    await this.request('DELETE', await this.pathOf(obj));
  }

  async createNamespace(name: string): Promise<string> {
    await this.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    return name;
  }

  /**
   * Installs a CustomResourceDefinition and waits until it is Established
   * (served), as `kubectl wait --for condition=established` would.
   */
  async installCrd(crd: KubeObject, timeoutMs = 30_000): Promise<void> {
    await this.apply(crd);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const stored = await this.get(crd);
      if (stored?.status?.conditions?.some((c: { type: string; status: string }) => c.type === 'Established' && c.status === 'True')) break;
      if (Date.now() > deadline) throw new Error(`CRD ${crd.metadata.name} not Established within ${timeoutMs / 1000}s`);
      await new Promise((r) => setTimeout(r, 100));
    }
    this.forgetDiscovery();
  }

  /** A token for a ServiceAccount, from the TokenRequest API (what `kubectl create token` calls). */
  async serviceAccountToken(namespace: string, name: string, expirationSeconds = 3600): Promise<string> {
    const core = this.kc.makeApiClient(k8s.CoreV1Api);
    const answer = await core.createNamespacedServiceAccountToken({ name, namespace, body: { spec: { audiences: [], expirationSeconds } } });
    return answer.status!.token;
  }
}

/** A namespace name no other test uses: `prefix-xxxxxx`. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`.slice(0, 63);
}

export type PolicyRule = { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] };

/**
 * A ServiceAccount `name` in `namespace` holding exactly the given rules,
 * one Role and RoleBinding per namespace, and a kubeconfig for it (a token
 * from the TokenRequest API) written to `file`. Returns the Role and
 * RoleBinding objects applied.
 */
export async function serviceAccountWithRoles(
  admin: KubeClient,
  adminKubeconfig: string,
  options: { namespace: string; name: string; roles: { namespace: string; rules: PolicyRule[] }[]; file: string },
): Promise<{ kubeconfig: string; objects: KubeObject[] }> {
  const { namespace, name } = options;
  const objects: KubeObject[] = [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } }];
  for (const role of options.roles) {
    objects.push(
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace: role.namespace }, rules: role.rules },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name, namespace: role.namespace },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
        subjects: [{ kind: 'ServiceAccount', name, namespace }],
      },
    );
  }
  for (const obj of objects) await admin.apply(obj);
  const token = await admin.serviceAccountToken(namespace, name);
  return { kubeconfig: writeTokenKubeconfig(adminKubeconfig, token, options.file, namespace), objects };
}

// ---------------------------------------------------------------- helm

export interface HelmRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real helm binary against the test cluster (KUBECONFIG set, its
 * cache, config and data under a temporary HOME so nothing of the user's is
 * read or written). `env` adds to that (HELM_DRIVER=configmap...).
 */
export function helm(args: string[], options: { kubeconfig: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; onSpawn?: (child: ChildProcess) => void }): Promise<HelmRun> {
  const home = mkdtempSync(join(tmpdir(), 'temporal-auth-helm-'));
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    KUBECONFIG: options.kubeconfig,
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_DATA_HOME: join(home, 'data'),
    ...options.env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(kubeTools().helm, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    options.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c) => (stdout += c));
    child.stderr!.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      rmSync(home, { recursive: true, force: true });
      resolve({ code, stdout, stderr });
    });
  });
}

/** A copy of the test chart at another version (Chart.yaml's version), in `dir`. */
export function testChartAt(version: string, dir: string): string {
  const copy = join(dir, `chart-${version}`);
  cpSync(TEST_CHART, copy, { recursive: true });
  const file = join(copy, 'Chart.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^version: .*$/m, `version: ${version}`));
  return copy;
}
