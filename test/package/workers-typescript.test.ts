import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transform } from 'esbuild';
import { describe, it } from 'vitest';
import { loadSpec } from '../../src/api/spec.js';
import { renderWorkerSnippet } from '../../src/emit/worker-snippets.js';
import { examplePath, ROOT } from '../helpers.js';
import { serviceAccountWorkerSpec } from '../support/service-account-worker.js';
import { expectTokenRotation, startHarness } from '../support/token-rotation.js';

/**
 * The TypeScript service-account snippet runs with @temporalio/client as the
 * project pins it (its type-check against the same client is in
 * test/workers-snippets.test.ts). esbuild strips its types only; it runs in a
 * folder under the project's node_modules, so the client resolves from there.
 */
const TS_HARNESS = `import { createInterface } from 'node:readline';
import { connect, TokenFile } from './worker.mjs';

const tokens = new TokenFile();
const client = await connect(tokens);
for await (const line of createInterface({ input: process.stdin })) {
  try {
    if (line === 'call') await client.workflowService.getSystemInfo({});
    else tokens.current();
    console.log('=> ok');
  } catch (err) {
    console.log('=> error', String(err instanceof Error ? err.message : err).replace(/\\n/g, ' '));
  }
}
await client.connection.close();
`;

describe('TypeScript worker snippet', () => {
  it('service-account worker: its calls carry the token file, rotated as the kubelet does, without a restart', async () => {
    const { model } = await loadSpec({ data: serviceAccountWorkerSpec(), file: examplePath('okta') });
    mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true });
    const dir = mkdtempSync(join(ROOT, 'node_modules', '.cache', 'temporal-auth-ts-snippet-'));
    try {
      const { code } = await transform(await renderWorkerSnippet(model, 'billing-worker', 'typescript'), { loader: 'ts', format: 'esm', target: 'node20' });
      writeFileSync(join(dir, 'worker.mjs'), code);
      writeFileSync(join(dir, 'harness.mjs'), TS_HARNESS);
      // The client's apiKey callback runs before every call.
      await expectTokenRotation((vars) => startHarness(process.execPath, ['harness.mjs'], { cwd: dir, env: { ...process.env, ...vars } }), { perCall: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
