import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/api/spec.js';
import { renderWorkerSnippet } from '../../src/emit/worker-snippets.js';
import { examplePath, ROOT } from '../helpers.js';

/**
 * The Go worker snippet compiles against the real SDK, at the version the
 * custom-auth server builds with (server/go.mod), in a module of its own that
 * replaces nothing. The module cache may be empty (a fresh machine, before
 * anything built server/): go fetches what the build needs from the Go
 * module proxy, checked against server/go.sum; GOFLAGS=-mod=mod lets go
 * record the sums of what server/go.sum lacks.
 */
const hasGo = spawnSync('go', ['version']).status === 0;

describe('Go worker snippet', () => {
  it.skipIf(!hasGo)(
    'builds against go.temporal.io/sdk as server/go.mod pins it',
    async () => {
      const serverMod = readFileSync(join(ROOT, 'server', 'go.mod'), 'utf8');
      const sdk = /go\.temporal\.io\/sdk (v\S+)/.exec(serverMod)?.[1];
      const goVersion = /^go (\S+)$/m.exec(serverMod)?.[1];
      expect(sdk, 'server/go.mod requires go.temporal.io/sdk').toBeDefined();
      const { model } = await loadSpec({ file: examplePath('okta') });
      const dir = mkdtempSync(join(tmpdir(), 'temporal-auth-go-snippet-'));
      try {
        writeFileSync(join(dir, 'main.go'), await renderWorkerSnippet(model, 'payroll-worker', 'go'));
        // The server's requirements and sums, so the build resolves the same versions.
        const requires = serverMod.slice(serverMod.indexOf('require'));
        writeFileSync(join(dir, 'go.mod'), `module example.com/worker\n\ngo ${goVersion}\n\n${requires}`);
        writeFileSync(join(dir, 'go.sum'), readFileSync(join(ROOT, 'server', 'go.sum')));
        const env = { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' };
        const vet = spawnSync('go', ['vet', '.'], { cwd: dir, env, encoding: 'utf8' });
        expect(vet.status, vet.stderr).toBe(0);
        const build = spawnSync('go', ['build', '-o', join(dir, 'worker'), '.'], { cwd: dir, env, encoding: 'utf8' });
        expect(build.status, build.stderr).toBe(0);
        expect(execFileSync('gofmt', ['-l', 'main.go'], { cwd: dir, encoding: 'utf8' }), 'gofmt-clean').toBe('');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    300_000,
  );

  it.runIf(!hasGo)('is skipped: go is not installed', () => {
    console.warn('SKIPPED: the Go worker snippet is not compiled: `go` is not on PATH (install Go 1.26+ to run it)');
  });
});
