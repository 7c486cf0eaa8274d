import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartProfile, SUPPORTED_CHART_VERSIONS } from '../src/charts/index.js';
import { chartWebUiVersion } from '../src/charts/web-ui.js';
import { UI_DOCKER_CONFIG_NOT_DESCRIBED, UI_DOCKER_CONFIG_VERSIONS, uiDockerConfigEntries } from '../src/charts/web-ui-docker-config.js';
import { emitValues } from '../src/emit/values.js';
import { webUiValue } from '../src/input/rules/web-ui-value.js';
import { validateSpecFile } from '../src/input/validate.js';
import { PRESETS } from '../src/providers/presets.js';
import { uiConfigValueProblem } from '../src/util/ui-config-value.js';
import { modelOf, quickstart, ROOT, writeSpec } from './helpers.js';

type Spec = Record<string, any>;
type EnvVar = { name: string; value?: string; valueFrom?: unknown };

async function webEnvOf(spec: Spec, chartVersion?: string): Promise<Map<string, EnvVar>> {
  const values = emitValues(await modelOf(writeSpec(spec), chartVersion)) as any;
  return new Map((values.web.additionalEnv as EnvVar[]).map((e) => [e.name, e]));
}

async function findings(spec: Spec, chartVersion?: string) {
  return (await validateSpecFile(writeSpec(spec), { chartVersion })).findings;
}

const NEW_VARS = [
  'TEMPORAL_AUTH_REDIRECT_TO_PROVIDER',
  'TEMPORAL_AUTH_ISSUER_URL',
  'TEMPORAL_CODEC_ENDPOINT',
  'TEMPORAL_CODEC_PASS_ACCESS_TOKEN',
  'TEMPORAL_CODEC_INCLUDE_CREDENTIALS',
  'TEMPORAL_FORWARD_HEADERS',
];

