// The pre-commit hooks for real: `pre-commit run` (pre-commit from PyPI, scripts/ci-tools.mjs) in a
// sample git repository whose .pre-commit-config.yaml points at this checkout's HEAD, the way a
// user's points at a tag. pre-commit clones the hook repository into its own cache and the hook's
// first run builds the CLI there (npm ci: about a minute; the second run reuses the clone).
// Committed hook changes only: pre-commit clones HEAD.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ciPythonBin } from '../../scripts/ci-tools.mjs';
import { quickstart, ROOT, tempDir } from '../helpers.js';

const python3 = spawnSync('python3', ['--version']).status === 0;

it.skipIf(!python3 && !process.env.CI)(
  'pre-commit run: validate passes, render --check fails on a stale out/, then passes once it is rendered and committed',
  () => {
    expect(python3, 'python3 is required in CI: .ci/run installs it').toBe(true);
    const preCommit = join(ciPythonBin(), 'pre-commit');
    const home = tempDir();
    const repo = join(home, 'repo');
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], { cwd: repo, encoding: 'utf8' });
    execFileSync('git', ['init', '-q', repo]);
    const rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    writeFileSync(join(repo, '.pre-commit-config.yaml'), stringify({ repos: [{ repo: ROOT, rev, hooks: [{ id: 'temporal-auth-validate' }, { id: 'temporal-auth-render-check' }] }] }));
    writeFileSync(join(repo, 'temporal-auth.yaml'), stringify(quickstart()));
    git('add', '.');
    git('commit', '-qm', 'spec');
    const run = () =>
      spawnSync(preCommit, ['run', '--all-files', '--color', 'never'], {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, PRE_COMMIT_HOME: join(home, 'cache') },
        timeout: 400_000,
      });

    let r = run();
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^temporal-auth validate\.+Passed$/m);
    expect(r.stdout).toMatch(/^temporal-auth render --check\.+Failed$/m);
    expect(r.stdout).toContain('out/values.auth.yaml: stale: missing\n');

    execFileSync(process.execPath, [join(ROOT, 'bin', 'temporal-auth.js'), 'render', '--out', 'out', '--no-secrets'], { cwd: repo, stdio: 'ignore' });
    git('add', '.');
    git('commit', '-qm', 'render');
    r = run();
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^temporal-auth render --check\.+Passed$/m);
  },
  600_000,
);
