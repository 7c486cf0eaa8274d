import type { AccessMatrix } from './matrix.js';

const SYSTEM = '(system)';

/** Cell text: the role, `*` when it comes from the system role, `-` for nothing. */
export function cellText(role: string | undefined, viaSystem: boolean): string {
  return role ? `${role}${viaSystem ? '*' : ''}` : '-';
}

/** A row's name as people read it: `client <id>`, `serviceaccount <namespace>/<name>`, or the group. */
export function rowLabel(r: AccessMatrix['rows'][number]): string {
  if (r.kind === 'client') return `client ${r.principal}`;
  if (r.kind === 'service-account') return `serviceaccount ${r.principal.replace(/^system:serviceaccount:([^:]+):/, '$1/')}`;
  return r.principal;
}

/** The terminal table as lines, columns padded to their widest cell. */
export function matrixLines(matrix: AccessMatrix): string[] {
  const header = ['principal', ...matrix.namespaces, SYSTEM];
  const body = matrix.rows.map((r) => [rowLabel(r), ...matrix.namespaces.map((ns) => cellText(r.namespaces[ns]?.role, r.namespaces[ns]?.viaSystem ?? false)), cellText(r.system, false)]);
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
}

/** Where shadow mode is on, as one sentence; undefined when every call is enforced. */
export function shadowLine(matrix: AccessMatrix): string | undefined {
  const s = matrix.shadow;
  if (!s || (s.namespaces.length === 0 && !s.clusterCalls)) return undefined;
  const where = [
    ...(s.namespaces.length > 0 ? [s.namespaces.join(', ')] : []),
    ...(s.clusterCalls ? ['calls that name no namespace (ListNamespaces, GetClusterInfo) and every namespace without its own enforce'] : []),
  ].join('; ');
  return `Shadow mode (not enforced: denials are let through and logged as would-deny): ${where}`;
}

/** The HTML page's view: one row per principal, one cell per column, with the class that colours it. */
export function matrixHtmlView(matrix: AccessMatrix, title: string) {
  return {
    title,
    shadow: shadowLine(matrix),
    columns: [...matrix.namespaces, SYSTEM],
    rows: matrix.rows.map((r) => ({
      principal: r.principal,
      label: rowLabel(r),
      kind: r.kind,
      cells: [
        ...matrix.namespaces.map((ns) => {
          const c = r.namespaces[ns];
          return { column: ns, role: c?.role ?? 'none', viaSystem: c?.viaSystem ?? false, text: cellText(c?.role, c?.viaSystem ?? false) };
        }),
        { column: SYSTEM, role: r.system ?? 'none', viaSystem: false, text: cellText(r.system, false) },
      ],
    })),
  };
}
