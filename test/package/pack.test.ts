// The package as users get it: `npm pack`, installed into a fresh project,
// then the library imported and the bin run from there.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { examplePath, ROOT, tempDir } from '../helpers.js';

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });

describe('npm pack', () => {
  it('holds what the package runs and nothing else; installed elsewhere, the API and the bin work', () => {
    const dir = tempDir();
    // --ignore-scripts: `npm test` has just built dist/; packing must not rebuild it behind the test's back.
    const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT)) as { filename: string; files: { path: string }[] }[];
    const files = packed[0]!.files.map((f) => f.path);
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/types/index.d.ts');
    expect(files).toContain('bin/temporal-auth.js');
    expect(files).toContain('bin/package.json'); // the bin is CommonJS
    expect(files).toContain('dist/cli.cjs');
    expect(files).toContain('dist/boot.cjs');
    // Not the compile cache of this checkout's runs, nor the bundle's source map (tests only).
    expect(files.filter((f) => f.startsWith('dist/.cache') || f.endsWith('.map'))).toEqual([]);
    expect(files).toContain('schemas/temporal-auth.schema.json');
    expect(files.filter((f) => /^(src|test|server|scripts|bench|examples|templates)\//.test(f))).toEqual([]);

    const project = join(dir, 'project');
    execFileSync('mkdir', [project]);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    // Dependencies come from the npm cache `npm ci` filled; the registry is asked only for what is missing.
    npm(['install', '--prefer-offline', '--no-package-lock', join(dir, packed[0]!.filename)], project);
    copyFileSync(examplePath('quickstart'), join(project, 'spec.yaml'));
    writeFileSync(
      join(project, 'use.mjs'),
      [
        "import { render, explain, validate, InputError } from 'temporal-auth';",
        "const spec = { file: 'spec.yaml' };",
        "const { files } = await render(spec, { secrets: async () => ({ ok: true, value: 's3cret' }) });",
        "const d = await explain(spec, { who: { groups: ['engineering'] }, api: 'ListNamespaces' });",
        "const bad = await validate({ data: { apiVersion: 'temporal-auth/v1' } });",
        'console.log(JSON.stringify({ files: files.map((f) => f.name), allowed: d.decision.allowed, invalid: !bad.valid, typed: typeof InputError }));',
      ].join('\n'),
    );
    const run = spawnSync(process.execPath, ['use.mjs'], { cwd: project, encoding: 'utf8' });
    expect(run.status, run.stderr.slice(-1500)).toBe(0);
    const used = JSON.parse(run.stdout);
    expect(used).toEqual({ files: expect.arrayContaining(['values.auth.yaml', 'secrets.yaml']), allowed: true, invalid: true, typed: 'function' });
    const bin = spawnSync(join(project, 'node_modules', '.bin', 'temporal-auth'), ['validate', 'spec.yaml'], { cwd: project, encoding: 'utf8' });
    expect(bin.status, bin.stderr).toBe(0);
    expect(bin.stderr).toContain('spec.yaml: valid');
    // The bin as installed, end to end: render twice (the second run from the compile cache the
    // first wrote beside the bundle), the same bytes both times and as without the cache.
    const installed = join(project, 'node_modules', 'temporal-auth');
    const render = (out: string, env: NodeJS.ProcessEnv = {}) => {
      const r = spawnSync(join(project, 'node_modules', '.bin', 'temporal-auth'), ['render', 'spec.yaml', '--out', out], {
        cwd: project,
        encoding: 'utf8',
        env: { ...process.env, TEMPORAL_UI_CLIENT_SECRET: 's3cret', ...env },
      });
      expect(r.status, r.stderr).toBe(0);
      return Object.fromEntries(readdirSync(join(project, out)).map((f) => [f, readFileSync(join(project, out, f), 'utf8')]));
    };
    const uncached = render('out-uncached', { NODE_DISABLE_COMPILE_CACHE: '1' });
    const first = render('out-1');
    expect(readdirSync(join(installed, 'dist', '.cache')).filter((f) => f.startsWith('render-'))).toHaveLength(1);
    const second = render('out-2');
    expect(Object.keys(first)).toContain('values.auth.yaml');
    expect(first).toEqual(uncached);
    expect(second).toEqual(uncached);
    // The type declarations resolve for a TypeScript consumer.
    expect(readdirSync(join(project, 'node_modules', 'temporal-auth', 'dist', 'types'))).toContain('index.d.ts');
  }, 120_000);
});
