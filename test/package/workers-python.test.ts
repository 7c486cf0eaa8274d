import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/api/spec.js';
import { renderWorkerSnippet } from '../../src/emit/worker-snippets.js';
import { examplePath, ROOT } from '../helpers.js';

/**
 * The Python worker snippet type-checks against the real SDK: mypy --strict
 * with temporalio, both at the versions test/package/python/requirements.txt
 * pins, installed into a venv under node_modules/.cache (scripts/snippet-sdks.mjs;
 * .ci/run fills it first); a failed install fails the test. Then the venv's
 * python imports it, which runs its imports and definitions (not main).
 * No python3: skipped, loudly.
 */
const hasPython = spawnSync('python3', ['--version']).status === 0;

describe('Python worker snippet', () => {
  it.skipIf(!hasPython)(
    'type-checks against temporalio as test/package/python/requirements.txt pins it (mypy --strict), and imports',
    async () => {
      const requirements = readFileSync(join(ROOT, 'test', 'package', 'python', 'requirements.txt'), 'utf8');
      expect(requirements, 'temporalio and mypy are pinned').toMatch(/^temporalio==\S+$/m);
      expect(requirements).toMatch(/^mypy==\S+$/m);
      const { pythonVenv, PYTHON_VENV } = await import('../../scripts/snippet-sdks.mjs');
      const python = pythonVenv();
      const { model } = await loadSpec({ file: examplePath('okta') });
      const dir = mkdtempSync(join(tmpdir(), 'temporal-auth-py-snippet-'));
      try {
        writeFileSync(join(dir, 'worker.py'), await renderWorkerSnippet(model, 'payroll-worker', 'python'));
        writeFileSync(join(dir, 'worker_tls.py'), await renderWorkerSnippet(model, 'payroll-worker', 'python', { tls: true }));
        // --config-file= reads no config file; the cache lives with the venv, so later runs take a second.
        const args = ['-m', 'mypy', '--strict', '--config-file=', '--cache-dir', join(PYTHON_VENV, '.mypy_cache'), 'worker.py', 'worker_tls.py'];
        const mypy = spawnSync(python, args, { cwd: dir, encoding: 'utf8' });
        expect(mypy.status, mypy.stdout + mypy.stderr).toBe(0);
        const load = spawnSync(python, ['-c', 'import worker'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
        expect(load.status, load.stderr).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    600_000,
  );

  it.runIf(!hasPython)('is skipped: python3 is not installed', () => {
    console.warn('SKIPPED: the Python worker snippet is not type-checked: `python3` is not on PATH (install Python 3.10+ with venv to run it)');
  });
});
