// `temporal-auth completion bash|zsh|fish` and `version`, through the shipped bin in a fresh folder,
// twice; each script is then loaded by the real shell, which completes command lines with it:
// bash calls the function as its programmable completion does (COMP_WORDS, COMP_CWORD), fish
// answers `complete -C`, zsh runs its completion system in a pseudo-terminal (support/zsh-complete.zsh).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_CHART_VERSIONS } from '../src/charts/index.js';
import { ROOT, tempDir } from './helpers.js';

const BIN = join(ROOT, 'bin', 'temporal-auth.js');
const bin = (args: string[], cwd: string) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 20_000 });
const which = (name: string) => ['/usr/bin', '/bin', '/usr/local/bin'].map((d) => join(d, name)).find((p) => existsSync(p));

/** The script for a shell, from two runs of the shipped bin in a fresh folder (they must agree). */
function script(shell: string): { dir: string; file: string } {
  const dir = tempDir();
  const first = bin(['completion', shell], dir);
  const second = bin(['completion', shell], dir);
  expect(first.status, first.stderr).toBe(0);
  expect(second.stdout).toBe(first.stdout);
  expect(first.stderr).toBe('');
  const file = join(dir, `completion.${shell}`);
  writeFileSync(file, first.stdout);
  // A folder to complete file names in.
  mkdirSync(join(dir, 'specs'));
  writeFileSync(join(dir, 'specs', 'prod.yaml'), '');
  return { dir, file };
}

describe('version', () => {
  it('prints what --version prints: the package version', () => {
    const dir = tempDir();
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    for (const args of [['version'], ['version'], ['--version'], ['-V']]) {
      const r = bin(args, dir);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe(`${pkg}\n`);
    }
  });
});

describe('completion', () => {
  it('an unknown shell is a usage error naming the three', () => {
    const r = bin(['completion', 'tcsh'], tempDir());
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Allowed choices are bash, zsh, fish/);
    expect(r.stdout).toBe('');
  });

  const bash = which('bash');
  it.skipIf(!bash && !process.env.CI)('bash completes commands, options, option values and files', () => {
    expect(bash, 'bash is required in CI').toBeDefined();
    const { dir, file } = script('bash');
    // As bash's programmable completion calls the function: COMP_WORDS split at the cursor word.
    const complete = (...words: string[]) => {
      const r = spawnSync(
        bash!,
        ['--norc', '-c', `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _temporal_auth; printf '%s\\n' "\${COMPREPLY[@]}"`, 'bash', file, 'temporal-auth', ...words],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.split('\n').filter(Boolean).sort();
    };
    expect(complete('ren')).toEqual(['render']);
    expect(complete('')).toEqual(expect.arrayContaining(['init', 'validate', 'render', 'diff', 'explain', 'check', 'token', 'audit', 'version', 'completion']));
    expect(complete('render', '--secrets-format', 's')).toEqual(['sealed-secret', 'secret']);
    expect(complete('render', '--chart-v')).toEqual(['--chart-version']);
    // --chart-version completes to the supported releases, for init (choices) and render (free text).
    expect(complete('init', '--chart-version', '')).toEqual([...SUPPORTED_CHART_VERSIONS].sort());
    expect(complete('render', '--chart-version', '1.6')).toEqual(['1.6.0']);
    // The spec argument and --values are files; a value that is text completes to nothing.
    expect(complete('validate', 'spe')).toEqual(['specs']);
    expect(complete('render', '--values', 'specs/')).toEqual(['specs/prod.yaml']);
    expect(complete('explain', '--client', '')).toEqual([]);
    expect(complete('completion', 'z')).toEqual(['zsh']);
    // Options of one command are not offered for another.
    expect(complete('validate', '--std')).toEqual([]);
    expect(complete('render', '--std')).toEqual(['--stdout', '--stdout-values']);
  });

  const shellcheck = which('shellcheck');
  it.skipIf(!shellcheck && !process.env.CI)('the bash script passes shellcheck', () => {
    expect(shellcheck, 'shellcheck is required in CI: .ci/run installs the Debian package').toBeDefined();
    const { file } = script('bash');
    const r = spawnSync(shellcheck!, ['-s', 'bash', file], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  const fish = which('fish');
  it.skipIf(!fish && !process.env.CI)('fish completes commands, options, option values and files', () => {
    expect(fish, 'fish is required in CI: .ci/run installs the Debian package').toBeDefined();
    const { dir, file } = script('fish');
    const complete = (line: string) => {
      const r = spawnSync(fish!, ['--no-config', '-c', 'source $argv[1]; complete -C $argv[2]', file, line], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir } });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0])
        .sort();
    };
    expect(complete('temporal-auth ren')).toEqual(['render']);
    expect(complete('temporal-auth render --secrets-format s')).toEqual(['sealed-secret', 'secret']);
    expect(complete('temporal-auth render --chart-v')).toEqual(['--chart-version']);
    expect(complete('temporal-auth init --chart-version 1.6')).toEqual(['1.6.0']);
    expect(complete('temporal-auth validate spe')).toEqual(['specs/']);
    expect(complete('temporal-auth completion z')).toEqual(['zsh']);
    expect(complete('temporal-auth validate --std')).toEqual([]);
  });

  const zsh = which('zsh');
  it.skipIf(!zsh && !process.env.CI)('zsh completes commands, options and option values (its completion system, in a terminal)', () => {
    expect(zsh, 'zsh is required in CI: .ci/run installs the Debian package').toBeDefined();
    const { dir, file } = script('zsh');
    const out = join(dir, 'lines.txt');
    const lines = [
      'temporal-auth ren',
      'temporal-auth render --secrets-format sea',
      'temporal-auth render --chart-v',
      'temporal-auth init --chart-version 1.6',
      'temporal-auth validate spe',
      'temporal-auth completion fi',
      'temporal-auth validate --std',
    ];
    const r = spawnSync(zsh!, ['-f', join(ROOT, 'test', 'support', 'zsh-complete.zsh'), file, out, ...lines], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: dir },
      timeout: 30_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n').slice(0, lines.length)).toEqual([
      'temporal-auth render ',
      'temporal-auth render --secrets-format sealed-secret ',
      'temporal-auth render --chart-version ',
      'temporal-auth init --chart-version 1.6.0 ',
      'temporal-auth validate specs/',
      'temporal-auth completion fish ',
      // Nothing to complete: the line is left as typed.
      'temporal-auth validate --std',
    ]);
  });
});
