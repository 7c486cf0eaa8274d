// Builds the CLI: one ESM bundle (dist/main.js) with code splitting, so the
// modules only some commands need (handlebars, jose, the Kubernetes client)
// load only when those commands run. Start-up time is what users pay on every
// CI step; see bench/.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await rm(`${root}dist`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // Two more entries for the repo's own scripts: bench/ times diff's decode on
  // the shipped code, scripts/gen-readme.mjs lists the lint rules.
  // index: the library API (package.json "exports"); main: the CLI over it.
  entryPoints: { index: 'src/index.ts', main: 'src/cli/main.ts', 'helm-release': 'src/live/helm-release.ts', rules: 'src/spec/rules/index.ts' },
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
  // tokens that use a permissionsRegex (src/policy/permissions-pattern.ts).
  external: ['@kubernetes/client-node', 're2js'],
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});

// The library's type declarations (dist/types), from src/index.ts and what it
// reaches. `npm test` skips them (--no-types): its typecheck covers the same code.
if (!process.argv.includes('--no-types')) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.types.json'], { cwd: root, stdio: 'inherit' });
}
