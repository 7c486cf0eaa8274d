// The custom-auth server is built from one Temporal server version: server/go.mod's
// go.temporal.io/server. The Dockerfile's TEMPORAL_VERSION only picks the base image,
// so its default must be that version, and the docs must name it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { apiTableFor } from '../src/policy/api.js';
import { compareVersions, PRINCIPAL_PROPAGATION_SINCE } from '../src/temporal/versions.js';
import { ROOT } from './helpers.js';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const goModVersion = /^\s*go\.temporal\.io\/server v(\d+\.\d+\.\d+)\s*$/m.exec(read('server/go.mod'))?.[1];

it("the Dockerfile's TEMPORAL_VERSION default is server/go.mod's go.temporal.io/server", () => {
  expect(goModVersion).toMatch(/^\d+\.\d+\.\d+$/);
  const args = [...read('server/Dockerfile').matchAll(/^ARG (\w+)(?:=(\S*))?$/gm)].map((m) => [m[1], m[2]]);
  expect(args).toEqual([['TEMPORAL_VERSION', goModVersion]]);
});

it('README and server/README name the version the image is built from', () => {
  expect(read('README.md')).toContain(`\`go.temporal.io/server\` version in \`server/go.mod\` (v${goModVersion})`);
  expect(read('server/README.md')).toContain(`in \`go.mod\` (v${goModVersion},`);
});

it('the build version has its own API table and is a server the module compiles against (1.31: Claims.AuthType, Result.Principal)', () => {
  expect(apiTableFor(goModVersion!).note).toBeUndefined();
  expect(apiTableFor(goModVersion!).version).toBe(goModVersion!.split('.').slice(0, 2).join('.'));
  expect(compareVersions(goModVersion!, PRINCIPAL_PROPAGATION_SINCE)).toBeGreaterThanOrEqual(0);
});

it('server-version-unsupported names the oldest server a supported chart ships, from the chart profiles', async () => {
  const { serverVersionUnsupported } = await import('../src/input/rules/server-version-unsupported.js');
  const { chartProfile, SUPPORTED_CHART_VERSIONS } = await import('../src/charts/index.js');
  const oldest = SUPPORTED_CHART_VERSIONS.map((c) => chartProfile(c)!.appVersion).sort(compareVersions)[0];
  const hits = serverVersionUnsupported.check!({ spec: { server: { version: '1.21.4' } }, chart: undefined } as never);
  expect(hits[0]!.message).toContain(`the charts temporal-auth supports ship ${oldest} and later`);
});
