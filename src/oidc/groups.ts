/**
 * The groups in a token's claims at a claim path: a claim whose whole name is
 * the path wins (Auth0's `https://acme.example/groups`, or any name with
 * dots), else the path is followed through nested objects
 * (`realm_access.roles`). A single string counts as one group.
 */
export function groupsAt(claims: Record<string, unknown>, path: string): string[] {
  let value: unknown = Object.hasOwn(claims, path) ? claims[path] : undefined;
  if (value === undefined) {
    value = claims;
    for (const segment of path.split('.')) {
      value = value && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, segment) ? (value as Record<string, unknown>)[segment] : undefined;
    }
  }
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : [];
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
