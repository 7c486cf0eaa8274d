// The bin as shipped: bin/temporal-auth.js starts dist/cli.cjs through
// dist/boot.cjs (src/cli/boot.ts), which keeps V8's code cache for it in
// dist/.cache/. Every run here is a separate process on a copy of the package
// (bin, dist, schemas, package.json), so its cache folder is this test's own.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { examplePath, quickstart, ROOT, runCli, tempDir, writeSpec } from './helpers.js';

function copyOfPackage(): string {
  const dir = tempDir();
  for (const part of ['bin', 'dist', 'schemas', 'package.json']) cpSync(join(ROOT, part), join(dir, part), { recursive: true, filter: (src) => !src.includes(`${join('dist', '.cache')}`) });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function bin(pkg: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [join(pkg, 'bin', 'temporal-auth.js'), ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, TEMPORAL_UI_CLIENT_SECRET: 'ui-secret', ...env },
    maxBuffer: 64 << 20,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const cacheFiles = (pkg: string) => (existsSync(join(pkg, 'dist', '.cache')) ? readdirSync(join(pkg, 'dist', '.cache')).sort() : []);
const cachePath = (pkg: string, name: string) => join(pkg, 'dist', '.cache', name);
const header = (pkg: string, name: string) => readFileSync(cachePath(pkg, name)).subarray(0, 16);

describe('the bin and its compile cache', () => {
  it('the first run of a command writes its cache, later runs read it, and what a run prints never depends on it', () => {
    const pkg = copyOfPackage();
    const args = ['render', examplePath('okta'), '--stdout'];
    const env = { OKTA_WEB_CLIENT_SECRET: 'okta-secret' };
    const reference = bin(pkg, args, { ...env, NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(reference.status, reference.stderr).toBe(0);
    expect(cacheFiles(pkg)).toEqual([]);

    const first = bin(pkg, args, env);
    expect(first).toEqual(reference);
    const [file, ...others] = cacheFiles(pkg);
    expect(others).toEqual([]);
    expect(file).toMatch(/^render-[0-9a-f]{8}\.v8$/);
    expect(header(pkg, file!).subarray(0, 4).toString('latin1')).toBe('TAC1');
    expect(header(pkg, file!)[4]).toBe(0); // written by a run that succeeded

    const written = statSync(cachePath(pkg, file!)).mtimeMs;
    const second = bin(pkg, args, env);
    expect(second).toEqual(reference);
    // Not written again: V8 took it (a rejected cache is replaced).
    expect(statSync(cachePath(pkg, file!)).mtimeMs).toBe(written);

    // Another command has its own; help and --version (all commands) theirs.
    expect(bin(pkg, ['validate', examplePath('okta')]).status).toBe(0);
    expect(bin(pkg, ['--version']).stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    expect(cacheFiles(pkg).map((f) => f.replace(/-.*/, ''))).toEqual(['all', 'render', 'validate']);
  }, 60_000);

  it('a damaged or foreign cache is replaced, never trusted: same output, same exit code', () => {
    const pkg = copyOfPackage();
    const args = ['validate', examplePath('quickstart')];
    const reference = bin(pkg, args, { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(reference.status).toBe(0);
    expect(bin(pkg, args)).toEqual(reference);
    const [file] = cacheFiles(pkg);
    const good = readFileSync(cachePath(pkg, file!));
    const foreign = Buffer.concat([good.subarray(0, 16), Buffer.alloc(good.length - 16, 0x5a)]); // right length, not V8's
    const damaged: [string, Buffer][] = [
      ['empty', Buffer.alloc(0)],
      ['cut short', good.subarray(0, good.length - 100)],
      ['not ours', Buffer.from('some other file')],
      ['not V8 data', foreign],
    ];
    for (const [what, bytes] of damaged) {
      writeFileSync(cachePath(pkg, file!), bytes);
      expect(bin(pkg, args), what).toEqual(reference);
      const now = readFileSync(cachePath(pkg, file!));
      expect(now.subarray(0, 4).toString('latin1'), what).toBe('TAC1');
      expect(now.readUInt32LE(8), what).toBe(now.length - 16);
    }
    expect(cacheFiles(pkg)).toEqual([file]); // no temporaries left
  }, 60_000);

  it('a cache written by a failed run is written again by the next run that succeeds (it compiled more)', () => {
    const pkg = copyOfPackage();
    const bad = quickstart();
    bad.namespaces.default.grants[0].role = 'no-such-role';
    const failed = bin(pkg, ['validate', writeSpec(bad)]);
    expect(failed.status).toBe(1);
    const [file] = cacheFiles(pkg);
    expect(header(pkg, file!)[4]).toBe(1);
    expect(bin(pkg, ['validate', examplePath('quickstart')]).status).toBe(0);
    expect(header(pkg, file!)[4]).toBe(0);
  }, 60_000);

  it('NODE_DISABLE_COMPILE_CACHE and NODE_V8_COVERAGE leave no cache', () => {
    const pkg = copyOfPackage();
    expect(bin(pkg, ['validate', examplePath('quickstart')], { NODE_DISABLE_COMPILE_CACHE: '1' }).status).toBe(0);
    expect(bin(pkg, ['validate', examplePath('quickstart')], { NODE_V8_COVERAGE: tempDir() }).status).toBe(0);
    expect(cacheFiles(pkg)).toEqual([]);
  });

  it('a reader that goes away (`| head`) is no error: same exit code, nothing on stderr', async () => {
    const pkg = copyOfPackage();
    const spec = quickstart();
    spec.namespaces = Object.fromEntries(Array.from({ length: 400 }, (_, n) => [`ns-${n}`, { grants: [{ group: `team-${n}`, role: 'read' }] }]));
    const file = writeSpec(spec);
    const { spawn } = await import('node:child_process');
    for (const args of [['--help'], ['render', file, '--stdout', '--no-secrets']]) {
      const child = spawn(process.execPath, [join(pkg, 'bin', 'temporal-auth.js'), ...args], { env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
      // Read one chunk, then close the pipe, as `head -c 1` does.
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code, `${args.join(' ')}: ${stderr}`).toBe(0);
      expect(stderr, args.join(' ')).not.toMatch(/EPIPE|Unhandled|internal error/);
    }
  }, 30_000);

  it('prints more than a pipe holds whole, as the in-process CLI does', async () => {
    const pkg = copyOfPackage();
    const spec = quickstart();
    spec.namespaces = Object.fromEntries(Array.from({ length: 600 }, (_, n) => [`ns-${n}`, { grants: Array.from({ length: 20 }, (_, g) => ({ group: `team-${(n + g) % 97}`, role: 'read' })) }]));
    const file = writeSpec(spec);
    const expected = await runCli(['render', file, '--stdout', '--no-secrets']);
    const got = bin(pkg, ['render', file, '--stdout', '--no-secrets']);
    expect(got.status, got.stderr).toBe(0);
    expect(got.stdout.length).toBeGreaterThan(128 * 1024); // a pipe holds 64 KiB
    expect(got.stdout).toBe(expected.stdout);
    expect(got.stderr).toBe(expected.stderr);
  }, 30_000);
});
