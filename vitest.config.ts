import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// `npm test` is the TypeScript suite (under a minute, no Go needed).
// test/package/ packs and installs the package: `npm run test:package`.
// test/kube-api/ runs against a real kube-apiserver (and the real helm) that
// test/kube builds with Go: `npm run test:kube`.
const packageTests = process.env.TEMPORAL_AUTH_PACKAGE_TESTS === '1';
const kubeTests = process.env.TEMPORAL_AUTH_KUBE_TESTS === '1';

export default defineConfig({
  test: packageTests
    ? { include: ['test/package/**/*.test.ts'], exclude: [], testTimeout: 15_000 }
    : kubeTests
      ? {
          include: ['test/kube-api/**/*.test.ts'],
          exclude: [],
          // Builds test/kube (once), starts one API server for every file, stops it at the end.
          globalSetup: ['test/kube-api/global-setup.ts'],
          // A test runs helm and the CLI several times against the API server.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        }
      : {
          include: ['test/**/*.test.ts'],
          exclude: ['test/package/**', 'test/kube-api/**', 'node_modules/**'],
          testTimeout: 15_000,
          // Most of a test's time is a child process (the shipped bin) or a
          // local server answering: vitest's default (one worker fewer than
          // the CPUs) is one worker on a two-CPU CI machine, 63 s there; three
          // workers keep `npm test` under a minute (40 s) on two CPUs.
          maxWorkers: Math.max(3, availableParallelism() - 1),
        },
});
