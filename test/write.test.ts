import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as writer from '../src/write/atomic.js';
import { quickstart, ROOT, runCli, tempDir, writeSpec } from './helpers.js';

// The crash, failure and concurrency tests run the writer in child processes (bundled from this
// source by esbuild) that count every call that changes the file system (node:fs's synchronous
// calls, fs/promises and file handles) and, as told, SIGKILL themselves after call N, fail call N
// with an errno, or pause after their first rename onto an output file. No hook in the writer
// itself: the same harness runs against any implementation.

const HARNESS = `
import { createRequire, syncBuiltinESMExports } from 'node:module';
import * as writer from './src/write/atomic.ts';
const require = createRequire(import.meta.url);
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const { existsSync, writeFileSync } = fs; // the harness's own, taken before the hooks
const cfg = JSON.parse(process.env.HARNESS);
let ops = 0;
let paused = false;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sleeper = new Int32Array(new SharedArrayBuffer(4));
const isOutputRename = (name, args) => (name === 'rename' || name === 'renameSync') && !String(args[1]).split('/').pop().startsWith('.');
function before(name) {
  const n = ++ops;
  if (cfg.failAt === n) throw Object.assign(new Error('ENOSPC: injected, ' + name), { code: 'ENOSPC' });
  return n;
}
async function counted(name, args, call) {
  const n = before(name);
  let result;
  try {
    result = await call();
  } finally {
    if (cfg.killAt === n) process.kill(process.pid, 'SIGKILL');
  }
  if (cfg.pause && !paused && isOutputRename(name, args)) {
    paused = true;
    writeFileSync(cfg.pause.ready, '');
    while (!existsSync(cfg.pause.go)) await sleep(10);
  }
  return result;
}
function countedSync(name, args, call) {
  const n = before(name);
  let result;
  try {
    result = call();
  } finally {
    if (cfg.killAt === n) process.kill(process.pid, 'SIGKILL');
  }
  if (cfg.pause && !paused && isOutputRename(name, args)) {
    paused = true;
    writeFileSync(cfg.pause.ready, '');
    while (!existsSync(cfg.pause.go)) Atomics.wait(sleeper, 0, 0, 10);
  }
  return result;
}
const MUTATING = ['writeFile', 'appendFile', 'rename', 'unlink', 'rm', 'rmdir', 'mkdir', 'link', 'symlink', 'copyFile', 'chmod', 'truncate'];
for (const name of MUTATING) {
  const orig = fsp[name];
  fsp[name] = (...args) => counted(name, args, () => orig(...args));
  const origSync = fs[name + 'Sync'];
  fs[name + 'Sync'] = (...args) => countedSync(name + 'Sync', args, () => origSync(...args));
}
for (const name of ['writeSync', 'fchmodSync', 'ftruncateSync']) {
  const orig = fs[name];
  fs[name] = (...args) => countedSync(name, args, () => orig(...args));
}
const origOpenSync = fs.openSync;
fs.openSync = (path, flags = 'r', ...rest) => (flags === 'r' ? origOpenSync(path, flags, ...rest) : countedSync('openSync', [path], () => origOpenSync(path, flags, ...rest)));
const origOpen = fsp.open;
const probe = await origOpen(process.execPath, 'r');
const proto = Object.getPrototypeOf(probe);
await probe.close();
for (const name of ['writeFile', 'write', 'chmod', 'truncate']) {
  const orig = proto[name];
  proto[name] = function (...args) { return counted('handle.' + name, args, () => orig.apply(this, args)); };
}
fsp.open = (path, flags = 'r', ...rest) => (flags === 'r' ? origOpen(path, flags, ...rest) : counted('open', [path], () => origOpen(path, flags, ...rest)));
syncBuiltinESMExports();
async function once(dir) {
  try {
    await writer.writeFilesAtomically(dir, cfg.files, cfg.options);
    return { ok: true, ops };
  } catch (err) {
    return { ok: false, ops, error: err.message, code: err.code, type: err.constructor.name };
  }
}
if (cfg.failEach) {
  // One write per folder, the k-th failing at its k-th step.
  const results = [];
  for (const [k, dir] of cfg.failEach.entries()) {
    ops = 0;
    cfg.failAt = k + 1;
    results.push(await once(dir));
  }
  process.stdout.write(JSON.stringify({ ok: true, ops, results }));
} else {
  process.stdout.write(JSON.stringify(await once(cfg.dir)));
}
`;

