import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { render } from '../../src/api/render.js';
import { uiDockerConfigEntries } from '../../src/charts/web-ui-docker-config.js';
import { FILES } from '../../src/emit/index.js';
import { exampleData, examplePath, ROOT } from '../helpers.js';

/**
 * The docker.yaml render writes for clients.web.providerOptions replaces the image's own. Loaded
 * by the UI server's own config loader (github.com/temporalio/ui-server/v2 at the UI version
 * the chart ships, from the Go module proxy), it must give exactly the config upstream's
 * docker.yaml gives under the same environment, plus the provider's options. The cases are
 * the env the rendered values set, each env var alone with values that tell the plain, quoted
 * and list forms apart, and 60 seeded random environments over every env var the template
 * reads (unset, empty, and values that trip YAML or the template's HTML escaping).
 */
const hasGo = spawnSync('go', ['version']).status === 0;

/** UI version -> the ui-server module version to load it with, and a chart that ships it. */
const UI_VERSIONS = [
  { ui: '2.39.0', module: 'v2.39.0', chart: '0.65.0' },
  // v2.48.1 is not on the module proxy; v2.49.1 has the same docker.yaml, config.go and loader.
  { ui: '2.48.1', module: 'v2.49.1', chart: '0.74.0' },
  { ui: '2.52.0', module: 'v2.52.0', chart: '1.6.0' },
] as const;

const SECRET = 's3cr&t<\'"#x';
const OPTIONS = { audience: 'https://temporal.acme.example/api', access_type: 'offline', prompt: '' };

/** Values for the random environments: by the kind of key (from its default), and hostile ones. */
const STRINGS = ['', 'https://a.example,https://b.example', 'openid,email,offline_access', "it's", 'x<y>&z', 'é✓', 'a,b,c,d,e,f,g,h,i,j,k,l', 'true', '8080'];
const HOSTILE = ['a"b', 'a # b', 'a: b', '{{ env "HOME" }}', '~', 'null', '- item', ' lead', '[x]', '*x', '!x', '%x', '"', "'"];
const pools = (def: string | undefined) =>
  def === 'true' || def === 'false' ? ['true', 'false', ''] : def !== undefined && /^\d+$/.test(def) ? ['9090', ''] : def !== undefined && /^\d+s$/.test(def) ? ['0s', '90m', ''] : STRINGS;

