import { parseUrl } from '../../util/url.js';
import type { LintRule } from './rule.js';

export const httpsIssuer: LintRule = {
  id: 'https-issuer',
  severity: 'error',
  summary: 'The issuer URL is not https.',
  check: ({ spec }) =>
    parseUrl(spec.issuer.url)?.protocol === 'https:'
      ? []
      : [{ path: ['issuer', 'url'], message: `issuer ${spec.issuer.url} is not https; tokens and keys must come over TLS: use the https:// issuer URL` }],
};
