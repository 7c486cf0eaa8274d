import { createRequire } from 'node:module';
import type { RE2JS } from 're2js';

// Loaded on first use, synchronously: only specs with a permissionsRegex pay
// for the engine, and render and validate start without it.
let engine: typeof RE2JS | undefined;
const re2 = (): typeof RE2JS => (engine ??= (createRequire(import.meta.url)('re2js') as typeof import('re2js')).RE2JS);

/**
 * Temporal's `permissionsRegex` (server >= 1.29), compiled as the server
 * compiles it: Go's regexp, i.e. RE2 syntax (`(?i)`, `(?P<name>...)`) and
 * linear-time matching, so a hostile claim cannot make evaluation hang. The
 * server keeps the regex only when it compiles and has both the `namespace`
 * and `role` named groups; otherwise it logs a warning and parses plain
 * `namespace:role` strings.
 */
export type PermissionsPattern =
  | { usable: true; match(permission: string): { namespace: string; role: string } | undefined }
  | { usable: false; why: string };

export function compilePermissionsPattern(source: string): PermissionsPattern {
  let re: RE2JS;
  try {
    re = re2().compile(source);
  } catch (err) {
    return { usable: false, why: `it does not compile as a Go (RE2) regular expression: ${(err as Error).message.split('\n')[0]}` };
  }
  const groups = re.namedGroups();
  const missing = ['namespace', 'role'].filter((g) => !Object.hasOwn(groups, g));
  if (missing.length > 0) return { usable: false, why: `it lacks the named group${missing.length > 1 ? 's' : ''} ${missing.map((g) => `(?P<${g}>...)`).join(' and ')}` };
  return {
    usable: true,
    // FindStringSubmatch: the leftmost match anywhere in the string, not anchored.
    match(permission) {
      const m = re.matcher(permission);
      if (!m.find()) return undefined;
      return { namespace: m.group('namespace') ?? '', role: m.group('role') ?? '' };
    },
  };
}