/** A small seeded generator (mulberry32), so a failure names a case that replays. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const work = mkdtempSync(join(tmpdir(), 'temporal-auth-ui-config-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function go(args: string[], cwd: string) {
  const env = { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' };
  const run = spawnSync('go', args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(run.status, `go ${args.join(' ')}: ${run.stderr}`).toBe(0);
  return run.stdout.trim();
}

describe.skipIf(!hasGo)("the replacement docker.yaml, loaded by the Web UI server's own loader", () => {
  for (const { ui, module, chart } of UI_VERSIONS) {
    it(`Web UI ${ui} (chart ${chart}): same config as upstream's docker.yaml under every environment, plus the options`, async () => {
      const dir = join(work, ui);
      mkdirSync(dir, { recursive: true });
      copyFileSync(join(ROOT, 'test', 'package', 'ui-config-loader', 'main.go'), join(dir, 'main.go'));
      writeFileSync(join(dir, 'go.mod'), `module example.com/uiconfig\n\ngo 1.24\n\nrequire github.com/temporalio/ui-server/v2 ${module}\n`);
      go(['build', '-o', 'loader', '.'], dir);
      const moduleDir = go(['list', '-m', '-f', '{{.Dir}}', 'github.com/temporalio/ui-server/v2'], dir);

      const spec = exampleData('okta');
      spec.chart = { version: chart };
      spec.clients.web.providerOptions = OPTIONS;
      if (ui !== '2.39.0') spec.clients.web.session = { maxDuration: '8h' };
      const result = await render({ data: spec, file: examplePath('okta') }, { secrets: async () => ({ ok: true, value: SECRET }) });
      const configMap = result.files.find((f) => f.name === FILES.webUiConfig)!.documents[0] as { data: Record<string, string> };
      expect(Object.keys(configMap.data).sort()).toEqual(ui === '2.39.0' ? ['docker.yaml'] : ['base.yaml', 'docker.yaml']);

      // Upstream: the image's docker.yaml (from the module), with our base.yaml beside it as in the pod.
      const upstream = join(dir, 'upstream');
      const ours = join(dir, 'ours');
      for (const d of [upstream, ours]) mkdirSync(d, { recursive: true });
      copyFileSync(join(moduleDir, 'config', 'docker.yaml'), join(upstream, 'docker.yaml'));
      for (const [name, text] of Object.entries(configMap.data)) {
        writeFileSync(join(ours, name), text);
        if (name === 'base.yaml') writeFileSync(join(upstream, name), text);
      }

      // The web pod's env from the rendered values: literal values, and the Secret's keys resolved.
      const web = (result.values.web as { additionalEnv: { name: string; value?: string; valueFrom?: unknown }[] }).additionalEnv;
      const podEnv: Record<string, string> = { TEMPORAL_ADDRESS: 'temporal-frontend.temporal.svc:7233', TEMPORAL_CORS_ORIGINS: 'https://temporal.acme.example' };
      for (const e of web) podEnv[e.name] = e.value ?? SECRET;
      expect(podEnv.TEMPORAL_AUTH_ENABLED).toBe('true');

      // The env vars come from upstream's file, not from our table, so a key the table lacks is still exercised.
      const upstreamText = readFileSync(join(upstream, 'docker.yaml'), 'utf8');
      const names = [...new Set([...upstreamText.matchAll(/env "(\w+)"/g)].map((m) => m[1]!))];
      const table = uiDockerConfigEntries(ui)!;
      expect(table.map((e) => e.env).sort()).toEqual([...names].sort());
      const defaults = new Map(table.map((e) => [e.env, e.kind === 'scalar' ? e.default : undefined]));
      const next = random(Number(ui.replace(/\D/g, '')));
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
      const envs = [podEnv];
      for (let i = 0; i < 60; i++) {
        const env: Record<string, string> = {};
        // One case in five puts hostile values in some keys (both loaders must then fail, or load, alike).
        const wild = i % 5 === 4;
        for (const name of names) if (next() < 0.6) env[name] = pick(wild && next() < 0.2 ? HOSTILE : pools(defaults.get(name)));
        envs.push(env);
      }
      // Each key alone, with values that tell plain, quoted and list forms apart (a comment, a blank, a bool).
      for (const name of names) for (const value of ['a # b', ' lead', 'true', 'a,b']) envs.push({ [name]: value });
      const cases = envs.flatMap((env) => [
        { dir: upstream, env },
        { dir: ours, env },
      ]);
      const run = spawnSync(join(dir, 'loader'), { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      expect(run.status, run.stderr).toBe(0);
      const results = JSON.parse(run.stdout) as { config?: any; error?: string }[];

      let loaded = 0;
      let refused = 0;
      for (let i = 0; i < envs.length; i++) {
        const [theirs, mine] = [results[2 * i]!, results[2 * i + 1]!];
        const what = `case ${i}: ${JSON.stringify(envs[i])}`;
        expect(mine.error === undefined, `${what}\nupstream: ${theirs.error}\nours: ${mine.error}`).toBe(theirs.error === undefined);
        if (theirs.error !== undefined) {
          refused++;
          continue;
        }
        loaded++;
        const provider = mine.config.Auth.Providers[0];
        expect(provider.Options, what).toEqual(OPTIONS);
        expect(theirs.config.Auth.Providers[0].Options, what).toBeNull();
        provider.Options = null;
        expect(mine.config, what).toEqual(theirs.config);
      }
      // The pod's own env loads, and so do enough random ones for the comparison to mean something.
      expect(results[0]!.error).toBeUndefined();
      expect(loaded).toBeGreaterThan(30);
      expect(refused, 'some hostile environments are refused by both').toBeGreaterThan(0);
      if (ui !== '2.39.0') expect(results[1]!.config.Auth.MaxSessionDuration).toBe(8 * 3600 * 1e9);
      expect(results[1]!.config.Auth.Providers[0].ClientSecret).toBe(results[0]!.config.Auth.Providers[0].ClientSecret);
    }, 300_000);
  }
});

describe.runIf(!hasGo)('the replacement docker.yaml', () => {
  it('is skipped: go is not installed', () => {
    console.warn('SKIPPED: the Web UI docker.yaml is not compared with upstream: `go` is not on PATH (install Go 1.26+ to run it)');
  });
});
