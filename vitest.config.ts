import { defineConfig } from 'vitest/config';

// `npm test` is the TypeScript suite (under a minute). test/package/ packs and
// installs the package: `npm run test:package`, which `npm run test:all` runs.
const packageTests = process.env.TEMPORAL_AUTH_PACKAGE_TESTS === '1';

export default defineConfig({
  test: {
    include: packageTests ? ['test/package/**/*.test.ts'] : ['test/**/*.test.ts'],
    exclude: packageTests ? [] : ['test/package/**', 'node_modules/**'],
    testTimeout: 15_000,
  },
});
