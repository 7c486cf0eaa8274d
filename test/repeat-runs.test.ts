// Every command as a user runs it, more than once: the shipped bin
// (bin/temporal-auth.js -> dist/boot.cjs -> dist/cli.cjs), each command in a
// fresh folder of its own, run cold (no compile cache), again (the cache the
// first run wrote), and again after the bundle was rebuilt (the older build's
// cache still there, and put where the new build's goes, which V8 must refuse).
// Every run of a command must print the same and exit the same. This is the
// journey the compile cache broke once: diff and interactive init worked the
// first time and exited 70 on every later run (a dynamic import from a script
// read from the cache).
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitValues } from '../src/emit/values.js';
import { examplePath, modelOf, ROOT, tempDir } from './helpers.js';
import { mixedLog } from './support/audit-lines.js';
import { releaseSecret } from './support/helm-release.js';
import { TestKubeApi } from './support/kube-api.js';
import { TestOpenIdProvider } from './support/oidc-op.js';

const WEB_SECRET = 'canary-repeat-web-secret-71c2';
const WORKER_SECRET = 'canary-repeat-worker-secret-0b9e';

let api: TestKubeApi;
let op: TestOpenIdProvider;
let shared: string;

beforeAll(async () => {
  [api, op] = await Promise.all([
    new TestKubeApi().start(120_000),
    new TestOpenIdProvider([{ clientId: 'payroll-client', clientSecret: WORKER_SECRET, claims: { groups: ['payroll-engineers'] } }]).start(120_000),
  ]);
  // Not tempDir(): that is emptied after every test.
  shared = mkdtempSync(join(tmpdir(), 'temporal-auth-repeat-'));
  writeFileSync(join(shared, 'ca.pem'), op.pki!.caPem);
  const values = emitValues(await modelOf(examplePath('okta')));
  api.add(releaseSecret({ name: 'temporal', namespace: 'temporal', version: 1, status: 'deployed', chartVersion: '1.6.0', config: values }));
  writeFileSync(join(shared, 'live-values.yaml'), JSON.stringify(values));
  // A spec on the test issuer, for the commands that talk to it: the quickstart with a worker client.
  const spec = readFileSync(examplePath('quickstart'), 'utf8')
    .replace('url: https://auth.example.com', `url: ${op.issuer}\n  audience: api://temporal`)
    .replace('namespaces:', '  workers: [ { name: payroll-worker, clientId: payroll-client, clientSecret: { fromEnv: WORKER_SECRET }, grants: { default: write } } ]\nnamespaces:');
  writeFileSync(join(shared, 'issuer.yaml'), spec);
  writeFileSync(join(shared, 'frontend.log'), mixedLog());
}, 60_000);
afterAll(async () => {
  await Promise.all([api?.stop(), op?.stop()]);
  rmSync(shared, { recursive: true, force: true });
});

