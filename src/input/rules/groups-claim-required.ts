import { PRESETS } from '../../providers/presets.js';
import type { LintRule } from './rule.js';

export const groupsClaimRequired: LintRule = {
  id: 'groups-claim-required',
  severity: 'error',
  summary: 'Custom mode, but the provider has no default groups claim and issuer.claims.groups is not set.',
  check: ({ spec }) => {
    if (spec.server?.authorization?.mode !== 'custom' || spec.issuer.claims?.groups || PRESETS[spec.issuer.provider].groupsClaim) return [];
    const hint = PRESETS[spec.issuer.provider].groupsClaimAdvice ?? `${spec.issuer.provider} tokens carry no groups claim by default: set issuer.claims.groups to the claim your provider emits`;
    return [{ path: ['issuer', 'provider'], message: hint }];
  },
};
