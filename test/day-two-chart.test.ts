// Issue 13, chart and server traps: the user's --values, the NetworkPolicy and metrics, the UI's sub-path, quoting versions;
// issue 23: the dynamic config render owns, over a release's life.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { emitNetworkPolicy } from '../src/emit/network-policy.js';
import { emitValues } from '../src/emit/values.js';
import { validateSpecFile } from '../src/input/validate.js';
import { examplePath, modelOf, quickstart, runCli, tempDir, writeSpec } from './helpers.js';

type Spec = Record<string, any>;

async function lint(spec: Spec | string, values?: object, chartVersion?: string) {
  const dir = tempDir();
  const file = writeSpec(spec, dir);
  let valuesFile: string | undefined;
  if (values) writeFileSync((valuesFile = join(dir, 'values.yaml')), stringify(values));
  return (await validateSpecFile(file, { valuesFile, chartVersion })).findings;
}
const hits = async (id: string, values: object, chartVersion?: string) => (await lint(quickstart(), values, chartVersion)).filter((f) => f.rule === id);

describe('chart and server traps in --values', () => {
  it('publicClientHostPort or config.publicClient with the internal frontend: error in the values file, at the key', async () => {
    const found = await hits('public-client-internal-frontend', { server: { publicClientHostPort: 'temporal-frontend:7233', config: { publicClient: { hostPort: 'x:7233' } } } });
    expect(found.map((f) => [f.severity, f.file.endsWith('values.yaml'), f.message.split(':')[0]])).toEqual([
      ['error', true, 'server.publicClientHostPort'],
      ['error', true, 'server.config.publicClient'],
    ]);
    expect(found[0]!.message).toContain('publicClient must be empty');
    // Charts whose templates do not read publicClientHostPort (their profile says so) ignore it.
    expect(await hits('public-client-internal-frontend', { server: { publicClientHostPort: 'temporal-frontend:7233' } }, '1.0.0')).toEqual([]);
  });

  it('web-internal-frontend: by name, by port override, and through web.additionalEnv', async () => {
    expect(await hits('web-internal-frontend', { web: { temporalAddress: 'temporal-internal-frontend.temporal.svc.cluster.local:7236' } })).toHaveLength(1);
    expect(await hits('web-internal-frontend', { web: { temporalAddress: '10.0.0.7:17236' }, server: { 'internal-frontend': { service: { port: 17236 } } } })).toHaveLength(1);
    const env = await hits('web-internal-frontend', {
      web: {
        additionalEnv: [
          { name: 'A', value: 'b' },
          { name: 'TEMPORAL_ADDRESS', value: 'dns:///temporal-internal-frontend:7236' },
        ],
      },
    });
    expect(env.map((f) => f.message.split(':')[0])).toEqual(['web.additionalEnv.1.value']);
    expect(env[0]!.message).toContain('System Admin');
    expect(await hits('web-internal-frontend', { web: { temporalAddress: 'localhost:7233' } })).toEqual([]);
  });

  it('admintools-external-frontend: temporalAddress and the env the namespace job copies', async () => {
    const found = await hits('admintools-external-frontend', {
      admintools: { temporalAddress: 'temporal-frontend.temporal.svc:7233', additionalEnv: [{ name: 'TEMPORAL_CLI_ADDRESS', value: 'temporal-frontend:7233' }] },
    });
    expect(found.map((f) => f.message.split(':')[0])).toEqual(['admintools.temporalAddress', 'admintools.additionalEnv.0.value']);
    expect(found[1]!.message).toContain('namespace-creation job');
    expect(await hits('admintools-external-frontend', { admintools: { additionalEnv: [{ name: 'TEMPORAL_ADDRESS', value: 'temporal-internal-frontend:7236' }] } })).toEqual([]);
  });

  it('dynamic-config-auth: both keys, as booleans or strings, one finding per entry', async () => {
    const found = await hits('dynamic-config-auth', {
      server: {
        dynamicConfig: {
          'frontend.enableTokenNamespaceEnforcement': [{ value: 'false' }],
          'system.disableStreamingAuthorizer': [{ value: false }, { value: true, constraints: {} }],
        },
      },
    });
    expect(found.map((f) => f.message.split(':')[0])).toEqual([
      'server.dynamicConfig.frontend.enableTokenNamespaceEnforcement.0.value',
      'server.dynamicConfig.system.disableStreamingAuthorizer.1.value',
    ]);
    expect(found.every((f) => f.severity === 'warning')).toBe(true);
  });
});

