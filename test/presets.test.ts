// The identity-provider presets are the one place a provider's facts live
// (src/providers/presets.ts): the schema's provider enum names them, and each
// states every field, so adding a provider is adding a preset.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { starterSpec, validate } from '../src/index.js';
import { IDENTITY_PROVIDER_FILES, type InitDefaults, PRESETS, type ProviderPreset } from '../src/providers/presets.js';
import { ROOT } from './helpers.js';

/** Every field of a preset, and of its init defaults: a preset must state each (undefined, false or [] when it has nothing to say). */
const PRESET_FIELDS: readonly (keyof ProviderPreset)[] = [
  'groupsClaim',
  'groupsClaimAdvice',
  'jwksUri',
  'scopes',
  'clientIdClaims',
  'idTokenAsBearer',
  'sharedKeys',
  'tokenAudienceParam',
  'identityProviderFiles',
  'init',
];
const INIT_FIELDS: readonly (keyof InitDefaults)[] = ['issuer', 'groupsClaim', 'notes', 'exampleGroup', 'audience', 'webScopes', 'webSettings'];

const schemaProviders = (): string[] => JSON.parse(readFileSync(join(ROOT, 'schemas', 'temporal-auth.schema.json'), 'utf8')).$defs.provider.enum;

describe('provider presets', () => {
  it("every provider of the schema's enum has a preset, and every preset is a provider of the enum", () => {
    const enumerated = schemaProviders();
    expect(
      enumerated.filter((p) => !Object.hasOwn(PRESETS, p)),
      'providers of the schema without a preset',
    ).toEqual([]);
    expect(
      Object.keys(PRESETS).filter((p) => !enumerated.includes(p)),
      'presets of no provider in the schema',
    ).toEqual([]);
  });

  for (const [provider, preset] of Object.entries(PRESETS)) {
    it(`${provider}: states every field`, () => {
      expect(
        PRESET_FIELDS.filter((f) => !Object.hasOwn(preset, f)),
        `fields ${provider}'s preset does not state`,
      ).toEqual([]);
      expect(
        INIT_FIELDS.filter((f) => !Object.hasOwn(preset.init, f)),
        `init fields ${provider}'s preset does not state`,
      ).toEqual([]);
      expect(
        Object.keys(preset).filter((f) => !(PRESET_FIELDS as string[]).includes(f)),
        'fields this test does not know (add them to PRESET_FIELDS)',
      ).toEqual([]);
      expect(Object.keys(preset.identityProviderFiles).sort(), `${provider}'s identityProviderFiles`).toEqual(['builtin', 'custom']);
      for (const field of ['scopes', 'clientIdClaims'] as const) expect(preset[field].length, `${provider}.${field}`).toBeGreaterThan(0);
      expect(typeof preset.jwksUri).toBe('function');
      expect(['resource', 'audience']).toContain(preset.tokenAudienceParam);
      for (const file of [...preset.identityProviderFiles.builtin, ...preset.identityProviderFiles.custom]) expect(IDENTITY_PROVIDER_FILES).toContain(file);
      // A provider with no groups claim of its own is the one whose advice lint groups-claim-required gives.
      if (preset.groupsClaimAdvice !== undefined) expect(preset.groupsClaim).toBeUndefined();
    });

    it(`${provider}: init writes a starter spec that validates cleanly`, async () => {
      const { text } = await starterSpec({ provider: provider as keyof typeof PRESETS });
      const { valid, findings } = await validate({ text, file: `${provider}.yaml` });
      expect(valid, JSON.stringify(findings)).toBe(true);
      expect(findings.filter((f) => f.severity === 'warning').map((f) => f.rule)).toEqual([]);
    });
  }

  it('every identity-provider file is given to some provider', () => {
    const given = new Set(Object.values(PRESETS).flatMap((p) => [...p.identityProviderFiles.builtin, ...p.identityProviderFiles.custom]));
    expect(IDENTITY_PROVIDER_FILES.filter((f) => !given.has(f))).toEqual([]);
  });
});

it('no provider is named outside the preset table, but by the lint rules about that provider', () => {
  // src/input/rules/*.ts about one provider keep their check: it is their subject (the rule's id names it).
  const ruleAbout = (file: string, provider: string) => new RegExp(`^src/input/rules/${provider}-[\\w-]+\\.ts$`).test(file);
  const providers = Object.keys(PRESETS);
  const comparison = new RegExp(`(===|!==|==|!=|case)\\s*['"](${providers.join('|')})['"]|['"](${providers.join('|')})['"]\\s*(===|!==|==|!=)|\\(eq\\s+provider\\s`, 'g');
  const offenders: string[] = [];
  const walk = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : /\.(ts|hbs)$/.test(e.name) && !/generated/.test(e.name) ? [join(dir, e.name)] : [],
    );
  for (const file of [...walk('src'), ...walk('templates')]) {
    if (file === 'src/providers/presets.ts') continue;
    for (const m of readFileSync(join(ROOT, file), 'utf8').matchAll(comparison)) {
      const provider = m[2] ?? m[3] ?? 'template';
      if (!ruleAbout(file, provider)) offenders.push(`${file}: ${m[0]}`);
    }
  }
  expect(offenders, `provider names compared outside src/providers/presets.ts: ${offenders.join('; ')}`).toEqual([]);
});
