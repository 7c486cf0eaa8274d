import type { AuthModel } from '../model/model.js';
import { compilePolicy } from '../emit/policy.js';
import { clientIdOf, groupsAt } from '../oidc/groups.js';
import { authorize, effectiveRole, type Decision } from './authorize.js';
import { claimsFromPermissions, claimsFromPolicy, type MappedClaims } from './claims.js';
import { systemScopeName } from './roles.js';

export type PrincipalInput =
  | { kind: 'groups'; groups: string[] }
  | { kind: 'client'; clientId: string }
  | { kind: 'claims'; claims: Record<string, unknown>; verification?: { ok: true } | { ok: false; reason: string } };

export interface Explanation {
  who: string;
  groups: string[];
  clientId?: string;
  /** What the custom image's policy grants (custom mode; in builtin mode, what the IdP is told to emit). */
  policy: MappedClaims;
  /** From a token or claims: what Temporal's builtin JWT mapper grants from the permissions claim. */
  builtin?: MappedClaims & { claim: string; ignored: string[]; notAList: boolean };
  /** The mapping the server will actually use for this spec's mode. */
  effective: 'policy' | 'builtin';
  rejected?: string;
  decision?: Decision;
}

/** Who can do what: the principal's claims under the spec, and, given an API, the authorizer's answer. */
export function explainPrincipal(model: AuthModel, input: PrincipalInput, request?: { api: string; namespace?: string }): Explanation {
  const policy = compilePolicy(model);
  let groups: string[] = [];
  let clientId: string | undefined;
  let who: string;
  let builtin: Explanation['builtin'];
  let rejected: string | undefined;
  if (input.kind === 'groups') {
    groups = input.groups;
    who = `group${groups.length > 1 ? 's' : ''} ${groups.join(', ')}`;
  } else if (input.kind === 'client') {
    clientId = input.clientId;
    who = `client ${clientId}`;
  } else {
    groups = groupsAt(input.claims, policy.groupsClaim);
    clientId = clientIdOf(input.claims, policy.clientIdClaims);
    who = `token subject ${String(input.claims.sub ?? '(none)')}`;
    builtin = {
      claim: model.issuer.permissionsClaim,
      ...claimsFromPermissions(input.claims[model.issuer.permissionsClaim], {
        systemScope: systemScopeName(model.serverVersion),
        regex: model.issuer.permissionsRegex,
      }),
    };
    if (input.verification && !input.verification.ok) rejected = input.verification.reason;
  }
  const mapped = claimsFromPolicy(policy, { groups, clientId });
  const effective = model.mode === 'builtin' && builtin ? 'builtin' : 'policy';
  const used = effective === 'builtin' ? builtin! : mapped;
  let decision: Decision | undefined;
  if (request) {
    decision = authorize(used.claims, used.sources, request.api, request.namespace);
    // The claim mapper runs before the authorizer: a rejected token fails every call.
    if (rejected) decision = { ...decision, allowed: false, reason: `the server would reject the token: ${rejected}` };
  }
  return { who, groups, clientId, policy: mapped, builtin, effective, rejected, decision };
}

/** "payroll write, system read" for a claims set. */
export function describeClaims(mapped: MappedClaims): string {
  const parts = Object.entries(mapped.claims.namespaces)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([ns, bits]) => `${ns} ${effectiveRole(bits) ?? 'none'}`);
  if (mapped.claims.system) parts.push(`system ${effectiveRole(mapped.claims.system)}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}
