import type { LintRule } from './rule.js';

// Google issues neither a groups claim nor any custom claim, so Temporal's
// builtin mapper has nothing to read.
export const googleNoCustomClaims: LintRule = {
  id: 'google-no-custom-claims',
  severity: 'warning',
  summary: 'Google tokens carry no groups and no custom claims: builtin mode cannot get permissions from them.',
  check: ({ spec }) =>
    spec.issuer.provider === 'google' && spec.server?.authorization?.mode === 'builtin'
      ? [
          {
            path: ['server', 'authorization', 'mode'],
            message: 'Google cannot add a permissions claim to its tokens, so the builtin mapper grants nothing; use custom mode with issuer.claims.groups: email and grant by address',
          },
        ]
      : [],
};
