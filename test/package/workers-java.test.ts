import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/api/spec.js';
import { renderWorkerSnippet } from '../../src/emit/worker-snippets.js';
import { examplePath, ROOT } from '../helpers.js';

/**
 * The Java worker snippet compiles against the real SDK: io.temporal:temporal-sdk
 * at the version test/package/java/pom.xml pins, on the compile classpath Maven
 * resolves for it (what a user's Maven project gets). The first run downloads
 * the SDK from Maven Central (scripts/snippet-sdks.mjs; .ci/run fills the cache
 * first); a failed download fails the test. No javac or mvn: skipped, loudly.
 */
const hasJava = spawnSync('javac', ['-version']).status === 0 && spawnSync('mvn', ['-v']).status === 0;

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
        // The public class is TemporalWorker: the file must carry its name.
        writeFileSync(join(dir, 'TemporalWorker.java'), await renderWorkerSnippet(model, 'payroll-worker', 'java'));
        const javac = spawnSync('javac', ['-Xlint:all', '-Werror', '-cp', classpath, '-d', join(dir, 'classes'), 'TemporalWorker.java'], { cwd: dir, encoding: 'utf8' });
        expect(javac.status, javac.stdout + javac.stderr).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    600_000,
  );

  it.runIf(!hasJava)('is skipped: javac or mvn is not installed', () => {
    console.warn('SKIPPED: the Java worker snippet is not compiled: `javac` or `mvn` is not on PATH (install a JDK 17+ and Maven to run it)');
  });
});