let harnessFile = '';
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'temporal-auth-harness-'));
  harnessFile = join(dir, 'harness.mjs');
  await build({
    stdin: { contents: HARNESS, resolveDir: ROOT, sourcefile: 'harness.ts', loader: 'ts' },
    outfile: harnessFile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
  });
  return () => rmSync(dir, { recursive: true, force: true });
}, 30_000);

interface HarnessConfig {
  dir: string;
  files?: writer.OutputFile[];
  options?: writer.WriteOptions;
  killAt?: number;
  failAt?: number;
  failEach?: string[];
  pause?: { ready: string; go: string };
}
interface HarnessOutcome {
  ok: boolean;
  ops: number;
  error?: string;
  code?: string;
  type?: string;
}
interface HarnessResult {
  signal: NodeJS.Signals | null;
  out?: HarnessOutcome & { results?: HarnessOutcome[] };
}

function runHarness(cfg: HarnessConfig): Promise<HarnessResult> & { exited: () => boolean } {
  const child = spawn(process.execPath, [harnessFile], { env: { PATH: process.env.PATH, HARNESS: JSON.stringify(cfg) }, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  let done = false;
  child.stdout.on('data', (d) => (stdout += d));
  const p = new Promise<HarnessResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      done = true;
      resolve({ signal, out: stdout ? JSON.parse(stdout) : undefined });
    });
  });
  return Object.assign(p, { exited: () => done });
}

/** Runs `jobs` with at most `n` at a time. */
async function pool<T>(n: number, jobs: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]!();
      }
    }),
  );
  return results;
}

const MANIFEST = '.temporal-auth-manifest';
const USER_FILE = { name: 'kustomization.yaml', content: 'resources: [values.auth.yaml]\n' };
const OLD: writer.OutputFile[] = [
  { name: 'values.auth.yaml', content: 'old values\n', mode: 0o644 },
  { name: 'secrets.yaml', content: 'old-secret-canary\n', mode: 0o600 },
  { name: 'policy-configmap.yaml', content: 'old policy\n', mode: 0o644 },
];
const NEW: writer.OutputFile[] = [
  { name: 'values.auth.yaml', content: 'new values\n', mode: 0o644 },
  { name: 'networkpolicy.yaml', content: 'new netpol\n', mode: 0o644 },
  { name: 'token.yaml', content: 'new-secret-canary\n', mode: 0o600 },
];

// The same switch between the two layouts render writes (gitops.layout): files into, and out of, subfolders.
const OLD_FOLDERS: writer.OutputFile[] = [
  { name: 'values.auth.yaml', content: 'old values\n', mode: 0o644 },
  { name: 'secrets/secrets.yaml', content: 'old-secret-canary\n', mode: 0o600 },
  { name: 'manifests/policy-configmap.yaml', content: 'old policy\n', mode: 0o644 },
];
const NEW_FOLDERS: writer.OutputFile[] = [
  { name: 'values.auth.yaml', content: 'new values\n', mode: 0o644 },
  { name: 'manifests/networkpolicy.yaml', content: 'new netpol\n', mode: 0o644 },
  { name: 'manifests/policy-configmap.yaml', content: 'new policy\n', mode: 0o644 },
  { name: 'secrets/token.yaml', content: 'new-secret-canary\n', mode: 0o600 },
];

