import { PRESETS } from '../../providers/presets.js';
import { AUDIENCE_AND_REGEX_SINCE, effectiveServerVersion, serverSupportsAudienceAndRegex } from '../../temporal/versions.js';
import { parseUrl } from '../../util/url.js';
import type { LintRule } from './rule.js';

// Temporal's stock claim mapper never checks iss: it trusts any token signed by
// a key at keySourceURIs. Google signs every Google account's tokens, for every
// app, with the same keys, and Entra ID signs every tenant's tokens with the
// same keys (the presets' sharedKeys); so without an audience the server accepts
// tokens minted for anyone's app in anyone's tenant (and in builtin mode the
// permissions come from the token itself).
export const multiTenantIssuer: LintRule = {
  id: 'multi-tenant-issuer',
  severity: 'error',
  summary: "Builtin mode with keys every tenant shares (Entra ID, Google) and no enforced audience: the stock mapper never checks iss, so any tenant's token is accepted.",
  check: ({ spec, chart }) => {
    if (spec.server?.authorization?.mode !== 'builtin') return [];
    const shared = PRESETS[spec.issuer.provider].sharedKeys;
    if (!shared) return [];
    const url = parseUrl(spec.issuer.url);
    // A tenant-independent issuer (Entra ID's common, organizations, consumers) is the place to point at.
    const multiTenantUrl = url !== undefined && shared.multiTenantIssuerPath?.test(url.pathname) === true;
    const version = effectiveServerVersion(spec, chart);
    const audienceChecked = spec.issuer.audience !== undefined && (!version || serverSupportsAudienceAndRegex(version));
    if (audienceChecked) return [];
    const fix = spec.issuer.audience
      ? `server ${version} ignores issuer.audience (it is enforced from ${AUDIENCE_AND_REGEX_SINCE}); upgrade the server, or use custom mode, whose server checks iss`
      : "set issuer.audience to your own app (Entra ID: the API's application ID; Google: the Web UI's client ID), or use custom mode, whose server checks iss";
    return [
      {
        path: spec.issuer.audience ? ['issuer', 'audience'] : multiTenantUrl ? ['issuer', 'url'] : ['issuer', 'provider'],
        message: `Temporal's builtin claim mapper never checks iss and ${shared.signer}, so a token from any tenant or app would be accepted, with whatever permissions it carries; ${fix}`,
      },
    ];
  },
};
