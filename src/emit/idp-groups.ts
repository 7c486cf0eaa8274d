import type { AuthModel } from '../model/model.js';
import { compilePolicy } from '../policy/compile.js';

/**
 * custom mode: the group names the identity provider must put in the groups claim
 * (issuer.claims.groups) for the policy to match them: every group the spec grants to,
 * sorted. Worker clients are matched by client id, so they need nothing here.
 */
export function policyGroups(model: AuthModel): string[] {
  return Object.keys(compilePolicy(model).groups).sort();
}
