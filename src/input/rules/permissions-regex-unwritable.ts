import { permissionFormat } from '../../temporal/permissions-pattern.js';
import { systemScopeName } from '../../temporal/roles.js';
import { effectiveServerVersion, serverSupportsAudienceAndRegex } from '../../temporal/versions.js';
import type { LintRule } from './rule.js';

/** At most this many grants are named in the message. */
const SHOWN = 5;

// builtin mode: the identity provider must emit strings the server's
// permissionsRegex reads as exactly each grant's namespace and role. render
// writes them (src/policy/builtin.ts) and checks each by running the regex
// (Go RE2 semantics) on it; a grant no string can carry would be granted to
// nobody by the server while explain and the matrix showed it.
export const permissionsRegexUnwritable: LintRule = {
  id: 'permissions-regex-unwritable',
  severity: 'error',
  summary: 'Builtin mode: permissionsRegex cannot read any string as some granted namespace and role, so the identity provider cannot be told what to emit.',
  check: ({ spec, chart }) => {
    const source = spec.server?.authorization?.permissionsRegex;
    if (spec.server?.authorization?.mode !== 'builtin' || source === undefined) return [];
    const version = effectiveServerVersion(spec, chart);
    if (version && !serverSupportsAudienceAndRegex(version)) return [];
    const format = permissionFormat(source);
    // A regex the server ignores falls back to plain strings (rule permissions-regex says so).
    if (format.regex === undefined) return [];
    const pairs = new Set<string>();
    const add = (namespace: string, role: string) => pairs.add(`${namespace}\u0000${role}`);
    for (const [ns, n] of Object.entries(spec.namespaces)) for (const g of n?.grants ?? []) add(ns, g.role);
    const system = systemScopeName(version ?? '1.31.0');
    for (const g of spec.system?.grants ?? []) add(system, g.role);
    for (const w of spec.clients.workers ?? []) for (const [ns, role] of Object.entries(w.grants)) if (role !== undefined) add(ns, role);
    const unwritable = [...pairs]
      .map((p) => p.split('\u0000') as [string, string])
      .filter(([ns, role]) => format.write(ns, role) === undefined)
      .map(([ns, role]) => `${ns} ${role}`)
      .sort();
    if (unwritable.length === 0) return [];
    const shown = unwritable.slice(0, SHOWN).join(', ') + (unwritable.length > SHOWN ? ` and ${unwritable.length - SHOWN} more` : '');
    return [
      {
        path: ['server', 'authorization', 'permissionsRegex'],
        message: `no permission string can be written that this regex reads as exactly the granted namespace and role for: ${shown}; the server would grant ${unwritable.length > 1 ? 'them' : 'it'} to nobody. Let the namespace group accept every namespace name and the role group every role, e.g. ^temporal/(?P<namespace>[^/]+)/(?P<role>[a-z]+)$, or drop the regex for plain namespace:role strings`,
      },
    ];
  },
};
