// The pre-commit hooks (.pre-commit-hooks.yaml): the manifest as pre-commit reads it
// (`pre-commit validate-manifest`, from PyPI through scripts/ci-tools.mjs), and each hook's entry,
// split as pre-commit splits it, run from the hook repository (this checkout, already built) on a
// sample repository: what the hook prints and its exit code. test/package/pre-commit.test.ts runs
// the hooks through `pre-commit try-repo`, with the CLI built in the hook's own clone.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ciPythonBin } from '../scripts/ci-tools.mjs';
import { quickstart, ROOT, tempDir } from './helpers.js';

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
  pass_filenames: boolean;
}
const HOOKS: Hook[] = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
const hook = (id: string) => HOOKS.find((h) => h.id === id)!;
const python3 = spawnSync('python3', ['--version']).status === 0;

/** A hook as pre-commit runs a `script` hook: its entry's first word is a file of the hook repository, in the user's repository. */
function runHook(id: string, repo: string, args: string[] = []) {
  const [script, ...entryArgs] = hook(id).entry.split(' ');
  return spawnSync(join(ROOT, script!), [...entryArgs, ...args], { cwd: repo, encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 20_000 });
}

describe('.pre-commit-hooks.yaml', () => {
  it('declares the validate and render --check hooks, on the spec and the output folder', () => {
    expect(HOOKS.map((h) => h.id)).toEqual(['temporal-auth-validate', 'temporal-auth-render-check']);
    for (const h of HOOKS) {
      expect(h).toMatchObject({ name: expect.any(String), language: 'script', pass_filenames: false });
      expect(h.entry.split(' ')[0]).toBe('scripts/pre-commit/temporal-auth.sh');
    }
    const files = (id: string) => new RegExp(hook(id).files);
    expect(['temporal-auth.yaml', 'deploy/temporal-auth.yml'].every((f) => files('temporal-auth-validate').test(f))).toBe(true);
    expect(files('temporal-auth-validate').test('out/values.auth.yaml')).toBe(false);
    expect(['temporal-auth.yaml', 'out/values.auth.yaml', 'deploy/out/policy-configmap.yaml'].every((f) => files('temporal-auth-render-check').test(f))).toBe(true);
    expect(files('temporal-auth-render-check').test('README.md')).toBe(false);
  });

  it('each entry is a command the CLI accepts: validate and render --check on a sample repository', () => {
    const repo = tempDir();
    const spec = quickstart();
    spec.issuer.url = 'http://auth.example.com';
    writeFileSync(join(repo, 'temporal-auth.yaml'), stringify(spec));
    let r = runHook('temporal-auth-validate', repo);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^temporal-auth\.yaml:\d+:\d+ error https-issuer /m);

    spec.issuer.url = 'https://auth.example.com';
    writeFileSync(join(repo, 'temporal-auth.yaml'), stringify(spec));
    r = runHook('temporal-auth-validate', repo);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('temporal-auth.yaml: valid\n');

    r = runHook('temporal-auth-render-check', repo);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('out/values.auth.yaml: stale: missing\n');
    // The README's fix, then the hook passes; with args, for a spec and folder elsewhere.
    expect(spawnSync(process.execPath, [join(ROOT, 'bin/temporal-auth.js'), 'render', '--out', 'out', '--no-secrets'], { cwd: repo }).status).toBe(0);
    r = runHook('temporal-auth-render-check', repo);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/out: up to date\n$/);

    mkdirSync(join(repo, 'deploy'));
    writeFileSync(join(repo, 'deploy', 'temporal-auth.yaml'), stringify(spec));
    r = runHook('temporal-auth-render-check', repo, ['deploy/temporal-auth.yaml', '--out', 'deploy/out']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('deploy/out/values.auth.yaml: stale: missing\n');
  });

  it('the entry script passes shellcheck', () => {
    const shellcheck = spawnSync('shellcheck', ['--version']).status === 0;
    if (!shellcheck && !process.env.CI) return;
    const r = spawnSync('shellcheck', [join(ROOT, 'scripts/pre-commit/temporal-auth.sh')], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.skipIf(!python3 && !process.env.CI)(
    'pre-commit validate-manifest accepts it (pre-commit from PyPI)',
    () => {
      expect(python3, 'python3 is required in CI: .ci/run installs it').toBe(true);
      const r = spawnSync(join(ciPythonBin(), 'pre-commit'), ['validate-manifest', '.pre-commit-hooks.yaml'], { cwd: ROOT, encoding: 'utf8' });
      expect(r.stdout + r.stderr).toBe('');
      expect(r.status).toBe(0);
    },
    120_000,
  );
});
