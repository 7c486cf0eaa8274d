import { parseUrl } from '../../util/url.js';
import type { LintRule } from './rule.js';

export const httpsIssuer: LintRule = {
  id: 'https-issuer',
  severity: 'error',
  summary: 'The issuer URL or the JWKS URL is not https.',
  check: ({ spec }) => [
    ...(parseUrl(spec.issuer.url)?.protocol === 'https:'
      ? []
      : [{ path: ['issuer', 'url'], message: `issuer ${spec.issuer.url} is not https; tokens and keys must come over TLS: use the https:// issuer URL` }]),
    ...(spec.issuer.jwksUri === undefined || parseUrl(spec.issuer.jwksUri)?.protocol === 'https:'
      ? []
      : [{ path: ['issuer', 'jwksUri'], message: `JWKS URL ${spec.issuer.jwksUri} is not https; keys fetched in clear text could be swapped on the way: use the https:// URL` }]),
  ],
};
