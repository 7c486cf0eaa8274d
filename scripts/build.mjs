// Builds the package:
// - the library (dist/index.js, package.json "exports"): ES modules with code
//   splitting, plus two entries for the repo's own scripts;
// - the CLI: one CommonJS bundle, dist/cli.cjs, which bin/temporal-auth.js
//   starts through dist/boot.cjs (src/cli/boot.ts) with V8's code cache. One
//   file loads faster than a graph of ES modules on Node 20, and the cache
//   takes compiling it off every run but the first: start-up is what users
//   pay on every CI step; see bench/. The modules only some commands need
//   (handlebars, jose, the templates) stay lazy inside the bundle: each is
//   evaluated only when its command imports it. dist/cli.cjs.map (not in the
//   package) lets test/cli.test.ts tell which source modules a run evaluated.

import { execFileSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
await rm(`${root}dist`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // More entries for the repo's own scripts: bench/ times diff's decode on the
  // shipped code; scripts/gen-readme.mjs restates the lint rules, the output
  // table and the supported charts; scripts/gen-chart-profile.mjs writes the
  // built-in chart profiles with the derivation `render --chart` runs.
  // index: the library API (package.json "exports").
  entryPoints: {
    index: 'src/index.ts',
    'helm-release': 'src/live/helm-release.ts',
    'readme-tables': 'src/api/readme-tables.ts',
    charts: 'src/charts/readme.ts',
    'chart-derive': 'src/charts/derive/derive-profile.ts',
  },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  // Loaded from node_modules at run time, only where used: the Kubernetes
  // client by diff (large, native-ish deps), the RE2 engine by specs and
  // tokens that use a permissionsRegex (src/temporal/permissions-pattern.ts).
  external: ['@kubernetes/client-node', 're2js'],
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});

/**
 * commander requires node:child_process (and with it net, dgram and the
 * streams: about 3 ms) only to run `git-style` executable subcommands, which
 * this CLI has none of: it is required when spawn is first called instead.
 */
const lazyChildProcess = {
  name: 'commander-lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const line = "const childProcess = require('node:child_process');";
      if (!text.includes(line)) throw new Error(`${args.path} no longer has the line ${line}: update scripts/build.mjs`);
      return { contents: text.replace(line, "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };"), loader: 'js' };
    });
  },
};

const cli = {
  absWorkingDir: root,
  outdir: 'dist',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  external: ['@kubernetes/client-node', 're2js'],
  logLevel: 'warning',
};
await build({
  ...cli,
  entryPoints: { cli: 'src/cli/main.ts' },
  outExtension: { '.js': '.cjs' },
  // import.meta.url (the package folder, createRequire) is this file's URL, as in the ES modules.
  define: { 'import.meta.url': '__temporalAuthUrl' },
  banner: { js: 'var __temporalAuthUrl=require("node:url").pathToFileURL(__filename).href;' },
  sourcemap: 'external',
  sourcesContent: false,
  plugins: [lazyChildProcess],
});
await build({ ...cli, entryPoints: { boot: 'src/cli/boot.ts' }, outExtension: { '.js': '.cjs' } });

// The library's type declarations (dist/types), from src/index.ts and what it
// reaches. `npm test` skips them (--no-types): its typecheck covers the same code.
if (!process.argv.includes('--no-types')) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.types.json'], { cwd: root, stdio: 'inherit' });
}
