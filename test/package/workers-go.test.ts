import { execFileSync, spawnSync } from 'node:child_process';
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
 * The Go worker snippets compile against the real SDK, at the version the
 * custom-auth server builds with (server/go.mod), in a module of its own that
 * replaces nothing. The module cache may be empty (a fresh machine, before
 * anything built server/): go fetches what the build needs from the Go
 * module proxy, checked against server/go.sum; GOFLAGS=-mod=mod lets go
 * record the sums of what server/go.sum lacks.
 */
const hasGo = spawnSync('go', ['version']).status === 0;
const env = { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' };

/** A module in a fresh folder with main.go and the server's requirements and sums, so the build resolves the same versions. */
function goModule(mainGo: string): { dir: string; sdk: string | undefined } {
  const serverMod = readFileSync(join(ROOT, 'server', 'go.mod'), 'utf8');
  const sdk = /go\.temporal\.io\/sdk (v\S+)/.exec(serverMod)?.[1];
  const goVersion = /^go (\S+)$/m.exec(serverMod)?.[1];
  const dir = mkdtempSync(join(tmpdir(), 'temporal-auth-go-snippet-'));
  writeFileSync(join(dir, 'main.go'), mainGo);
  const requires = serverMod.slice(serverMod.indexOf('require'));
  writeFileSync(join(dir, 'go.mod'), `module example.com/worker\n\ngo ${goVersion}\n\n${requires}`);
  writeFileSync(join(dir, 'go.sum'), readFileSync(join(ROOT, 'server', 'go.sum')));
  return { dir, sdk };
}

function expectBuilds(dir: string): void {
  const vet = spawnSync('go', ['vet', '.'], { cwd: dir, env, encoding: 'utf8' });
  expect(vet.status, vet.stderr).toBe(0);
  const build = spawnSync('go', ['build', '-o', join(dir, 'worker'), '.'], { cwd: dir, env, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  expect(execFileSync('gofmt', ['-l', '.'], { cwd: dir, encoding: 'utf8' }), 'gofmt-clean').toBe('');
}

/**
 * The harness around the service-account snippet (test/support/token-rotation.ts): a test in the
 * snippet's own package that connects with its dial() and tokenFile, then answers `call` with a
 * GetSystemInfo call and `check` with tokens.Token.
 */
const GO_HARNESS = `package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"go.temporal.io/api/workflowservice/v1"
)

func TestHarness(t *testing.T) {
	tokens := &tokenFile{path: os.Getenv(tokenFileEnv)}
	c, err := dial(tokens)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	lines := bufio.NewScanner(os.Stdin)
	for lines.Scan() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		if lines.Text() == "call" {
			_, err = c.WorkflowService().GetSystemInfo(ctx, &workflowservice.GetSystemInfoRequest{})
		} else {
			_, err = tokens.Token(ctx)
		}
		cancel()
		if err != nil {
			fmt.Println("=> error", strings.ReplaceAll(err.Error(), "\\n", " "))
		} else {
			fmt.Println("=> ok")
		}
	}
}
`;

describe('Go worker snippet', () => {
  it.skipIf(!hasGo)(
    'builds against go.temporal.io/sdk as server/go.mod pins it',
    async () => {
      const { model } = await loadSpec({ file: examplePath('okta') });
      const { dir, sdk } = goModule(await renderWorkerSnippet(model, 'payroll-worker', 'go'));
      try {
        expect(sdk, 'server/go.mod requires go.temporal.io/sdk').toBeDefined();
        expectBuilds(dir);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    300_000,
  );

  it.skipIf(!hasGo)(
    'service-account worker: builds against the same SDK, and its calls carry the token file, rotated as the kubelet does, without a restart',
    async () => {
      const { model } = await loadSpec({ data: serviceAccountWorkerSpec(), file: examplePath('okta') });
      const { dir } = goModule(await renderWorkerSnippet(model, 'billing-worker', 'go'));
      try {
        expectBuilds(dir);
        writeFileSync(join(dir, 'harness_test.go'), GO_HARNESS);
        const vet = spawnSync('go', ['vet', '.'], { cwd: dir, env, encoding: 'utf8' });
        expect(vet.status, vet.stderr).toBe(0);
        const compile = spawnSync('go', ['test', '-c', '-o', join(dir, 'harness'), '.'], { cwd: dir, env, encoding: 'utf8' });
        expect(compile.status, compile.stderr).toBe(0);
        await expectTokenRotation((vars) => startHarness(join(dir, 'harness'), ['-test.run', '^TestHarness$'], { cwd: dir, env: { ...process.env, ...vars } }), { perCall: true });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    300_000,
  );

  it.runIf(!hasGo)('is skipped: go is not installed', () => {
    console.warn('SKIPPED: the Go worker snippets are not compiled: `go` is not on PATH (install Go 1.26+ to run it)');
  });
});
