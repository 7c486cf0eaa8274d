import { parseUrl } from '../../util/url.js';
import type { LintRule } from './rule.js';

export const httpsIssuer: LintRule = {
  id: 'https-issuer',
  severity: 'error',
  summary: "The issuer URL, the JWKS URL or the cluster's service-account issuer (`cluster.issuer`) is not https.",
  check: ({ spec }) => [
    ...(parseUrl(spec.issuer.url)?.protocol === 'https:'
      ? []
      : [{ path: ['issuer', 'url'], message: `issuer ${spec.issuer.url} is not https; tokens and keys must come over TLS: use the https:// issuer URL` }]),
    ...(spec.issuer.jwksUri === undefined || parseUrl(spec.issuer.jwksUri)?.protocol === 'https:'
      ? []
      : [{ path: ['issuer', 'jwksUri'], message: `JWKS URL ${spec.issuer.jwksUri} is not https; keys fetched in clear text could be swapped on the way: use the https:// URL` }]),
    // The custom-auth server accepts only an https issuer (the issuer a token names must match it exactly).
    ...(spec.cluster === undefined || parseUrl(spec.cluster.issuer)?.protocol === 'https:'
      ? []
      : [
          {
            path: ['cluster', 'issuer'],
            message: `cluster issuer ${spec.cluster.issuer} is not https; use the issuer exactly as the cluster states it (kubectl get --raw /.well-known/openid-configuration), an https URL`,
          },
        ]),
  ],
};
