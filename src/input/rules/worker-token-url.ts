import type { LintRule } from './rule.js';

// A worker's Secret carries the token endpoint, and render stays offline: a
// worker with a client secret but no issuer.tokenUrl gets no Secret, unless
// render --discover reads the endpoint from the issuer (and then render says
// nothing: api/render.ts drops this finding once the URL is known).
export const workerTokenUrl: LintRule = {
  id: 'worker-token-url',
  severity: 'warning',
  // token and explain discover the endpoint themselves: the warning is about render's output alone.
  concerns: 'render',
  summary: 'A worker client has a clientSecret but issuer.tokenUrl is not set, so render writes no Secret for it (unless `render --discover` reads the token endpoint from the issuer).',
  check: ({ spec }) => {
    if (spec.issuer.tokenUrl) return [];
    const names = (spec.clients.workers ?? []).filter((w) => w.clientSecret).map((w) => w.name);
    if (names.length === 0) return [];
    const many = names.length > 1;
    return [
      {
        path: ['issuer'],
        message: `worker client${many ? 's' : ''} ${names.join(', ')} ${many ? 'have' : 'has'} a clientSecret, but issuer.tokenUrl is not set, so render writes no Secret for ${many ? 'them' : 'it'}; set issuer.tokenUrl to the token_endpoint of ${spec.issuer.url.replace(/\/+$/, '')}/.well-known/openid-configuration, or render with --discover`,
      },
    ];
  },
};
