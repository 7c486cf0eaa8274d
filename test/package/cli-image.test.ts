// The CLI image's build without Docker (there is no daemon here): the build context .dockerignore
// leaves, the build stage's commands from the Dockerfile (npm ci, the build, npm prune), then only
// what the runtime stage copies, run as the image's entrypoint would run it.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { examplePath, ROOT, tempDir } from '../helpers.js';

it('the build stage on the .dockerignore context, then the runtime stage alone, validates and renders', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const ignored = new Set(
    readFileSync(join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#')),
  );
  // The context: the repository's files (Git's view: no untracked build output) minus .dockerignore's names.
  const context = join(tempDir(), 'src');
  const tracked = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const file of tracked) {
    const top = file.split('/')[0]!;
    if (ignored.has(top) || ignored.has(file) || (ignored.has('*.tgz') && file.endsWith('.tgz'))) continue;
    mkdirSync(join(context, file, '..'), { recursive: true });
    cpSync(join(ROOT, file), join(context, file));
  }
  expect(readdirSync(context)).not.toContain('test');

  // Each RUN of the build stage, as the shell runs it.
  const build = dockerfile.slice(dockerfile.indexOf(' AS build'), dockerfile.indexOf('\nFROM ', dockerfile.indexOf(' AS build')));
  const runs = [...build.matchAll(/^RUN (.+)$/gm)].map((m) => m[1]!);
  expect(runs).toHaveLength(2);
  for (const command of runs) execFileSync('sh', ['-c', command], { cwd: context, stdio: 'pipe', env: { ...process.env, npm_config_update_notifier: 'false' }, timeout: 300_000 });

  // The runtime stage: only what it copies from the build stage.
  const runtime = join(tempDir(), 'opt');
  const copies = [...dockerfile.matchAll(/^COPY --from=build \/src\/(\S+) /gm)].map((m) => m[1]!);
  for (const path of copies) cpSync(join(context, path), join(runtime, path), { recursive: true, verbatimSymlinks: true });
  expect(readdirSync(join(runtime, 'node_modules'))).not.toContain('esbuild'); // pruned: no devDependencies
  const cli = (args: string[]) =>
    spawnSync(process.execPath, [join(runtime, 'bin', 'temporal-auth.js'), ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, TEMPORAL_UI_CLIENT_SECRET: 'x' } });
  expect(cli(['version']).stdout).toBe(`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
  const validate = cli(['validate', examplePath('quickstart')]);
  expect(validate.status, validate.stderr).toBe(0);
  const render = cli(['render', examplePath('quickstart'), '--stdout', '--stdout-values']);
  expect(render.status, render.stderr).toBe(0);
  expect(render.stdout).toContain('# Source: values.auth.yaml');
}, 600_000);
