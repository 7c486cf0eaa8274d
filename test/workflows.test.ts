// The GitHub workflows: the repository's own (.github/workflows/: the action on the examples, the
// server image) and the example for users (examples/ci/), through actionlint (built from
// tools/actionlint through the Go module proxy, scripts/ci-tools.mjs), which also runs shellcheck
// on their scripts and checks the inputs a `uses: ./` step gives against action.yml. No workflow
// runs here: that needs GitHub.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionlint } from '../scripts/ci-tools.mjs';
import { ROOT } from './helpers.js';

/** A GitHub expression as written in a workflow. */
const expression = (text: string) => `\${{ ${text} }}`;
const go = spawnSync('go', ['version']).status === 0;
const WORKFLOWS = [...readdirSync(join(ROOT, '.github', 'workflows')).map((f) => join('.github', 'workflows', f)), ...readdirSync(join(ROOT, 'examples', 'ci')).map((f) => join('examples', 'ci', f))];
type Step = { uses?: string; with?: Record<string, unknown>; run?: string };
const stepsOf = (file: string): Step[] => Object.values<{ steps: Step[] }>(parse(readFileSync(join(ROOT, file), 'utf8')).jobs).flatMap((job) => job.steps);

describe('workflows', () => {
  it.skipIf(!go && !process.env.CI)(
    'actionlint finds nothing in any of them',
    () => {
      expect(go, 'Go is required in CI').toBe(true);
      expect(WORKFLOWS).toEqual(['.github/workflows/action.yml', '.github/workflows/server-image.yml', 'examples/ci/github-actions.yml']);
      const r = spawnSync(actionlint(), ['-no-color', ...WORKFLOWS], { cwd: ROOT, encoding: 'utf8' });
      expect(r.stdout + r.stderr).toBe('');
      expect(r.status).toBe(0);
    },
    300_000,
  );

  it("the repository's workflows pin every action to a commit; no expression inside a script", () => {
    for (const file of WORKFLOWS) {
      for (const step of stepsOf(file)) {
        if (step.run !== undefined) expect(step.run, file).not.toContain('${{');
        if (file.startsWith('.github/') && step.uses && step.uses !== './') expect(step.uses, file).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      }
    }
  });

  it('the server image: server/Dockerfile for amd64 and arm64, pushed to ghcr.io', () => {
    const workflow = parse(readFileSync(join(ROOT, '.github/workflows/server-image.yml'), 'utf8'));
    expect(Object.keys(workflow.on).sort()).toEqual(['push', 'workflow_dispatch']);
    expect(workflow.on.push.tags).toEqual(['server-v*']);
    expect(workflow.jobs.image.permissions).toEqual({ contents: 'read', packages: 'write' });
    const steps = stepsOf('.github/workflows/server-image.yml');
    const uses = (name: string) => steps.find((s) => s.uses?.startsWith(`${name}@`));
    expect(uses('docker/setup-qemu-action')).toBeDefined();
    expect(uses('docker/setup-buildx-action')).toBeDefined();
    expect(uses('docker/login-action')?.with).toMatchObject({ registry: 'ghcr.io', password: expression('secrets.GITHUB_TOKEN') });
    expect(uses('docker/build-push-action')?.with).toMatchObject({
      context: 'server',
      file: 'server/Dockerfile',
      platforms: 'linux/amd64,linux/arm64',
      'build-args': `TEMPORAL_VERSION=${expression('steps.version.outputs.version')}`,
      push: true,
    });
  });

  it('the example uses the action and uploads validate -o sarif to code scanning', () => {
    const steps = stepsOf('examples/ci/github-actions.yml');
    expect(steps.find((s) => s.uses?.startsWith('temporal-auth/temporal-auth@'))?.with).toMatchObject({ spec: expect.any(String), out: expect.any(String) });
    expect(steps.some((s) => s.run?.includes('validate deploy/temporal-auth.yaml -o sarif >temporal-auth.sarif'))).toBe(true);
    expect(steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))?.with).toMatchObject({ sarif_file: 'temporal-auth.sarif' });
  });
});