/** Every file under `dir` (one level of subfolders, as render writes), as `sub/name`; an empty folder holds nothing and is not listed. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (lstatSync(join(dir, f)).isDirectory() ? readdirSync(join(dir, f)).map((g) => `${f}/${g}`) : [f]));
}

/** The folder as name -> [content, mode]; for the manifest, the files it lists. */
function snapshot(dir: string): Record<string, [string, number]> {
  const content = (f: string) => (f === MANIFEST ? JSON.parse(readFileSync(join(dir, f), 'utf8')).files.join(' ') : readFileSync(join(dir, f), 'utf8'));
  return sortedKeys(Object.fromEntries(filesUnder(dir).map((f) => [f, [content(f), lstatSync(join(dir, f)).mode & 0o777]])));
}
const sortedKeys = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
const expected = (set: writer.OutputFile[]) =>
  sortedKeys<[string, number]>({
    ...Object.fromEntries(set.map((f) => [f.name, [f.content, f.mode] as [string, number]])),
    [MANIFEST]: [
      set
        .map((f) => f.name)
        .sort()
        .join(' '),
      0o644,
    ],
    [USER_FILE.name]: [USER_FILE.content, 0o644],
  });

// The loops below kill and fail writers a hundred times; fsync (a no-op on tmpfs) makes up most of
// a write's time on a disk, and a process kill does not depend on it: use tmpfs where there is one.
const FAST_ROOT = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const fastDirs: string[] = [];
afterAll(() => {
  for (const d of fastDirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function fastDir(): string {
  const d = mkdtempSync(join(FAST_ROOT, 'temporal-auth-test-'));
  fastDirs.push(d);
  return d;
}

const oldTemplates = new Map<writer.OutputFile[], string>();
/** A folder holding the OLD set (or `set`) as written by the writer (manifest included) and a file of the user's. */
async function oldFolder(set: writer.OutputFile[] = OLD): Promise<string> {
  let template = oldTemplates.get(set);
  if (!template) {
    template = join(fastDir(), 'out');
    await writer.writeFilesAtomically(template, set, { manifest: true });
    writeFileSync(join(template, USER_FILE.name), USER_FILE.content, { mode: 0o644 });
    chmodSync(join(template, USER_FILE.name), 0o644);
    oldTemplates.set(set, template);
  }
  const dir = join(fastDir(), 'out');
  cpSync(template, dir, { recursive: true });
  return dir;
}

/** Every file in the folder that holds a secret's content is readable by its owner only. */
function secretsArePrivate(dir: string): string[] {
  return filesUnder(dir)
    .filter((f) => lstatSync(join(dir, f)).isFile() && /secret-canary/.test(readFileSync(join(dir, f), 'utf8')))
    .filter((f) => (lstatSync(join(dir, f)).mode & 0o077) !== 0);
}

describe('crash safety: kill -9 at every step of a write', () => {
  const SWITCHES = [
    { title: 'flat to flat', from: OLD, to: NEW },
    { title: 'flat into subfolders (gitops.layout: folders)', from: OLD, to: NEW_FOLDERS },
    { title: 'subfolders to subfolders', from: OLD_FOLDERS, to: NEW_FOLDERS },
    { title: 'subfolders back to flat', from: OLD_FOLDERS, to: NEW },
  ];
  it.each(SWITCHES)(
    '$title: leaves exactly the old set or exactly the new set after the next run recovers, secrets 0600 throughout, no temporary or emptied folder left',
    async ({ from, to }) => {
      const fullDir = await oldFolder(from);
      const full = await runHarness({ dir: fullDir, files: to, options: { manifest: true } });
      expect(full.out?.ok, full.out?.error).toBe(true);
      expect(snapshot(fullDir)).toEqual(expected(to));
      // A folder the new set does not use is gone (render's layout switch leaves no empty manifests/).
      const folders = (set: writer.OutputFile[]) => [...new Set(set.filter((f) => f.name.includes('/')).map((f) => f.name.split('/')[0]))].sort();
      expect(
        readdirSync(fullDir)
          .filter((f) => lstatSync(join(fullDir, f)).isDirectory())
          .sort(),
      ).toEqual(folders(to));
      const total = full.out!.ops;
      expect(total).toBeGreaterThan(10);
      const outcomes = await pool(
        4,
        Array.from({ length: total }, (_, i) => async () => {
          const dir = await oldFolder(from);
          const run = await runHarness({ dir, files: to, options: { manifest: true }, killAt: i + 1 });
          expect(run.signal, `killed after step ${i + 1}`).toBe('SIGKILL');
          expect(secretsArePrivate(dir), `after step ${i + 1}`).toEqual([]);
          await writer.recoverFolder?.(dir, { knownNames: [...from, ...to].map((f) => f.name) }); // what the next run does first (the dead writer's lock is stale)
          const after = snapshot(dir);
          const which = JSON.stringify(after) === JSON.stringify(expected(from)) ? 'old' : JSON.stringify(after) === JSON.stringify(expected(to)) ? 'new' : undefined;
          if (which === undefined) expect(after, `killed after step ${i + 1} of ${total}: neither the old set nor the new`).toEqual(expected(to));
          return which;
        }),
      );
      // Both outcomes occur: the switch is one step (the journal's removal), not the end of the run.
      expect(new Set(outcomes)).toEqual(new Set(['old', 'new']));
    },
    30_000,
  );

  it('a failing step (a full disk) anywhere leaves the old set, or the new one once committed; the next run clears what is left', async () => {
    const full = await runHarness({ dir: await oldFolder(), files: NEW, options: { manifest: true } });
    const dirs = await Promise.all(Array.from({ length: full.out!.ops }, () => oldFolder()));
    const run = await runHarness({ failEach: dirs, dir: '', files: NEW, options: { manifest: true } });
    const failCodes = new Set<string>();
    for (const [i, dir] of dirs.entries()) {
      const result = run.out!.results![i]!;
      if (!result.ok) {
        failCodes.add(result.code!);
        expect(result.code, `step ${i + 1}: ${result.error}`).toBe('ENOSPC');
        expect(snapshot(dir), `failed at step ${i + 1}: the folder is as it was`).toEqual(expected(OLD));
      }
      await writer.recoverFolder(dir);
      expect([JSON.stringify(expected(OLD)), JSON.stringify(expected(NEW))], `step ${i + 1}`).toContain(JSON.stringify(snapshot(dir)));
    }
    expect([...failCodes]).toEqual(['ENOSPC']);
    expect(writer.writeErrorLine(Object.assign(new Error('x'), { code: 'ENOSPC' }), 'out', '--out')).toBe(
      'temporal-auth: cannot write to out (ENOSPC: no space left); nothing written: free some space or choose another --out\n',
    );
  });

  it('a later render removes temporaries a killed one left (they may hold a secret), its own and the old writer’s, and nothing else', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    mkdirSync(out);
    const stale = ['.temporal-auth.0123456789ab.secrets.yaml.tmp', '.temporal-auth.0123456789ab.values.auth.yaml.bak', '.secrets.yaml.0123456789ab.tmp', '.values.auth.yaml.previous.0123456789ab.tmp'];
    for (const f of stale) writeFileSync(join(out, f), 'client_secret: plaintext-canary\n', { mode: 0o600 });
    writeFileSync(join(out, '.notes.0123456789ab.tmp'), 'mine\n'); // named like an old temporary, but of no file render writes
    const run = await runCli(['render', writeSpec(quickstart(), dir), '--out', out], { env: { TEMPORAL_UI_CLIENT_SECRET: 's3cret' } });
    expect(run.code, run.stderr).toBe(0);
    for (const f of stale) expect(existsSync(join(out, f)), f).toBe(false);
    expect(readFileSync(join(out, '.notes.0123456789ab.tmp'), 'utf8')).toBe('mine\n');
  });
});

describe('two writers, one folder', () => {
  const A: writer.OutputFile[] = [
    { name: 'values.auth.yaml', content: 'A values\n', mode: 0o644 },
    { name: 'secrets.yaml', content: 'A secret\n', mode: 0o600 },
    { name: 'networkpolicy.yaml', content: 'A netpol\n', mode: 0o644 },
  ];
  const B: writer.OutputFile[] = [
    { name: 'values.auth.yaml', content: 'B values\n', mode: 0o644 },
    { name: 'policy-configmap.yaml', content: 'B policy\n', mode: 0o644 },
    { name: 'networkpolicy.yaml', content: 'B netpol\n', mode: 0o644 },
  ];

  it('the second waits for the first (paused mid-switch) and then writes its whole set: never a mix', async () => {
    const dir = await oldFolder();
    const ready = join(tempDir(), 'ready');
    const go = join(tempDir(), 'go');
    const first = runHarness({ dir, files: A, options: { manifest: true }, pause: { ready, go } });
    while (!existsSync(ready)) await new Promise((r) => setTimeout(r, 10));
    const second = runHarness({ dir, files: B, options: { manifest: true } });
    await new Promise((r) => setTimeout(r, 400));
    const secondFinishedEarly = second.exited();
    writeFileSync(go, '');
    const [a, b] = await Promise.all([first, second]);
    expect(a.out?.ok, a.out?.error).toBe(true);
    expect(b.out?.ok, b.out?.error).toBe(true);
    expect(snapshot(dir)).toEqual(expected(B));
    expect(secondFinishedEarly, 'the second writer did not wait for the first').toBe(false);
  }, 15_000);

  it('a lock held by a live process: waits, then fails with one line naming the pid and the lock file', async () => {
    const dir = await oldFolder();
    const lock = join(dir, '.temporal-auth.lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), since: '2025-01-01T00:00:00.000Z', token: 'someone-else' }));
    const started = Date.now();
    const err = await writer.writeFilesAtomically(dir, NEW, { manifest: true, lockTimeoutMs: 300 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(err).toBeInstanceOf(writer.LockedError);
    const line = writer.writeErrorLine(err, 'out/', '--out')!;
    expect(line).toBe(
      `temporal-auth: out is being written by another temporal-auth (pid ${process.pid} on ${hostname()}, since 2025-01-01T00:00:00.000Z); nothing written: run again when it is done, or delete ${lock} if that process is gone\n`,
    );
    expect(snapshot(dir)).toEqual({ ...expected(OLD), '.temporal-auth.lock': [readFileSync(lock, 'utf8'), 0o644] });
  });

  it('a lock left by a process that is gone is taken over', async () => {
    const dir = await oldFolder();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(join(dir, '.temporal-auth.lock'), JSON.stringify({ pid: Number(dead), host: hostname(), since: '2025-01-01T00:00:00.000Z', token: 'dead' }));
    await writer.writeFilesAtomically(dir, NEW, { manifest: true, lockTimeoutMs: 300 });
    expect(snapshot(dir)).toEqual(expected(NEW));
  });

  it('two renders (real CLI processes) at once: both succeed, the folder holds one whole set', async () => {
    const dir = tempDir();
    const spec = writeSpec(quickstart(), dir);
    const out = join(dir, 'out');
    const render = (extra: string[]) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [join(ROOT, 'bin', 'temporal-auth.js'), 'render', spec, '--out', out, ...extra], {
          env: { PATH: process.env.PATH, TEMPORAL_UI_CLIENT_SECRET: 's3cret' },
          stdio: 'ignore',
        });
        child.on('close', resolve);
      });
    const withSecret = ['.temporal-auth-manifest', 'kustomization.yaml', 'networkpolicy.yaml', 'policy-configmap.yaml', 'secrets.yaml', 'values.auth.yaml'];
    for (let round = 0; round < 2; round++) {
      expect(await Promise.all([render([]), render(['--no-secrets'])])).toEqual([0, 0]);
      const names = readdirSync(out).sort();
      expect([JSON.stringify(withSecret), JSON.stringify(withSecret.filter((n) => n !== 'secrets.yaml'))]).toContain(JSON.stringify(names));
    }
  }, 15_000);
});

describe('folders others can write to (secrets refused)', () => {
  const ME = 1000;
  const OTHER = 65534;
  const cases: [string, writer.FolderFacts, writer.FolderFacts | undefined, number | undefined, ReturnType<typeof writer.folderRisk>][] = [
    ['private folder, private parent', { mode: 0o40755, uid: ME }, { mode: 0o40755, uid: ME }, ME, undefined],
    ['world-writable folder', { mode: 0o40777, uid: ME }, { mode: 0o40755, uid: ME }, ME, 'world-writable'],
    ['sticky world-writable folder owned by another user', { mode: 0o41777, uid: OTHER }, { mode: 0o40755, uid: 0 }, ME, 'shared-sticky'],
    ['/tmp itself (sticky, owned by root) for a non-root user', { mode: 0o41777, uid: 0 }, { mode: 0o40755, uid: 0 }, ME, 'shared-sticky'],
    ['/tmp itself for root', { mode: 0o41777, uid: 0 }, { mode: 0o40755, uid: 0 }, 0, undefined],
    ['sticky world-writable folder of ours', { mode: 0o41777, uid: ME }, { mode: 0o40755, uid: ME }, ME, undefined],
    ['sticky folder owned by another user, as root', { mode: 0o41777, uid: OTHER }, { mode: 0o40755, uid: 0 }, 0, 'shared-sticky'],
    ['world-writable parent', { mode: 0o40755, uid: ME }, { mode: 0o40777, uid: ME }, ME, 'parent-world-writable'],
    ['a folder in /tmp (sticky parent owned by root)', { mode: 0o40755, uid: ME }, { mode: 0o41777, uid: 0 }, ME, undefined],
    ['sticky parent owned by another user', { mode: 0o40755, uid: ME }, { mode: 0o41777, uid: OTHER }, ME, 'parent-shared-sticky'],
    ['sticky parent of ours', { mode: 0o40755, uid: ME }, { mode: 0o41777, uid: ME }, ME, undefined],
    ['group-writable folder (not world)', { mode: 0o40775, uid: ME }, { mode: 0o40755, uid: ME }, ME, undefined],
    ['no uids (Windows)', { mode: 0o40777, uid: 0 }, undefined, undefined, undefined],
  ];
  for (const [name, folder, parent, uid, risk] of cases) {
    it(`${name}: ${risk ?? 'allowed'}`, () => expect(writer.folderRisk(folder, parent, uid)).toBe(risk));
  }

  it('render refuses a folder inside a world-writable parent, creates nothing, and writes it with --no-secrets', async () => {
    const dir = tempDir();
    const shared = join(dir, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    const out = join(shared, 'out');
    const spec = writeSpec(quickstart(), dir);
    const run = await runCli(['render', spec, '--out', out], { env: { TEMPORAL_UI_CLIENT_SECRET: 's3cret' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`temporal-auth: ${out} is in a world-writable folder (${shared}, where anyone can replace it); write secrets to a private folder; nothing written: choose another --out\n`);
    expect(existsSync(out)).toBe(false);
    expect((await runCli(['render', spec, '--out', out, '--no-secrets'])).code).toBe(0);
  });

  it.skipIf(process.getuid?.() !== 0)('(as root) render refuses a sticky world-writable folder owned by another user', async () => {
    const dir = tempDir();
    const shared = join(dir, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    chownSync(shared, 65534, 65534);
    const run = await runCli(['render', writeSpec(quickstart(), dir), '--out', shared], { env: { TEMPORAL_UI_CLIENT_SECRET: 's3cret' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`temporal-auth: ${shared} is a shared folder (mode 1777) owned by another user (uid 65534); write secrets to a private folder; nothing written: choose another --out\n`);
    expect(readdirSync(shared)).toEqual([]);
  });
});

describe('subfolders (gitops.layout: folders)', () => {
  it('a path deeper than one folder, with .., a backslash or a hidden folder is refused before anything is written', async () => {
    for (const name of ['a/b/c.yaml', '../x.yaml', 'manifests/../x.yaml', 'manifests\\x.yaml', '.temporal-auth/x.yaml', '.hidden/x.yaml', 'manifests/', '/abs.yaml']) {
      const out = join(tempDir(), 'out');
      await expect(writer.writeFilesAtomically(out, [{ name, content: 'x\n', mode: 0o644 }]), name).rejects.toThrow(writer.BadOutputNameError);
      expect(existsSync(out), name).toBe(false);
    }
  });

  it('a subfolder that is a symlink (or a file) is refused, and nothing is written through it', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(out);
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(out, 'secrets'));
    const files = [
      { name: 'values.auth.yaml', content: 'v\n', mode: 0o644 },
      { name: 'secrets/secrets.yaml', content: 'secret-canary\n', mode: 0o600 },
    ];
    await expect(writer.writeFilesAtomically(out, files, { manifest: true })).rejects.toMatchObject({ code: 'ENOTDIR' });
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(readdirSync(out)).toEqual(['secrets']);
    rmSync(join(out, 'secrets'));
    writeFileSync(join(out, 'secrets'), 'mine\n');
    await expect(writer.writeFilesAtomically(out, files, { manifest: true })).rejects.toMatchObject({ code: 'ENOTDIR' });
    expect(readFileSync(join(out, 'secrets'), 'utf8')).toBe('mine\n');
  });

  it('an existing subfolder others can write to is no place for a secret', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    mkdirSync(join(out, 'secrets'), { recursive: true });
    writeFileSync(join(out, 'secrets', 'README'), 'shared\n'); // not empty: the writer does not replace it
    chmodSync(join(out, 'secrets'), 0o777);
    const files = [{ name: 'secrets/secrets.yaml', content: 'secret-canary\n', mode: 0o600 }];
    await expect(writer.writeFilesAtomically(out, files)).rejects.toThrow(writer.UnsafeOutputError);
    expect(readdirSync(join(out, 'secrets'))).toEqual(['README']);
  });

  it("a file of the user's in a subfolder stays when a layout switch empties the rest; the folder stays with it", async () => {
    const out = join(tempDir(), 'out');
    await writer.writeFilesAtomically(out, [{ name: 'manifests/a.yaml', content: 'a\n', mode: 0o644 }], { manifest: true });
    writeFileSync(join(out, 'manifests', 'mine.yaml'), 'mine\n');
    await writer.writeFilesAtomically(out, [{ name: 'a.yaml', content: 'a\n', mode: 0o644 }], { manifest: true });
    expect(readdirSync(join(out, 'manifests'))).toEqual(['mine.yaml']);
  });
});

describe('write errors are exit 1 with one line', () => {
  it('init -o into a folder that does not exist names it and says to create it', async () => {
    const dir = tempDir();
    const run = await runCli(['init', '--yes', '-o', 'dir/missing/x.yaml'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('temporal-auth: cannot write dir/missing/x.yaml: the folder dir/missing does not exist; create it first (mkdir -p dir/missing) or choose another -o\n');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('init -o through a file names the file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes'), 'mine\n');
    const run = await runCli(['init', '--yes', '-o', 'notes/x.yaml'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('temporal-auth: cannot write notes/x.yaml: notes is not a folder; choose another -o\n');
  });

  it('init into an existing folder still writes (0644) and leaves nothing else', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    expect((await runCli(['init', '--yes', '-o', 'sub/x.yaml'], { cwd: dir })).code).toBe(0);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['x.yaml']);
    expect(statSync(join(dir, 'sub', 'x.yaml')).mode & 0o777).toBe(0o644);
  });

  it('an unfinished write that cannot be undone (a journal not ours) is one line, and nothing is touched', async () => {
    const dir = await oldFolder();
    writeFileSync(join(dir, '.temporal-auth.journal'), '{"version": 1, "place": [{"name": "../escape", "temp": "x"}], "remove": []}');
    const before = snapshot(dir);
    const err = await writer.writeFilesAtomically(dir, NEW, { manifest: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(writer.RecoveryError);
    expect(writer.writeErrorLine(err, 'out', '--out')).toMatch(/^temporal-auth: out holds an unfinished earlier write that cannot be undone \(the journal is not one temporal-auth wrote\); [^\n]+\n$/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a bug is not a write error: it stays exit 70', () => {
    expect(writer.writeErrorLine(new TypeError('x is undefined'), 'out', '--out')).toBeUndefined();
  });
});

// Durability: the writer's own order of file system calls, traced in a child process (the same
// bundling as the harness above). Without an fsync of a file's content before the rename that
// puts it in place, a power loss after the rename can leave the new name on an empty or partial
// file on many file systems (ext4 data=writeback, XFS): the crash tests above cannot see that,
// since a killed process's writes stay in the page cache.
const TRACE_HARNESS = `
import { createRequire, syncBuiltinESMExports } from 'node:module';
import * as writer from './src/write/atomic.ts';
const require = createRequire(import.meta.url);
const fs = require('node:fs');
const cfg = JSON.parse(process.env.HARNESS);
const trace = [];
const paths = new Map();
const wrap = (name, describe) => {
  const orig = fs[name];
  fs[name] = (...args) => {
    const result = orig(...args);
    trace.push(describe(args, result));
    return result;
  };
};
wrap('openSync', ([path, flags], fd) => (paths.set(fd, String(path)), ['open', String(path), String(flags ?? 'r'), fd]));
wrap('writeSync', ([fd]) => ['write', paths.get(fd)]);
wrap('writeFileSync', ([target]) => ['write', typeof target === 'number' ? paths.get(target) : String(target)]);
wrap('fsyncSync', ([fd]) => ['fsync', paths.get(fd)]);
wrap('fdatasyncSync', ([fd]) => ['fsync', paths.get(fd)]);
wrap('closeSync', ([fd]) => ['close', paths.get(fd)]);
wrap('renameSync', ([from, to]) => ['rename', String(from), String(to)]);
wrap('unlinkSync', ([path]) => ['unlink', String(path)]);
syncBuiltinESMExports();
for (const files of cfg.writes) await writer.writeFilesAtomically(cfg.dir, files);
process.stdout.write(JSON.stringify(trace));
`;

describe('durability: every file is fsynced before the rename that places it', () => {
  let traceFile = '';
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'temporal-auth-trace-'));
    traceFile = join(dir, 'trace.mjs');
    await build({
      stdin: { contents: TRACE_HARNESS, resolveDir: ROOT, sourcefile: 'trace.ts', loader: 'ts' },
      outfile: traceFile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
    });
    return () => rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('content fsynced after its last write and before its rename; the folder fsynced after the renames and before the journal goes', () => {
    const dir = tempDir();
    const run = spawnSync(process.execPath, [traceFile], { env: { PATH: process.env.PATH, HARNESS: JSON.stringify({ dir, writes: [OLD, NEW] }) }, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const trace = JSON.parse(run.stdout) as string[][];
    const renames = trace.map((t, i) => [t, i] as const).filter(([t]) => t[0] === 'rename');
    // Every output file (and the manifest and the journal) came through a rename of a temporary.
    const placed = renames.map(([t]) => t[2]!.split('/').pop());
    for (const f of [...OLD, ...NEW]) expect(placed, f.name).toContain(f.name);
    expect(placed).toContain('.temporal-auth.journal');
    for (const [[, from, to], at] of renames) {
      if (from!.split('/').pop()!.includes('.bak')) continue; // a rollback puts a backup back: it was fsynced as a file already
      const before = trace.slice(0, at);
      const lastWrite = before.map((t) => t[0] === 'write' && t[1] === from).lastIndexOf(true);
      const sync = before.map((t) => t[0] === 'fsync' && t[1] === from).lastIndexOf(true);
      const close = before.map((t) => t[0] === 'close' && t[1] === from).lastIndexOf(true);
      expect(lastWrite, `${to}: written`).toBeGreaterThanOrEqual(0);
      expect(sync, `${to}: fsynced after its last write`).toBeGreaterThan(lastWrite);
      expect(close, `${to}: closed after the fsync`).toBeGreaterThan(sync);
    }
    // Each write's commit: the folder is fsynced after the last output rename and before the journal is removed.
    const journalGone = trace.map((t, i) => [t, i] as const).filter(([t]) => t[0] === 'unlink' && t[1]!.endsWith('/.temporal-auth.journal'));
    expect(journalGone).toHaveLength(2);
    for (const [, end] of journalGone) {
      const lastRename = trace
        .slice(0, end)
        .map((t) => t[0] === 'rename' && !t[2]!.endsWith('/.temporal-auth.journal'))
        .lastIndexOf(true);
      const dirSync = trace.slice(lastRename, end).some((t) => t[0] === 'fsync' && t[1] === dir);
      expect(dirSync, 'folder fsynced between the renames and the commit').toBe(true);
    }
  });
});
