import type { AuthModel } from '../model/model.js';
import { systemScopeName } from '../temporal/roles.js';
import { compilePolicy, type PrincipalGrants } from '../policy/compile.js';

function permissionStrings(grants: PrincipalGrants, systemScope: string): string[] {
  const list = Object.entries(grants.namespaces).map(([ns, role]) => `${ns}:${role}`);
  if (grants.system) list.push(`${systemScope}:${grants.system}`);
  return list;
}

/**
 * builtin mode: Temporal's default claim mapper reads `namespace:role` strings
 * from one token claim, so the identity provider must emit them. This lists,
 * per group and per worker client, exactly which strings.
 */
export function emitIdpPermissions(model: AuthModel) {
  const policy = compilePolicy(model);
  const system = systemScopeName(model.serverVersion);
  const mapValues = (r: Record<string, PrincipalGrants>) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, permissionStrings(v, system)]));
  return {
    claim: model.issuer.permissionsClaim,
    groupsClaim: model.issuer.groupsClaim ?? null,
    groups: mapValues(policy.groups),
    clients: mapValues(policy.clients),
  };
}

export const IDP_PERMISSIONS_HEADER = [
  ' What the identity provider must put in each access token (builtin mode).',
  ' Temporal reads the claim named `claim` as a list of "namespace:role" strings;',
  ' a user in several groups gets the union. Configure one mapper per group.',
].join('\n');
