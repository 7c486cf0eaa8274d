/**
 * The value at a claim path: a claim whose whole name is the path wins
 * (Auth0's `https://acme.example/groups`, Zitadel's
 * `urn:zitadel:iam:org:project:roles`, or any name with dots), else the path
 * is followed through nested objects (`realm_access.roles`). A name with
 * "://" is a URL, looked up whole only: split at its dots, it would let
 * `{"https://acme": {"example/groups": [...]}}` grant when the issuer's own
 * claim is absent (the Go server's GroupsAt, server/internal/authz/mapping.go,
 * does the same). Own keys only.
 */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  if (path.includes('://')) return undefined;
  let value: unknown = claims;
  for (const segment of path.split('.')) {
    value = value && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, segment) ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return value;
}

/**
 * The groups in a token's claims at a claim path (see claimAt): a string is
 * one group, a list gives its strings, an object gives its keys (Zitadel's
 * `{ "role": { "<orgId>": "<domain>" } }`), anything else none. The Go
 * server's GroupsAt (server/internal/authz/mapping.go) does exactly this.
 */
export function groupsAt(claims: Record<string, unknown>, path: string): string[] {
  const value = claimAt(claims, path);
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string');
  if (value !== null && typeof value === 'object') return Object.keys(value).sort();
  return [];
}

/**
 * Why the groups claim gave fewer groups than a reader may expect, or
 * undefined when it is a plain list of strings: Entra ID's groups overage
 * (`_claim_names` instead of the claim), a missing claim, or a value of
 * another shape. For people; the mapping itself is groupsAt.
 */
export function groupsClaimNote(claims: Record<string, unknown>, path: string): string | undefined {
  const value = claimAt(claims, path);
  const names = claims._claim_names;
  if (value === undefined) {
    const overage = names && typeof names === 'object' && !Array.isArray(names) && Object.hasOwn(names, path);
    if (overage || (path === 'groups' && claims.hasgroups === true)) {
      return `the token has no ${path} claim but ${overage ? `_claim_names.${path}` : 'hasgroups'}: Entra ID left the groups out because the user is in too many (over 200 in a JWT); grant by app roles instead (assign app roles to the groups, set issuer.claims.groups: roles), or limit the groups the app registration emits`;
    }
    return `the token has no ${path} claim, so it carries no groups`;
  }
  if (typeof value === 'string') return `${path} is a single string, read as one group; the groups claim should be a list of strings`;
  if (Array.isArray(value)) {
    const others = value.filter((g) => typeof g !== 'string').length;
    return others > 0 ? `${path} holds ${others} value(s) that are not strings, ignored; the groups claim must be a list of strings` : undefined;
  }
  if (value !== null && typeof value === 'object') return `${path} is an object: its keys are read as the groups (Zitadel's role claim)`;
  return `${path} is ${value === null ? 'null' : `a ${typeof value}`}, not a list of strings, so it gives no groups`;
}

/**
 * The client a token was issued to: the first of `claimNames` present as a
 * string (the policy's `clientIdClaims`, from the provider preset). `sub` is
 * never used: a user's subject could then collide with a worker's client ID.
 */
export function clientIdOf(claims: Record<string, unknown>, claimNames: readonly string[]): string | undefined {
  for (const key of claimNames) if (Object.hasOwn(claims, key) && typeof claims[key] === 'string') return claims[key] as string;
  return undefined;
}
