import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FILES, renderOutputs } from '../src/emit/index.js';
import { emitValues } from '../src/emit/values.js';
import { UI_CONFIG_DIR, WEB_CONFIG_VOLUME } from '../src/emit/web-config.js';
import { validateSpecFile } from '../src/input/validate.js';
import { modelOf, quickstart, writeSpec } from './helpers.js';

type Spec = Record<string, any>;

function withMaxDuration(d = '8h'): Spec {
  const spec = quickstart() as Spec;
  spec.clients.web.session = { maxDuration: d };
  return spec;
}

describe('UI config-only settings (auth.maxSessionDuration)', () => {
  it('nothing is emitted when no config-only setting is used', async () => {
    const model = await modelOf(writeSpec(quickstart()), '1.6.0');
    const values = emitValues(model) as any;
    expect(values.web.additionalVolumes).toBeUndefined();
    expect(values.web.additionalVolumeMounts).toBeUndefined();
    expect(renderOutputs(model).files.map((f) => f.name)).not.toContain(FILES.webUiConfig);
  });

  it("the ConfigMap holds exactly auth.maxSessionDuration, mounted as the UI config dir's base.yaml", async () => {
    const model = await modelOf(writeSpec(withMaxDuration('8h')), '1.6.0');
    const file = renderOutputs(model).files.find((f) => f.name === FILES.webUiConfig);
    expect(file).toBeDefined();
    const cm = parse(file!.content);
    expect(cm.kind).toBe('ConfigMap');
    expect(Object.keys(cm.data)).toEqual(['base.yaml']);
    // The ui-server loads <root>/config/base.yaml, then config/docker.yaml (temporalio/ui loader.go).
    expect(parse(cm.data['base.yaml'])).toEqual({ auth: { maxSessionDuration: '8h' } });

    const values = emitValues(model) as any;
    const volume = values.web.additionalVolumes.find((v: any) => v.name === WEB_CONFIG_VOLUME);
    expect(volume.configMap.name).toBe(cm.metadata.name);
    const mount = values.web.additionalVolumeMounts.find((m: any) => m.name === WEB_CONFIG_VOLUME);
    expect(mount.mountPath).toBe('/home/ui-server/config/base.yaml');
    expect(mount.mountPath).toBe(`${UI_CONFIG_DIR}/${mount.subPath}`);
    expect(mount.subPath).toBe('base.yaml');
  });

  it("the user's own web volumes and mounts are kept", async () => {
    const model = await modelOf(writeSpec(withMaxDuration()), '1.6.0');
    const theirs = {
      web: {
        additionalVolumes: [{ name: 'mine', emptyDir: {} }],
        additionalVolumeMounts: [{ name: 'mine', mountPath: '/mine' }],
      },
    };
    const values = emitValues(model, theirs) as any;
    expect(values.web.additionalVolumes.map((v: any) => v.name).sort()).toEqual(['mine', WEB_CONFIG_VOLUME].sort());
    expect(values.web.additionalVolumeMounts.map((v: any) => v.name).sort()).toEqual(['mine', WEB_CONFIG_VOLUME].sort());
  });

  it('left out, with a lint warning, for a UI without auth.maxSessionDuration (chart 0.65.0: UI 2.39.0)', async () => {
    const model = await modelOf(writeSpec(withMaxDuration()), '0.65.0');
    expect(renderOutputs(model).files.map((f) => f.name)).not.toContain(FILES.webUiConfig);
    expect((emitValues(model) as any).web.additionalVolumes).toBeUndefined();
    const found = (await validateSpecFile(writeSpec(withMaxDuration()), { chartVersion: '0.65.0' })).findings;
    expect(found.some((f: any) => f.rule === 'web-ui-version-features' && /maxSessionDuration/.test(f.message))).toBe(true);
    const ok = (await validateSpecFile(writeSpec(withMaxDuration()), { chartVersion: '0.74.0' })).findings;
    expect(ok.some((f: any) => f.rule === 'web-ui-version-features')).toBe(false);
  });

  it('rejects a value that is not a Go duration', async () => {
    const found = (await validateSpecFile(writeSpec(withMaxDuration('eight hours')), { chartVersion: '1.6.0' })).findings;
    expect(found.some((f: any) => JSON.stringify(f).includes('maxDuration'))).toBe(true);
  });
});