describe('Web UI settings reach the UI env', () => {
  it('none of the new variables is emitted when the spec sets none', async () => {
    const web = await webEnvOf(quickstart());
    for (const name of NEW_VARS) expect(web.has(name), name).toBe(false);
  });

  it('redirectToProvider becomes TEMPORAL_AUTH_REDIRECT_TO_PROVIDER on chart 1.6.0 (UI 2.52.0)', async () => {
    const s = quickstart();
    s.chart.version = '1.6.0';
    s.clients.web.redirectToProvider = true;
    expect((await webEnvOf(s)).get('TEMPORAL_AUTH_REDIRECT_TO_PROVIDER')?.value).toBe('true');
    s.clients.web.redirectToProvider = false;
    expect((await webEnvOf(s)).get('TEMPORAL_AUTH_REDIRECT_TO_PROVIDER')?.value).toBe('false');
  });

  it('redirectToProvider is left out for a UI before 2.52, and lint says so at the key', async () => {
    const s = quickstart();
    s.clients.web.redirectToProvider = true;
    for (const chart of ['0.65.0', '0.74.0', '1.0.0']) {
      expect((await webEnvOf(s, chart)).has('TEMPORAL_AUTH_REDIRECT_TO_PROVIDER'), chart).toBe(false);
      const hits = (await findings(s, chart)).filter((f) => f.rule === 'web-ui-version-features');
      expect(hits, chart).toHaveLength(1);
      expect(hits[0]!.severity).toBe('warning');
      expect(hits[0]!.message).toContain(`Web UI ${chartWebUiVersion(chart)}`);
      expect(hits[0]!.line).toBeGreaterThan(1);
    }
    expect((await findings(s, '1.6.0')).filter((f) => f.rule === 'web-ui-version-features')).toEqual([]);
  });

  it('issuerUrl becomes TEMPORAL_AUTH_ISSUER_URL, a plain value', async () => {
    const s = quickstart();
    s.clients.web.issuerUrl = 'https://tokens.example.com/tenant';
    expect((await webEnvOf(s)).get('TEMPORAL_AUTH_ISSUER_URL')).toEqual({ name: 'TEMPORAL_AUTH_ISSUER_URL', value: 'https://tokens.example.com/tenant' });
  });

  it('codec settings become TEMPORAL_CODEC_*, each only when set', async () => {
    const s = quickstart();
    s.clients.web.codec = { endpoint: 'https://codec.example.com', passAccessToken: true };
    const web = await webEnvOf(s);
    expect(web.get('TEMPORAL_CODEC_ENDPOINT')?.value).toBe('https://codec.example.com');
    expect(web.get('TEMPORAL_CODEC_PASS_ACCESS_TOKEN')?.value).toBe('true');
    expect(web.has('TEMPORAL_CODEC_INCLUDE_CREDENTIALS')).toBe(false);
    s.clients.web.codec = { endpoint: 'https://codec.example.com', includeCredentials: false };
    const other = await webEnvOf(s);
    expect(other.get('TEMPORAL_CODEC_INCLUDE_CREDENTIALS')?.value).toBe('false');
    expect(other.has('TEMPORAL_CODEC_PASS_ACCESS_TOKEN')).toBe(false);
  });

  it('forwardHeaders become TEMPORAL_FORWARD_HEADERS, comma-joined (the UI splits on commas)', async () => {
    const s = quickstart();
    s.clients.web.forwardHeaders = ['x-request-id', 'x-tenant'];
    expect((await webEnvOf(s)).get('TEMPORAL_FORWARD_HEADERS')?.value).toBe('x-request-id,x-tenant');
  });

  it('every plain value in the UI env passes uiConfigValueProblem', async () => {
    const s = quickstart();
    Object.assign(s.clients.web, {
      label: 'Sign in',
      publicPath: '/temporal',
      redirectToProvider: true,
      issuerUrl: 'https://tokens.example.com/tenant',
      codec: { endpoint: 'https://codec.example.com/decode', passAccessToken: true, includeCredentials: true },
      forwardHeaders: ['x-request-id'],
    });
    s.clients.web.callbackUrl = 'https://temporal.example.com/temporal/auth/sso/callback';
    const web = await webEnvOf(s);
    for (const name of NEW_VARS) expect(web.has(name), name).toBe(true);
    for (const e of web.values()) if (e.value !== undefined) expect(uiConfigValueProblem(e.value), e.name).toBeUndefined();
  });
});

describe('Web UI settings are validated', () => {
  it('a codec endpoint or issuer URL the UI config would misread is refused at that value', async () => {
    const s = quickstart();
    s.clients.web.codec = { endpoint: 'https://codec.example.com/a #b' };
    s.clients.web.issuerUrl = 'https://tokens.example.com/x: y';
    const errors = (await findings(s)).filter((f) => f.severity === 'error');
    // The schema's uri format refuses both (a space is not a URI character), each at its own line.
    expect(errors.map((f) => f.message.split(':')[0]).sort()).toEqual(['clients.web.codec.endpoint', 'clients.web.issuerUrl']);
    expect(new Set(errors.map((f) => f.line)).size).toBe(2);
  });

  it('web-ui-value checks every free-text value webEnv emits, not only the label', () => {
    const spec = quickstart();
    spec.clients.web.issuerUrl = 'https://a.example.com/x\ny';
    spec.clients.web.codec = { endpoint: '{https://codec}' };
    const hits = webUiValue.check!({ spec: spec as any, chartVersion: '1.6.0' });
    expect(hits.map((h) => h.path.join('.'))).toEqual(['clients.web.issuerUrl', 'clients.web.codec.endpoint']);
  });

  it('passing the access token to a plain-http codec endpoint is an error; https is fine', async () => {
    const s = quickstart();
    s.clients.web.codec = { endpoint: 'http://codec.example.com', passAccessToken: true };
    const hits = (await findings(s)).filter((f) => f.rule === 'codec-token-https');
    expect(hits.map((h) => h.severity)).toEqual(['error']);
    s.clients.web.codec = { endpoint: 'http://codec.internal' }; // nothing sent: no finding
    expect((await findings(s)).filter((f) => f.rule === 'codec-token-https')).toEqual([]);
  });

  it('a header name with a comma is refused by the schema (the UI splits the list on commas)', async () => {
    const s = quickstart();
    s.clients.web.forwardHeaders = ['x-a,x-b'];
    const hits = (await findings(s)).filter((f) => f.severity === 'error');
    expect(hits.some((h) => h.message.includes('forwardHeaders'))).toBe(true);
  });
});

