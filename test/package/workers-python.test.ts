import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/api/spec.js';
import { renderWorkerSnippet } from '../../src/emit/worker-snippets.js';
import { examplePath, ROOT } from '../helpers.js';
import { serviceAccountWorkerSpec } from '../support/service-account-worker.js';
import { expectTokenRotation, startHarness } from '../support/token-rotation.js';

/**
 * The Python worker snippets type-check against the real SDK: mypy --strict
 * with temporalio, both at the versions test/package/python/requirements.txt
 * pins, installed into a venv under node_modules/.cache (scripts/snippet-sdks.mjs;
 * .ci/run fills it first); a failed install fails the test. Then the venv's
 * python imports it, which runs its imports and definitions (not main).
 * No python3: skipped, loudly.
 */
const hasPython = spawnSync('python3', ['--version']).status === 0;

/** mypy --strict over the files in dir, then `import <first>`. */
async function expectTypeChecks(dir: string, files: Record<string, string>): Promise<string> {
  const { pythonVenv, PYTHON_VENV } = await import('../../scripts/snippet-sdks.mjs');
  const python = pythonVenv();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  // --config-file= reads no config file; the cache lives with the venv, so later runs take a second.
  const args = ['-m', 'mypy', '--strict', '--config-file=', '--cache-dir', join(PYTHON_VENV, '.mypy_cache'), ...Object.keys(files)];
  const mypy = spawnSync(python, args, { cwd: dir, encoding: 'utf8' });
  expect(mypy.status, mypy.stdout + mypy.stderr).toBe(0);
  const module = Object.keys(files)[0]!.replace(/\.py$/, '');
  const load = spawnSync(python, ['-c', `import ${module}`], { cwd: dir, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
  expect(load.status, load.stderr).toBe(0);
  return python;
}

/**
 * The harness around the service-account snippet (test/support/token-rotation.ts): it connects
 * with the snippet's connect() and TokenFile and runs its follow_token_file task, as main() does,
 * then answers `call` with a GetSystemInfo call and `check` with tokens.current().
 */
const PYTHON_HARNESS = `import asyncio
import sys
from datetime import timedelta

from temporalio.api.workflowservice.v1 import GetSystemInfoRequest

import worker


async def main() -> None:
    tokens = worker.TokenFile()
    client = await worker.connect(tokens)
    following = asyncio.create_task(worker.follow_token_file(client, tokens))
    loop = asyncio.get_running_loop()
    while line := await loop.run_in_executor(None, sys.stdin.readline):
        try:
            if line.strip() == "call":
                await client.workflow_service.get_system_info(GetSystemInfoRequest(), timeout=timedelta(seconds=5))
            else:
                tokens.current()
            print("=> ok", flush=True)
        except Exception as err:
            print("=> error", str(err).replace("\\n", " "), flush=True)
    following.cancel()


asyncio.run(main())
`;

describe('Python worker snippet', () => {
  it.skipIf(!hasPython)(
    'type-checks against temporalio as test/package/python/requirements.txt pins it (mypy --strict), and imports',
    async () => {
      const requirements = readFileSync(join(ROOT, 'test', 'package', 'python', 'requirements.txt'), 'utf8');
      expect(requirements, 'temporalio and mypy are pinned').toMatch(/^temporalio==\S+$/m);
      expect(requirements).toMatch(/^mypy==\S+$/m);
      const { model } = await loadSpec({ file: examplePath('okta') });
      const dir = mkdtempSync(join(tmpdir(), 'temporal-auth-py-snippet-'));
      try {
        await expectTypeChecks(dir, {
          'worker.py': await renderWorkerSnippet(model, 'payroll-worker', 'python'),
          'worker_tls.py': await renderWorkerSnippet(model, 'payroll-worker', 'python', { tls: true }),
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    600_000,
  );

  it.skipIf(!hasPython)(
    'service-account worker: type-checks against the same SDK, and its calls carry the token file, rotated as the kubelet does, without a restart',
    async () => {
      const { model } = await loadSpec({ data: serviceAccountWorkerSpec(), file: examplePath('okta') });
      const dir = mkdtempSync(join(tmpdir(), 'temporal-auth-py-snippet-'));
      try {
        const python = await expectTypeChecks(dir, {
          'worker.py': await renderWorkerSnippet(model, 'billing-worker', 'python'),
          'worker_tls.py': await renderWorkerSnippet(model, 'billing-worker', 'python', { tls: true }),
          'harness.py': PYTHON_HARNESS,
        });
        const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1' };
        // The SDK takes a new key only by client.api_key = ...: the snippet's task passes it on within a poll.
        await expectTokenRotation((vars) => startHarness(python, ['harness.py'], { cwd: dir, env: { ...env, ...vars } }), { perCall: false });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    600_000,
  );

  it.runIf(!hasPython)('is skipped: python3 is not installed', () => {
    console.warn('SKIPPED: the Python worker snippets are not type-checked: `python3` is not on PATH (install Python 3.10+ with venv to run it)');
  });
});
