import { parseUrl } from '../../util/url.js';
import type { LintRule } from './rule.js';

// Workers send their client secret to this URL: it must be https.
export const httpsTokenUrl: LintRule = {
  id: 'https-token-url',
  severity: 'error',
  summary: 'issuer.tokenUrl (where workers send their client secret) is not https.',
  check: ({ spec }) =>
    spec.issuer.tokenUrl === undefined || parseUrl(spec.issuer.tokenUrl)?.protocol === 'https:'
      ? []
      : [
          {
            path: ['issuer', 'tokenUrl'],
            message: `token URL ${spec.issuer.tokenUrl} is not https; every worker would send its client secret in clear text: use the https:// token_endpoint from the issuer's discovery document`,
          },
        ],
};
