import type { AuthModel } from '../model/model.js';
import { permissionFormatOf, permissionStrings } from '../policy/builtin.js';
import { compilePolicy, type PrincipalGrants } from '../policy/compile.js';

/**
 * builtin mode: Temporal's default claim mapper reads permission strings
 * from one token claim, so the identity provider must emit them. This lists,
 * per group and per worker client, exactly which strings: `namespace:role`,
 * or, when the server reads a permissionsRegex, strings that regex reads as
 * exactly their namespace and role (src/policy/builtin.ts writes and checks
 * each). Every provider file (keycloak, entra, auth0, okta) is built from
 * this list.
 */
export function emitIdpPermissions(model: AuthModel) {
  const policy = compilePolicy(model);
  // The regex the strings are shaped for: only when the server reads one and it is usable.
  const { regex } = permissionFormatOf(model);
  const mapValues = (r: Record<string, PrincipalGrants>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, permissionStrings(model, v).strings]));
  return {
    claim: model.issuer.permissionsClaim,
    ...(regex !== undefined ? { permissionsRegex: regex } : {}),
    groupsClaim: model.issuer.groupsClaim ?? null,
    groups: mapValues(policy.groups),
    clients: mapValues(policy.clients),
  };
}

export const IDP_PERMISSIONS_HEADER = [
  ' What the identity provider must put in each access token (builtin mode).',
  ' Temporal reads the claim named `claim` as a list of these strings ("namespace:role",',
  ' or the shape of `permissionsRegex` when it is set, each read back as its namespace and role);',
  ' a user in several groups gets the union. Configure one mapper per group.',
].join('\n');
