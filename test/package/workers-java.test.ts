import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/api/spec.js';
import { renderWorkerSnippet } from '../../src/emit/worker-snippets.js';
import { examplePath, ROOT } from '../helpers.js';
import { serviceAccountWorkerSpec } from '../support/service-account-worker.js';
import { expectTokenRotation, startHarness } from '../support/token-rotation.js';

/**
 * The Java worker snippets compile against the real SDK: io.temporal:temporal-sdk
 * at the version test/package/java/pom.xml pins, on the compile classpath Maven
 * resolves for it (what a user's Maven project gets). The first run downloads
 * the SDK from Maven Central (scripts/snippet-sdks.mjs; .ci/run fills the cache
 * first); a failed download fails the test. No javac or mvn: skipped, loudly.
 */
const hasJava = spawnSync('javac', ['-version']).status === 0 && spawnSync('mvn', ['-v']).status === 0;

/** Compiles the snippet (its public class is TemporalWorker: the file must carry its name) and any other files into dir/classes. */
function javac(dir: string, classpath: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const run = spawnSync('javac', ['-Xlint:all', '-Werror', '-cp', classpath, '-d', join(dir, 'classes'), ...Object.keys(files)], { cwd: dir, encoding: 'utf8' });
  expect(run.status, run.stdout + run.stderr).toBe(0);
}

/**
 * The harness around the service-account snippet (test/support/token-rotation.ts): it connects
 * with the snippet's connect() and TokenFile, then answers `call` with a GetSystemInfo call and
 * `check` with tokens.get().
 */
const JAVA_HARNESS = `import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

public final class Harness {
  public static void main(String[] args) throws Exception {
    TemporalWorker.TokenFile tokens = new TemporalWorker.TokenFile(System.getenv("TEMPORAL_AUTH_TOKEN_FILE"));
    WorkflowServiceStubs service = TemporalWorker.connect(tokens);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      try {
        if (line.equals("call")) service.blockingStub().withDeadlineAfter(5, TimeUnit.SECONDS).getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
        else tokens.get();
        System.out.println("=> ok");
      } catch (RuntimeException e) {
        System.out.println("=> error " + String.valueOf(e.getMessage()).replace('\\n', ' '));
      }
      System.out.flush();
    }
    service.shutdownNow();
  }
}
`;

describe('Java worker snippet', () => {
  it.skipIf(!hasJava)(
    'compiles against io.temporal:temporal-sdk as test/package/java/pom.xml pins it (javac -Xlint:all -Werror)',
    async () => {
      const pom = readFileSync(join(ROOT, 'test', 'package', 'java', 'pom.xml'), 'utf8');
      expect(pom, 'the pom pins temporal-sdk').toMatch(/<artifactId>temporal-sdk<\/artifactId>\s*<version>\d+\.\d+\.\d+<\/version>/);
      const { javaClasspath } = await import('../../scripts/snippet-sdks.mjs');
      const classpath = javaClasspath();
      const { model } = await loadSpec({ file: examplePath('okta') });
      const dir = mkdtempSync(join(tmpdir(), 'temporal-auth-java-snippet-'));
      try {
        javac(dir, classpath, { 'TemporalWorker.java': await renderWorkerSnippet(model, 'payroll-worker', 'java') });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    600_000,
  );

  it.skipIf(!hasJava)(
    'service-account worker: compiles against the same SDK, and its calls carry the token file, rotated as the kubelet does, without a restart',
    async () => {
      const { javaClasspath } = await import('../../scripts/snippet-sdks.mjs');
      const classpath = javaClasspath();
      const { model } = await loadSpec({ data: serviceAccountWorkerSpec(), file: examplePath('okta') });
      const dir = mkdtempSync(join(tmpdir(), 'temporal-auth-java-snippet-'));
      try {
        javac(dir, classpath, { 'TemporalWorker.java': await renderWorkerSnippet(model, 'billing-worker', 'java'), 'Harness.java': JAVA_HARNESS });
        const cp = [join(dir, 'classes'), javaClasspath('runtime')].join(delimiter);
        await expectTokenRotation((vars) => startHarness('java', ['-cp', cp, 'Harness'], { cwd: dir, env: { ...process.env, ...vars } }), { perCall: true });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    600_000,
  );

  it.runIf(!hasJava)('is skipped: javac or mvn is not installed', () => {
    console.warn('SKIPPED: the Java worker snippets are not compiled: `javac` or `mvn` is not on PATH (install a JDK 17+ and Maven to run it)');
  });
});
