import { PRESETS } from '../../providers/presets.js';
import type { LintRule } from './rule.js';

// The server's builtin claim mapper reads keys from fixed URLs; it does not
// run OIDC discovery, so it needs the JWKS URL written out.
export const jwksUriRequired: LintRule = {
  id: 'jwks-uri-required',
  severity: 'error',
  summary: 'Builtin mode, but no JWKS URL is known for the provider and issuer.jwksUri is not set.',
  check: ({ spec }) =>
    spec.server?.authorization?.mode === 'builtin' && !spec.issuer.jwksUri && !PRESETS[spec.issuer.provider].jwksUri(spec.issuer.url)
      ? [
          {
            path: ['issuer'],
            message: 'the server needs the JWKS URL and the provider preset cannot derive it: set issuer.jwksUri to jwks_uri from {issuer}/.well-known/openid-configuration',
          },
        ]
      : [],
};
