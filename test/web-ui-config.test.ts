import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { emitValues } from '../src/emit/values.js';
import { renderOutputs, FILES } from '../src/emit/index.js';
import { validateSpecFile } from '../src/spec/validate.js';
import { UI_CONFIG_DIR, WEB_CONFIG_VOLUME } from '../src/emit/web-config.js';
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

  it('the ConfigMap holds exactly auth.maxSessionDuration, mounted as the UI config dir\'s base.yaml', async () => {
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

  it('the user\'s own web volumes and mounts are kept', async () => {
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
    expect(eight.server).toBe(twelve.server);
  });
});
