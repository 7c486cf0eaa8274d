// The real Java and Python SDKs the worker snippets are checked against
// (test/package/workers-java.test.ts and workers-python.test.ts):
//   - Java: the compile classpath of test/package/java/pom.xml (io.temporal:temporal-sdk),
//     resolved by Maven into its local repository (~/.m2 unless settings.xml says otherwise),
//     and its runtime classpath, which the service-account snippet's rotation test runs with;
//   - Python: a venv with test/package/python/requirements.txt (temporalio, mypy).
// Each is resolved once and cached under node_modules/.cache, keyed by the pinning file's
// hash; later calls cost a file read. A failed download throws (with the tool's output).
// `node scripts/snippet-sdks.mjs [java] [python]` fills the caches (.ci/run does, before the tests).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const JAVA_POM = join(ROOT, 'test', 'package', 'java', 'pom.xml');
export const PYTHON_REQUIREMENTS = join(ROOT, 'test', 'package', 'python', 'requirements.txt');
const JAVA_CACHE = join(ROOT, 'node_modules', '.cache', 'temporal-auth-java');
export const PYTHON_VENV = join(ROOT, 'node_modules', '.cache', 'temporal-auth-py');
const STAMP = join(PYTHON_VENV, '.temporal-auth-requirements');
// Cold downloads: the Java SDK with grpc and protobuf is about 25 MB, temporalio and mypy about 30 MB.
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

function run(command, args, what) {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: DOWNLOAD_TIMEOUT_MS, maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    const why = r.error ? String(r.error) : `exit ${r.status ?? r.signal}`;
    throw new Error(`${what} failed (${why}): ${command} ${args.join(' ')}\n${(r.stdout + r.stderr).slice(-4000)}`);
  }
  return r;
}

/**
 * The Java snippet's classpath: with `compile` (the default), temporal-sdk and what it exposes, as
 * javac's -cp; with `runtime`, also what it needs to run (grpc's load balancers, for one), as java's -cp.
 */
export function javaClasspath(scope = 'compile') {
  if (scope !== 'compile' && scope !== 'runtime') throw new Error(`javaClasspath: scope ${scope} is neither compile nor runtime`);
  const pom = readFileSync(JAVA_POM, 'utf8');
  const file = join(JAVA_CACHE, `classpath-${scope === 'compile' ? '' : 'runtime-'}${sha256(pom).slice(0, 16)}.txt`);
  if (existsSync(file)) {
    const classpath = readFileSync(file, 'utf8').trim();
    // The local Maven repository may have been cleaned since.
    if (classpath !== '' && classpath.split(delimiter).every((jar) => existsSync(jar))) return classpath;
  }
  mkdirSync(JAVA_CACHE, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  run(
    'mvn',
    ['-q', '-B', '-Dstyle.color=never', '-f', JAVA_POM, 'dependency:build-classpath', `-DincludeScope=${scope}`, `-Dmdep.outputFile=${tmp}`],
    'resolving test/package/java/pom.xml from Maven Central',
  );
  const classpath = readFileSync(tmp, 'utf8').trim();
  rmSync(tmp, { force: true });
  if (!classpath.includes('temporal-sdk')) throw new Error(`Maven resolved no temporal-sdk jar: ${classpath}`);
  writeFileSync(file, classpath);
  return classpath;
}

/** A venv with test/package/python/requirements.txt installed; returns its python. */
export function pythonVenv() {
  const python = join(PYTHON_VENV, 'bin', 'python');
  const version = run('python3', ['--version'], 'python3 --version').stdout.trim();
  const key = `${version}\n${sha256(readFileSync(PYTHON_REQUIREMENTS, 'utf8'))}\n`;
  if (existsSync(python) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === key) return python;
  rmSync(PYTHON_VENV, { recursive: true, force: true });
  mkdirSync(join(PYTHON_VENV, '..'), { recursive: true });
  run('python3', ['-m', 'venv', PYTHON_VENV], 'creating the venv (Debian: apt-get install python3-venv)');
  run(python, ['-m', 'pip', 'install', '-q', '--disable-pip-version-check', '--no-input', '-r', PYTHON_REQUIREMENTS], 'installing test/package/python/requirements.txt from PyPI');
  // Written last: an interrupted install is redone next time.
  writeFileSync(STAMP, key);
  return python;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const asked = process.argv.slice(2);
  const want = (name) => asked.length === 0 || asked.includes(name);
  try {
    if (want('java')) {
      console.log(`java: ${javaClasspath().split(delimiter).length} jars for test/package/java/pom.xml`);
      console.log(`java: ${javaClasspath('runtime').split(delimiter).length} jars to run it`);
    }
    if (want('python')) console.log(`python: ${pythonVenv()}`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
