import { relative, dirname } from 'node:path';
import { SUPPORTED_CHART_VERSIONS, chartProfile } from '../charts/index.js';
import { INIT_DEFAULTS, jwksNote } from '../oidc/init-defaults.js';
import { discoveryUrl } from '../oidc/discovery.js';
import { PRESETS } from '../providers/presets.js';
import type { Provider } from '../spec/spec.types.generated.js';
import { packagePath } from '../util/package-root.js';
import { renderTemplate } from '../util/templates.js';
import { parseUrl } from '../util/url.js';
import { auth0IssuerWithSlash } from '../spec/rules/auth0-issuer-slash.js';
import { InputError } from './errors.js';
import { checkOptions, checkStringFields } from './spec.js';

export const PROVIDERS = Object.keys(PRESETS) as Provider[];
export const LATEST_CHART = SUPPORTED_CHART_VERSIONS[SUPPORTED_CHART_VERSIONS.length - 1]!;

export interface StarterSpecOptions {
  /** Identity provider preset (default generic). */
  provider?: Provider;
  /** The issuer, exactly as its discovery document states it (default: the preset's example). */
  issuer?: string;
  /** Official chart version (default the newest supported). */
  chartVersion?: string;
  /** Where the spec will be written: its `$schema` line points from there to the shipped schema. */
  file?: string;
}

/** A commented starter spec for an identity provider, as YAML text (what `init` writes). */
export async function starterSpec(options: StarterSpecOptions = {}): Promise<{ text: string; provider: Provider; chartVersion: string }> {
  checkOptions('starterSpec', options, 'provider?, issuer?, chartVersion?, file?');
  checkStringFields('starterSpec', options, ['provider', 'issuer', 'chartVersion', 'file']);
  const provider = options.provider ?? 'generic';
  if (!PROVIDERS.includes(provider)) throw new InputError(`unknown provider ${provider}; use one of ${PROVIDERS.join(', ')}`);
  const defaults = INIT_DEFAULTS[provider];
  const given = options.issuer ?? defaults.issuer;
  // Write what validates: Auth0's tokens carry the issuer with a trailing slash (rule auth0-issuer-slash).
  const issuer = auth0IssuerWithSlash(provider, given) ?? given;
  if (parseUrl(issuer)?.protocol !== 'https:') throw new InputError(`issuer ${issuer} is not an https URL; pass the issuer exactly as its discovery document states it`);
  const chartVersion = options.chartVersion ?? LATEST_CHART;
  const chart = chartProfile(chartVersion);
  if (!chart) throw new InputError(`no profile for chart ${chartVersion}; supported versions: ${SUPPORTED_CHART_VERSIONS.join(', ')}`);
  const file = options.file ?? 'temporal-auth.yaml';
  const text = await renderTemplate('init-spec.yaml', {
    schemaPath: relative(dirname(file), packagePath('schemas', 'temporal-auth.schema.json')),
    file,
    chartVersion,
    release: 'temporal',
    namespace: 'temporal',
    imageTag: `${chart.appVersion}-auth.1`,
    issuer,
    discoveryUrl: discoveryUrl(issuer),
    provider,
    notes: defaults.notes,
    jwks: jwksNote(provider, issuer),
    groupsClaim: defaults.groupsClaim,
    presetGroups: PRESETS[provider].groupsClaim,
    scopes: PRESETS[provider].scopes,
    secretEnv: 'TEMPORAL_UI_CLIENT_SECRET',
    exampleGroup: defaults.exampleGroup,
  });
  return { text, provider, chartVersion };
}
