import { dirname, relative } from 'node:path';
import { chartProfile, SUPPORTED_CHART_VERSIONS } from '../charts/index.js';
import { auth0IssuerWithSlash } from '../input/rules/auth0-issuer-slash.js';
import type { Provider } from '../input/spec.types.generated.js';
import { discoveryUrl } from '../oidc/discovery.js';
import { type InitDefaults, PRESETS } from '../providers/presets.js';
import { packagePath } from '../util/package-root.js';
import { renderTemplate } from '../util/templates.js';
import { parseUrl } from '../util/url.js';
import { InputError } from './errors.js';
import { checkOptions, checkStringFields } from './spec.js';

export type { Provider };
export { SUPPORTED_CHART_VERSIONS };
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

/** The placeholder issuer `init` writes for a provider when none is given. */
export function exampleIssuer(provider: Provider): string {
  return PRESETS[provider].init.issuer;
}

/**
 * The issuer as the starter spec writes it, and why it differs from the one
 * given, if it does: what validates (Auth0's tokens carry the issuer with a
 * trailing slash, rule auth0-issuer-slash).
 */
export function issuerToWrite(provider: Provider, issuer: string): { issuer: string; note?: string } {
  const withSlash = auth0IssuerWithSlash(provider, issuer);
  if (withSlash === undefined) return { issuer };
  return { issuer: withSlash, note: `Auth0 puts the issuer in its tokens with a trailing slash: writing ${withSlash}` };
}

/** JWKS location for the comment in the starter spec. */
function jwksNote(provider: Provider, issuer: string): string {
  return PRESETS[provider].jwksUri(issuer) ?? 'read jwks_uri from {issuer}/.well-known/openid-configuration and set issuer.jwksUri';
}

/** A YAML scalar as the starter spec writes it: plain when it is a bare word, else a JSON string (valid YAML). */
const scalar = (v: string | boolean) => (typeof v === 'boolean' || /^[\w.-]+$/.test(v) ? String(v) : JSON.stringify(v));

/** The preset's extra clients.web settings as the YAML lines under `clients.web`, each after its comment. */
function webSettings(defaults: InitDefaults) {
  return defaults.webSettings.map(({ comment, key, value }) => ({
    comment,
    lines: typeof value === 'boolean' ? [`${key}: ${scalar(value)}`] : [`${key}:`, ...Object.entries(value).map(([k, v]) => `  ${k}: ${scalar(v)}`)],
  }));
}

/** A commented starter spec for an identity provider, as YAML text (what `init` writes). */
export async function starterSpec(options: StarterSpecOptions = {}): Promise<{ text: string; provider: Provider; chartVersion: string }> {
  checkOptions('starterSpec', options, 'provider?, issuer?, chartVersion?, file?');
  checkStringFields('starterSpec', options, ['provider', 'issuer', 'chartVersion', 'file']);
  const provider = options.provider ?? 'generic';
  if (!PROVIDERS.includes(provider)) throw new InputError('provider-unknown', `unknown provider ${provider}; use one of ${PROVIDERS.join(', ')}`);
  const preset = PRESETS[provider];
  const defaults = preset.init;
  // Write what validates.
  const { issuer } = issuerToWrite(provider, options.issuer ?? defaults.issuer);
  if (parseUrl(issuer)?.protocol !== 'https:') throw new InputError('issuer-not-https', `issuer ${issuer} is not an https URL; pass the issuer exactly as its discovery document states it`);
  const chartVersion = options.chartVersion ?? LATEST_CHART;
  const chart = chartProfile(chartVersion);
  if (!chart) throw new InputError('chart-version-unknown', `no profile for chart ${chartVersion}; supported versions: ${SUPPORTED_CHART_VERSIONS.join(', ')}`);
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
    audience: defaults.audience,
    groupsClaim: defaults.groupsClaim,
    presetGroups: preset.groupsClaim,
    scopes: defaults.webScopes?.value ?? preset.scopes,
    scopesComment: defaults.webScopes?.comment,
    webSettings: webSettings(defaults),
    secretEnv: 'TEMPORAL_UI_CLIENT_SECRET',
    exampleGroup: defaults.exampleGroup,
  });
  return { text, provider, chartVersion };
}
