import type { Role } from '../input/spec.types.generated.js';
import type { AuthModel } from '../model/model.js';
import { type PermissionFormat, permissionFormat } from '../temporal/permissions-pattern.js';
import { systemScopeName } from '../temporal/roles.js';
import { serverSupportsAudienceAndRegex } from '../temporal/versions.js';
import { type BuiltinMapperOptions, builtinClaimMapper, type ClaimSource, type Principal, type TemporalClaims } from './claims.js';
import type { CompiledPolicy, PrincipalGrants } from './compile.js';

/**
 * builtin mode: how the spec's server reads permission strings. The claim,
 * the system scope's name, and permissionsRegex only for servers that read
 * it (>= 1.29); the same options for every view (explain --group, --client,
 * --claims, --token, the matrix) and for the strings render writes.
 */
export function builtinMapperOptions(model: AuthModel): BuiltinMapperOptions {
  return {
    claim: model.issuer.permissionsClaim,
    systemScope: systemScopeName(model.serverVersion),
    regex: serverSupportsAudienceAndRegex(model.serverVersion) ? model.issuer.permissionsRegex : undefined,
  };
}

/** The format of the model's permission strings: plain `namespace:role`, or the shape its permissionsRegex reads. */
export function permissionFormatOf(model: AuthModel): PermissionFormat {
  return permissionFormat(builtinMapperOptions(model).regex);
}

export interface WrittenPermissions {
  /** The strings, in grant order (namespaces, then the system scope). */
  strings: string[];
  /** Grants no string can carry under the regex (validation refuses such a spec: rule permissions-regex-unwritable). */
  unwritable: { namespace: string; role: Role }[];
}

/**
 * The permission strings for one principal's grants, written so that the
 * server's mapper reads each as exactly its namespace and role (checked by
 * running the mapper's own reading on it). What idp-permissions.yaml and
 * every provider file carry.
 */
export function permissionStrings(model: AuthModel, grants: PrincipalGrants): WrittenPermissions {
  const format = permissionFormatOf(model);
  const system = systemScopeName(model.serverVersion);
  const out: WrittenPermissions = { strings: [], unwritable: [] };
  const add = (namespace: string, role: Role) => {
    const s = format.write(namespace, role);
    if (s === undefined) out.unwritable.push({ namespace, role });
    else out.strings.push(s);
  };
  for (const [ns, role] of Object.entries(grants.namespaces)) add(ns, role);
  if (grants.system) add(system, grants.system);
  return out;
}

export interface BuiltinView {
  ok: true;
  claims: TemporalClaims;
  sources: ClaimSource[];
  ignored: string[];
  notAList: false;
  regexIgnored?: string;
  /** Grants of the principal that no string carries, so the server grants them to nobody. */
  unwritable: { from: string; namespace: string; role: Role }[];
}

/**
 * builtin mode, a principal named by group or client: what the server grants
 * is what its claim mapper reads from the strings the identity provider is
 * told to emit for them (not the policy directly), each group's and the
 * client's strings through the mapper, ORed.
 */
export function builtinClaimsFor(model: AuthModel, policy: CompiledPolicy, principal: Principal): BuiltinView {
  const options = builtinMapperOptions(model);
  const view: BuiltinView = { ok: true, claims: { system: 0, namespaces: Object.create(null) as Record<string, number> }, sources: [], ignored: [], notAList: false, unwritable: [] };
  const apply = (grants: PrincipalGrants | undefined, label: string) => {
    if (!grants) return;
    const written = permissionStrings(model, grants);
    view.unwritable.push(...written.unwritable.map((u) => ({ from: label, ...u })));
    const mapped = builtinClaimMapper({ sub: label, [options.claim]: written.strings }, options);
    if (!mapped.ok) return;
    view.regexIgnored ??= mapped.regexIgnored;
    view.ignored.push(...mapped.ignored);
    view.claims.system |= mapped.claims.system;
    for (const [ns, bits] of Object.entries(mapped.claims.namespaces)) view.claims.namespaces[ns] = (view.claims.namespaces[ns] ?? 0) | bits;
    view.sources.push(...mapped.sources.map((s) => ({ ...s, from: `${label} (${s.from})` })));
  };
  const own = <T>(map: Record<string, T>, key: string) => (Object.hasOwn(map, key) ? map[key] : undefined);
  for (const group of [...new Set(principal.groups)].sort()) apply(own(policy.groups, group), `group ${group}`);
  if (principal.clientId !== undefined) apply(own(policy.clients, principal.clientId), `client ${principal.clientId}`);
  return view;
}