describe('the Web UI config file rolls the UI pods', () => {
  it('a changed session length changes the web checksum only', async () => {
    const { podChecksums } = await import('../src/emit/checksum.js');
    const { modelOf, quickstart, writeSpec } = await import('./helpers.js');
    const at = async (maxDuration?: string) => {
      const s = quickstart();
      if (maxDuration) s.clients.web.session = { maxDuration };
      return podChecksums(await modelOf(writeSpec(s)));
    };
    const [none, eight, twelve] = await Promise.all([at(), at('8h'), at('12h')]);
    expect(eight.web).not.toBe(twelve.web);
    expect(eight.web).not.toBe(none.web);
    expect(eight.frontend).toBe(twelve.frontend);
  });
});

describe('provider options (clients.web.providerOptions): a replacement docker.yaml', () => {
  const withOptions = (options: Record<string, string> = { audience: 'https://api.acme.example', access_type: 'offline' }): Spec => {
    const spec = quickstart() as Spec;
    spec.clients.web.providerOptions = options;
    return spec;
  };
  const dockerYaml = async (spec: Spec, chart = '1.6.0') => {
    const model = await modelOf(writeSpec(spec), chart);
    const file = renderOutputs(model).files.find((f) => f.name === FILES.webUiConfig);
    return { model, cm: file && parse(file.content) };
  };

  it('adds the options, as data, to the one provider, and every other key reads its env var as upstream does', async () => {
    const { cm } = await dockerYaml(withOptions());
    expect(Object.keys(cm.data)).toEqual(['docker.yaml']);
    const text: string = cm.data['docker.yaml'];
    // The UI renders the file as a template only when a comment in its first KiB says so.
    expect(text.slice(0, 1024)).toMatch(/^# enable-template$/m);
    expect(text).toMatch(/^# Generated by temporal-auth for Web UI 2\.52\.0/m);
    // Without its template actions the file is YAML whose provider carries exactly the options.
    const data = parse(text.replace(/\{\{-?[^}]*\}\}/g, 'X'));
    expect(data.auth.providers).toHaveLength(1);
    expect(data.auth.providers[0].options).toEqual({ access_type: 'offline', audience: 'https://api.acme.example' });
    // Env-read keys keep upstream's action, unquoted so booleans stay booleans.
    expect(text).toContain('    - label: {{ env "TEMPORAL_AUTH_LABEL" | default "sso" }}');
    expect(text).toContain('  enabled: {{ env "TEMPORAL_AUTH_ENABLED" | default "false" }}');
    expect(text).toContain('  redirectToProvider: {{ env "TEMPORAL_AUTH_REDIRECT_TO_PROVIDER" | default "false" }}');
    expect(text).toContain('      clientSecret: {{ env "TEMPORAL_AUTH_CLIENT_SECRET" }}');
    expect(text).not.toMatch(/TA_ENV_\d+_/);
  });

  it("follows the chart's UI version: 2.39.0 has no redirectToProvider and unquoted origins, 2.48.1 quotes them", async () => {
    const old = (await dockerYaml(withOptions(), '0.65.0')).cm.data['docker.yaml'] as string;
    expect(old).not.toContain('redirectToProvider');
    expect(old).toContain('bannerText: {{ env "TEMPORAL_BANNER_TEXT" | default "" }}');
    expect(old).toMatch(/^ {4}- \{\{ \. \}\}$/m);
    const mid = (await dockerYaml(withOptions(), '0.74.0')).cm.data['docker.yaml'] as string;
    expect(mid).toMatch(/^ {4}- "\{\{ \. \}\}"$/m);
    expect(mid).not.toContain('bannerText');
  });

  it('is mounted over config/docker.yaml, next to base.yaml when the session length is set too, and rolls the UI pods', async () => {
    const spec = withOptions();
    spec.clients.web.session = { maxDuration: '8h' };
    const { model, cm } = await dockerYaml(spec);
    expect(Object.keys(cm.data).sort()).toEqual(['base.yaml', 'docker.yaml']);
    const mounts = (emitValues(model) as any).web.additionalVolumeMounts;
    expect(mounts.map((m: any) => [m.mountPath, m.subPath])).toEqual([
      ['/home/ui-server/config/base.yaml', 'base.yaml'],
      ['/home/ui-server/config/docker.yaml', 'docker.yaml'],
    ]);
    const { podChecksums } = await import('../src/emit/checksum.js');
    const a = podChecksums(await modelOf(writeSpec(withOptions({ audience: 'https://a.example' }))));
    const b = podChecksums(await modelOf(writeSpec(withOptions({ audience: 'https://b.example' }))));
    expect(a.web).not.toBe(b.web);
    expect(a.frontend).toBe(b.frontend);
  });

  it('the schema refuses the OAuth parameters the UI sets itself, and values that would break the template', async () => {
    const bad: Record<string, string>[] = [
      { redirect_uri: 'https://evil.example' },
      { state: 'x' },
      { scope: 'openid' },
      { audience: '{{ env "HOME" }}' },
      { audience: 'a<b' },
      { audience: 'a"b' },
      { 'bad key': 'x' },
    ];
    for (const options of bad) {
      const found = (await validateSpecFile(writeSpec(withOptions(options)), { chartVersion: '1.6.0' })).findings;
      expect(
        found.some((f: any) => f.severity === 'error' && JSON.stringify(f).includes('providerOptions')),
        JSON.stringify(options),
      ).toBe(true);
    }
    // Each says what to write instead.
    const reserved = (await validateSpecFile(writeSpec(withOptions({ redirect_uri: 'https://evil.example' })), { chartVersion: '1.6.0' })).findings;
    expect(reserved.map((f: any) => f.message)).toEqual([expect.stringContaining('"redirect_uri" is not allowed: write a query parameter name')]);
    const braces = (await validateSpecFile(writeSpec(withOptions({ audience: 'a{b' })), { chartVersion: '1.6.0' })).findings;
    expect(braces.map((f: any) => f.message)).toEqual([expect.stringContaining('"a{b" is invalid: write a value without braces')]);
    const ok = (await validateSpecFile(writeSpec(withOptions({ audience: 'https://api.acme.example', invitation: '' })), { chartVersion: '1.6.0' })).findings;
    expect(ok.filter((f: any) => f.severity === 'error')).toEqual([]);
  });

  it('your values running another UI image tag is an error (the file mirrors one UI version)', async () => {
    const { loadYamlFile } = await import('../src/input/source.js');
    const dir = writeSpec(withOptions());
    const valuesFile = writeSpec({ web: { image: { tag: '2.41.0' } } }, undefined, 'values.yaml');
    const found = (await validateSpecFile(dir, { chartVersion: '1.6.0', values: await loadYamlFile(valuesFile, 'values') })).findings;
    const hit = found.find((f: any) => f.rule === 'web-ui-version-features');
    expect(hit?.severity).toBe('error');
    expect(hit?.file).toBe(valuesFile);
    expect(hit?.message).toContain('Web UI 2.52.0');
    const same = writeSpec({ web: { image: { tag: '2.52.0' } } }, undefined, 'values.yaml');
    const fine = (await validateSpecFile(dir, { chartVersion: '1.6.0', values: await loadYamlFile(same, 'values') })).findings;
    expect(fine.some((f: any) => f.rule === 'web-ui-version-features')).toBe(false);
  });
});
