import { type Finding, formatFinding } from '../api/findings.js';

/**
 * How many findings a command prints. A spec with a quarter of a million
 * unknown keys is still answered in full by the exit code and the counts; its
 * first thousand lines (in the usual order) say what is wrong, and the rest
 * cost seconds to format and write.
 */
export const PRINTED_FINDINGS = 1000;

/**
 * Writes the first `limit` findings, one line each, in one write (a large spec
 * would otherwise pay a write per line); the lines left out are counted on
 * `note` (stderr: what parses `file:line:col` lines reads only those).
 */
export function printFindings(findings: readonly Finding[], write: (text: string) => void, note: (text: string) => void = write, limit = PRINTED_FINDINGS): void {
  if (findings.length === 0) return;
  const shown = findings.length > limit ? findings.slice(0, limit) : findings;
  write(`${shown.map(formatFinding).join('\n')}\n`);
  const more = findings.length - shown.length;
  if (more > 0) note(`temporal-auth: ${more} more finding(s) not shown; the first ${limit} are above\n`);
}