/** A copy of the package as installed (bin, dist without a cache, schemas), its cache folder this test's own. */
function copyOfPackage(): string {
  const dir = tempDir();
  for (const part of ['bin', 'dist', 'schemas', 'package.json']) cpSync(join(ROOT, part), join(dir, part), { recursive: true, filter: (src) => !src.includes(join('dist', '.cache')) });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

interface Case {
  name: string;
  args: () => string[];
  /** Run with stdin and stdout on a terminal (script(1)), answering with these lines. */
  terminal?: string;
  /** What the command reads on stdin (a pipe). */
  input?: string;
  /** What may differ between runs (a freshly minted token), replaced before comparing. */
  normalise?: (text: string) => string;
  /** The exit code every run must give. */
  code: number;
}

const kubeconfig = () => api.writeKubeconfig(shared);
const issuerSpec = () => join(shared, 'issuer.yaml');
const CASES: Case[] = [
  { name: 'help', args: () => ['--help'], code: 0 },
  { name: 'version', args: () => ['--version'], code: 0 },
  { name: 'init --yes', args: () => ['init', '--provider', 'okta', '--issuer', 'https://acme.okta.com/oauth2/default', '--yes', '-o', 'spec.yaml', '--force'], code: 0 },
  { name: 'init on a terminal', args: () => ['init', '-o', 'spec.yaml', '--force'], terminal: 'okta\nhttps://acme.okta.com/oauth2/default\n1.6.0\n', code: 0 },
  { name: 'validate', args: () => ['validate', examplePath('okta')], code: 0 },
  { name: 'validate, bad spec', args: () => ['validate', join(shared, 'missing.yaml')], code: 1 },
  { name: 'render --out', args: () => ['render', examplePath('okta'), '--out', 'out'], code: 0 },
  { name: 'render --stdout', args: () => ['render', examplePath('okta'), '--stdout'], code: 0 },
  // Workload identity: a service-account worker beside an OAuth one (worker-identity.yaml, cluster-issuer-rbac.yaml).
  { name: 'render --out, workload identity', args: () => ['render', examplePath('workload-identity'), '--out', 'out'], code: 0 },
  { name: 'diff --help', args: () => ['diff', '--help'], code: 0 },
  { name: 'diff --kubeconfig', args: () => ['diff', examplePath('okta'), '--kubeconfig', kubeconfig(), '--detailed-exitcode'], code: 2 },
  { name: 'diff --values-file', args: () => ['diff', examplePath('okta'), '--values-file', join(shared, 'live-values.yaml'), '--detailed-exitcode'], code: 0 },
  { name: 'explain', args: () => ['explain', examplePath('okta')], code: 0 },
  { name: 'explain --api', args: () => ['explain', examplePath('okta'), '--group', 'payroll-admins', '--api', 'GetSearchAttributes'], code: 2 },
  // The Web UI's namespace list for a namespace-only admin: allowed by the custom server (ui-cluster-api).
  { name: 'explain --api ui', args: () => ['explain', examplePath('okta'), '--group', 'payroll-admins', '--api', 'ListNamespaces'], code: 0 },
  { name: 'check', args: () => ['check', issuerSpec(), '--ca-file', join(shared, 'ca.pem')], code: 0 },
  {
    name: 'token',
    args: () => ['token', issuerSpec(), '--client', 'payroll-worker', '--ca-file', join(shared, 'ca.pem')],
    normalise: (t) => t.replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, '<jwt>'),
    code: 0,
  },
  { name: 'audit FILE --spec', args: () => ['audit', join(shared, 'frontend.log'), '--spec', examplePath('okta')], code: 0 },
  { name: 'audit from stdin', args: () => ['audit', '-o', 'json'], input: mixedLog(), code: 0 },
];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function bin(pkg: string, c: Case, cwd: string): Promise<Run> {
  const env = {
    PATH: process.env.PATH,
    HOME: cwd,
    OKTA_WEB_CLIENT_SECRET: WEB_SECRET,
    OKTA_PAYROLL_WORKER_CLIENT_SECRET: WORKER_SECRET,
    TEMPORAL_UI_CLIENT_SECRET: WEB_SECRET,
    ORDERS_WORKER_CLIENT_SECRET: WORKER_SECRET,
    WORKER_SECRET,
  };
  const argv = [join(pkg, 'bin', 'temporal-auth.js'), ...c.args()];
  // script(1) gives the command a terminal for stdin and stdout, as a person at a shell has.
  const [file, args] = c.terminal ? ['script', ['-qec', [process.execPath, ...argv].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' '), '/dev/null']] : [process.execPath, argv];
  return new Promise((resolve, reject) => {
    const child = spawn(file as string, args as string[], { cwd, env, stdio: [c.terminal || c.input !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const norm = c.normalise ?? ((t: string) => t);
      // script(1) turns the terminal's line ends into CRLF and echoes what it was given.
      const tty = (t: string) => (c.terminal ? t.replace(/\r/g, '').replace(/\x1b\[[0-9;]*[A-Za-z]/g, '') : t);
      resolve({ code, stdout: norm(tty(stdout)), stderr: norm(stderr) });
    });
    if (c.terminal) child.stdin!.end(c.terminal);
    else if (c.input !== undefined) child.stdin!.end(c.input);
  });
}

/** Runs each case's step concurrently, two at a time (what the machine has), in case order. */
async function eachCase<T>(step: (c: Case, i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(CASES.length);
  let next = 0;
  const worker = async () => {
    while (next < CASES.length) {
      const i = next++;
      results[i] = await step(CASES[i]!, i);
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

/** The cache file boot.cjs would use for these arguments, asked of boot.cjs in a process like the bin's. */
function cacheFileOf(pkg: string, args: string[]): string {
  const helper = join(pkg, 'cache-file.cjs');
  writeFileSync(helper, "const [bundle, ...argv] = process.argv.slice(2); process.stdout.write(require('./dist/boot.cjs').cacheFile(bundle, argv).file);\n");
  const r = spawnSync(process.execPath, [helper, join(pkg, 'dist', 'cli.cjs'), ...args], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe('every command, run after run, through the shipped bin', () => {
  it("gives the same output and exit code cold, from its compile cache, and over an older build's cache", async () => {
    expect(spawnSync('script', ['--version']).status, 'script(1) from util-linux is needed for the terminal case').toBe(0);
    const pkg = copyOfPackage();
    const folders = CASES.map(() => {
      const d = tempDir();
      copyFileSync(join(shared, 'ca.pem'), join(d, 'ca.pem'));
      return d;
    });
    const cold = await eachCase((c, i) => bin(pkg, c, folders[i]!));
    for (const [i, c] of CASES.entries()) {
      expect(cold[i]!.code, `${c.name}, cold: ${cold[i]!.stderr}`).toBe(c.code);
      expect(cold[i]!.stderr, c.name).not.toMatch(/internal error|ExperimentalWarning|Warning:/);
    }
    const caches = readdirSync(join(pkg, 'dist', '.cache')).sort();
    // One cache per command (help and --version share 'all'), nothing half-written.
    expect(caches.map((f) => f.replace(/-.*/, ''))).toEqual(['all', 'audit', 'check', 'diff', 'explain', 'init', 'render', 'token', 'validate']);

    // A render's files, as one run leaves them: the same on every run (a fresh folder's, and one an earlier run wrote).
    const renderedFiles = (dir: string) =>
      Object.fromEntries(
        readdirSync(join(dir, 'out'))
          .sort()
          .map((f) => [f, readFileSync(join(dir, 'out', f), 'utf8')]),
      );
    const identity = CASES.findIndex((c) => c.name === 'render --out, workload identity');
    const firstFiles = renderedFiles(folders[identity]!);
    expect(Object.keys(firstFiles)).toEqual(expect.arrayContaining(['worker-identity.yaml', 'cluster-issuer-rbac.yaml']));
    const fresh = tempDir();
    const again = await bin(pkg, CASES[identity]!, fresh);
    expect(again).toEqual(cold[identity]);
    expect(renderedFiles(fresh)).toEqual(firstFiles);

    const cached = await eachCase((c, i) => bin(pkg, c, folders[i]!));
    for (const [i, c] of CASES.entries()) expect(cached[i], `${c.name}, from the cache`).toEqual(cold[i]);

    // A rebuilt bundle: the old caches stay behind under their old names, and each command's is also
    // copied to the name the new build reads (as if the names collided); V8 refuses it, the run must not care.
    const old = new Map(CASES.map((c) => [c.name, cacheFileOf(pkg, c.args())]));
    appendFileSync(join(pkg, 'dist', 'cli.cjs'), '\n// rebuilt\n');
    for (const c of CASES) {
      const now = cacheFileOf(pkg, c.args());
      expect(now).not.toBe(old.get(c.name));
      if (existsSync(old.get(c.name)!)) copyFileSync(old.get(c.name)!, now);
    }
    const rebuilt = await eachCase((c, i) => bin(pkg, c, folders[i]!));
    for (const [i, c] of CASES.entries()) expect(rebuilt[i], `${c.name}, over an older build's cache`).toEqual(cold[i]);
    expect(renderedFiles(folders[identity]!)).toEqual(firstFiles);
    // ... and the refused caches were written again for the new build (each carries its size in its header).
    for (const c of CASES) {
      const data = readFileSync(cacheFileOf(pkg, c.args()));
      expect(data.readUInt32LE(8), c.name).toBe(data.length - 16);
    }

    // What the runs left behind is what one run leaves.
    expect(readFileSync(join(folders[2]!, 'spec.yaml'), 'utf8')).toContain('provider: okta');
    expect(readFileSync(join(folders[3]!, 'spec.yaml'), 'utf8')).toBe(readFileSync(join(folders[2]!, 'spec.yaml'), 'utf8'));
    expect(readdirSync(join(folders[6]!, 'out'))).toContain('values.auth.yaml');
    // audit, from a file and from stdin: the suggestions for the same log.
    const [fromFile, fromStdin] = [CASES.findIndex((c) => c.name === 'audit FILE --spec'), CASES.findIndex((c) => c.name === 'audit from stdin')];
    expect(cold[fromFile]!.stdout).toContain('      clients:\n        workers:\n          - name: payroll-worker');
    expect(JSON.parse(cold[fromStdin]!.stdout).suggestions).toHaveLength(4);
  }, 120_000);
});
