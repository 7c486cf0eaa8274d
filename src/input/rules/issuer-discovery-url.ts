import type { LintRule } from './rule.js';

const DISCOVERY = '/.well-known/openid-configuration';

// The issuer is the URL discovery is found under, not the discovery document:
// tokens carry the former, and the server appends the suffix itself.
export const issuerDiscoveryUrl: LintRule = {
  id: 'issuer-discovery-url',
  severity: 'error',
  summary: `issuer.url is the discovery document's URL (ending in ${DISCOVERY}) instead of the issuer.`,
  check: ({ spec }) => {
    const url = spec.issuer.url.replace(/[?#].*$/, '');
    if (!url.replace(/\/+$/, '').endsWith(DISCOVERY)) return [];
    const issuer = url.replace(/\/+$/, '').slice(0, -DISCOVERY.length);
    return [
      {
        path: ['issuer', 'url'],
        message: `this is the discovery document, not the issuer: tokens carry the issuer, and the server appends ${DISCOVERY} itself; write url: ${issuer || '<issuer>'} (exactly as that document's "issuer" field says, trailing slash included)`,
      },
    ];
  },
};
