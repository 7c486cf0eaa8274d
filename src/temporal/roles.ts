import type { Role } from '../input/spec.types.generated.js';
import { compareVersions } from './versions.js';

/** Temporal's role bitmask (common/authorization/roles.go). */
export const ROLE_BITS: Readonly<Record<Role, number>> = { worker: 1, read: 2, write: 4, admin: 8 };

/** The stronger of two roles: what a principal holding both effectively has. */
export function strongerRole(a: Role | undefined, b: Role): Role {
  return a === undefined || ROLE_BITS[b] > ROLE_BITS[a] ? b : a;
}

/** Name of the system scope in permission strings (`system` before server 1.21). */
export function systemScopeName(serverVersion: string): string {
  return compareVersions(serverVersion, '1.21.0') >= 0 ? 'temporal-system' : 'system';
}
