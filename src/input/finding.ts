import { describeValue, isRecord } from '../util/describe-value.js';

/** One problem found in an input file, printed as `file:line:col severity rule message`. */
export type Severity = 'error' | 'warning';

export interface Finding {
  file: string;
  line: number;
  col: number;
  severity: Severity;
  rule: string;
  message: string;
}

export function formatFinding(f: Finding): string {
  const given: unknown = f;
  const ok =
    isRecord(given) &&
    ['file', 'rule', 'message'].every((k) => typeof given[k] === 'string') &&
    ['line', 'col'].every((k) => typeof given[k] === 'number') &&
    (given.severity === 'error' || given.severity === 'warning');
  if (!ok) throw new TypeError(`formatFinding: the finding must be { file, line, col, severity: 'error' | 'warning', rule, message }; got ${describeValue(given)}`);
  // One line, always: a message that carries a newline (from a YAML parser,
  // say) would break the `file:line:col` contract that editors and CI parse.
  const message = f.message.replace(/\s*\n\s*/g, ' ').trim();
  return `${f.file}:${f.line}:${f.col} ${f.severity} ${f.rule} ${message}`;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** a.localeCompare(b), without the call when they are the same string (most comparisons of a large sort). */
const compareText = (a: string, b: string) => (a === b ? 0 : a.localeCompare(b));

/** Stable order: by file, then position, then rule, so output diffs cleanly in CI. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.col - b.col || compareText(a.rule, b.rule) || compareText(a.message, b.message));
}