describe('Web UI versions and presets', () => {
  it("each profile's Web UI version is the UI tag the chart's values.yaml ships", () => {
    expect(chartWebUiVersion('9.9.9')).toBeUndefined();
    for (const chart of SUPPORTED_CHART_VERSIONS) {
      const ui = chartProfile(chart)!.webUiVersion;
      expect(chartWebUiVersion(chart), chart).toBe(ui);
      expect(ui, chart).toMatch(/^\d+\.\d+\.\d+$/);
      let text: string;
      try {
        text = readFileSync(join(ROOT, '..', 'shared', 'reference', 'charts', `temporal-${chart}`, 'values.yaml'), 'utf8');
      } catch {
        continue; // the reference charts are not part of the package (the generator's --check reads the tags)
      }
      const web = text.slice(text.search(/^web:/m));
      expect(/image:\s*\n\s*repository: temporalio\/ui\s*\n\s*tag: "?([^"\s]+)/.exec(web)?.[1], chart).toBe(ui);
    }
  });

  it("every profile's Web UI version has docker.yaml facts, or knowingly lacks them and lint says so", async () => {
    for (const chart of SUPPORTED_CHART_VERSIONS) {
      const ui = chartProfile(chart)!.webUiVersion;
      const described = UI_DOCKER_CONFIG_VERSIONS.includes(ui);
      const why = UI_DOCKER_CONFIG_NOT_DESCRIBED[ui];
      expect(
        described !== (why !== undefined),
        `chart ${chart} runs Web UI ${ui}: src/charts/web-ui-docker-config.ts must either describe its docker.yaml (read temporalio/ui at v${ui}; UI_DOCKER_CONFIG_VERSIONS) or list it in UI_DOCKER_CONFIG_NOT_DESCRIBED with why, not ${described ? 'both' : 'neither'}`,
      ).toBe(true);
      if (described) {
        expect(uiDockerConfigEntries(ui), ui).toBeDefined();
        continue;
      }
      const s = quickstart();
      s.clients.web.providerOptions = { prompt: 'login' };
      const hits = (await findings(s, chart)).filter((f) => f.rule === 'web-ui-version-features');
      expect(
        hits.map((h) => h.message),
        chart,
      ).toEqual([expect.stringContaining(`the tool does not know the config template of Web UI ${ui} (chart ${chart})`)]);
    }
    // No stale excuses: each UI listed as not described is one a supported chart runs.
    const shipped = new Set(SUPPORTED_CHART_VERSIONS.map((c) => chartProfile(c)!.webUiVersion));
    for (const ui of Object.keys(UI_DOCKER_CONFIG_NOT_DESCRIBED)) expect(shipped.has(ui), `${ui} is listed as not described but no supported chart runs it`).toBe(true);
  });

  it('presets request offline_access where the provider issues refresh tokens only for it, and never for Google', () => {
    for (const p of ['okta', 'auth0', 'entra', 'dex', 'zitadel'] as const) expect(PRESETS[p].scopes, p).toContain('offline_access');
    expect(PRESETS.google.scopes).not.toContain('offline_access');
    expect(PRESETS.keycloak.scopes).not.toContain('offline_access');
  });

  it('the preset scopes reach TEMPORAL_AUTH_SCOPES when the spec lists none', async () => {
    const s = quickstart();
    s.issuer = { url: 'https://acme.okta.com/oauth2/default', provider: 'okta' };
    delete s.clients.web.scopes;
    const scopes = (await webEnvOf(s)).get('TEMPORAL_AUTH_SCOPES')?.value?.split(',');
    expect(scopes).toContain('offline_access');
  });
});