describe('NetworkPolicy: the metrics port', () => {
  const metricsRule = (np: ReturnType<typeof emitNetworkPolicy>) => np.spec.ingress.find((r) => r.ports.some((p) => p.port === 9090 || p.port === 9191));

  it('admits 9090 from anywhere by default, apart from the rule for the release pods', async () => {
    const np = emitNetworkPolicy(await modelOf(examplePath('okta')));
    expect(np.spec.ingress).toHaveLength(2);
    expect(np.spec.ingress[0]!.ports.map((p) => p.port)).not.toContain(9090);
    expect(metricsRule(np)).toEqual({ ports: [{ protocol: 'TCP', port: 9090 }] });
  });

  it('admits it from the peers in metricsFrom, or from nobody with []', async () => {
    const s = quickstart();
    s.server.internalFrontend = {
      metricsFrom: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } } }],
    };
    const np = emitNetworkPolicy(await modelOf(writeSpec(s)));
    expect(metricsRule(np)).toEqual({
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } } }],
      ports: [{ protocol: 'TCP', port: 9090 }],
    });
    s.server.internalFrontend = { metricsFrom: [] };
    expect(emitNetworkPolicy(await modelOf(writeSpec(s))).spec.ingress).toHaveLength(1);
  });

  it("follows the metrics listenAddress in the user's values", async () => {
    const np = emitNetworkPolicy(await modelOf(examplePath('okta')), { server: { config: { metrics: { prometheus: { listenAddress: '0.0.0.0:9191' } } } } });
    expect(metricsRule(np)!.ports).toEqual([{ protocol: 'TCP', port: 9191 }]);
  });

  it('an empty peer is a schema error', async () => {
    const s = quickstart();
    s.server.internalFrontend = { metricsFrom: [{}] };
    expect((await lint(s)).map((f) => f.rule)).toContain('schema');
  });
});

describe('the Web UI under a sub-path', () => {
  it('publicPath: the callback under it is valid, sets TEMPORAL_UI_PUBLIC_PATH', async () => {
    const s = quickstart();
    s.clients.web.publicPath = '/temporal';
    s.clients.web.callbackUrl = 'https://tools.example.com/temporal/auth/sso/callback';
    const file = writeSpec(s);
    expect((await validateSpecFile(file)).findings).toEqual([]);
    const env = (emitValues(await modelOf(file)) as any).web.additionalEnv;
    expect(env).toContainEqual({ name: 'TEMPORAL_UI_PUBLIC_PATH', value: '/temporal' });
  });

  it('the callback outside the public path is an error; a sub-path without publicPath names the setting', async () => {
    const s = quickstart();
    s.clients.web.publicPath = '/temporal';
    const [hit] = (await lint(s)).filter((f) => f.rule === 'callback-path');
    expect(hit!.message).toContain('https://temporal.example.com/temporal/auth/sso/callback');
    delete s.clients.web.publicPath;
    s.clients.web.callbackUrl = 'https://tools.example.com/temporal/auth/sso/callback';
    const [hint] = (await lint(s)).filter((f) => f.rule === 'callback-path');
    expect(hint!.message).toContain('set clients.web.publicPath: /temporal');
  });

  it('publicPath must start with a slash and not end with one', async () => {
    const s = quickstart();
    s.clients.web.publicPath = 'temporal/';
    expect((await lint(s)).map((f) => f.rule)).toContain('schema');
  });
});

describe('a version written as a YAML number', () => {
  it('chart: { version: 1.6 } says quote it, at the value', async () => {
    const spec = stringify(quickstart()).replace(/version: 1\.6\.0/, 'version: 1.6');
    expect(spec).toContain('version: 1.6\n');
    const found = await lint(spec);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'version-string', severity: 'error' });
    expect(found[0]!.message).toMatch(/^chart\.version: .*quote it.*"1\.6\.0"/);
  });

  it('an image tag 1.31 too', async () => {
    const s = quickstart();
    s.server.image.tag = 1.31;
    const [hit] = await lint(s);
    expect(hit!.rule).toBe('version-string');
  });
});

describe('issue 23 over time: principal on, then off, against the release', () => {
  it('render --values (helm get values of a release rendered with principal) after principal is removed: the dynamic config entry is written null, the same bytes twice', async () => {
    const env = { TEMPORAL_UI_CLIENT_SECRET: 'x' };
    const s = quickstart();
    s.server.authorization = { principal: { claim: 'email' } };
    const dir = tempDir();
    const first = await runCli(['render', writeSpec(s, dir), '--out', join(dir, 'out1')], { env });
    expect(first.code).toBe(0);
    const released = join(dir, 'release-values.yaml');
    writeFileSync(released, readFileSync(join(dir, 'out1', 'values.auth.yaml'), 'utf8'));
    expect(parse(readFileSync(released, 'utf8')).server.dynamicConfig).toEqual({ 'frontend.enablePrincipalPropagation': [{ value: true, constraints: {} }] });
    delete s.server.authorization;
    writeSpec(s, dir);
    const outs: string[] = [];
    for (const out of ['out2', 'out3']) {
      const run = await runCli(['render', join(dir, 'temporal-auth.yaml'), '--out', join(dir, out), '--values', released], { env });
      expect(run.code).toBe(0);
      outs.push(readFileSync(join(dir, out, 'values.auth.yaml'), 'utf8'));
    }
    expect(outs[1]).toBe(outs[0]);
    expect(parse(outs[0]!).server.dynamicConfig).toEqual({ 'frontend.enablePrincipalPropagation': null });
  });
});
