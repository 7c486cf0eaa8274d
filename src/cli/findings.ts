import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Finding, formatFinding } from '../api/findings.js';
import type { CliIo } from './io.js';
import { packageVersion } from './package-version.js';

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

/**
 * How validate and render report findings. `text` (the default) is one `file:line:col
 * severity rule message` line each, on stderr, like every command's findings: stdout is a
 * command's product (render --stdout's manifests, explain's and diff's reports), so the two
 * never mix. The other formats are asked for, and are the command's output, on stdout:
 * `json` (one document), `sarif` (SARIF 2.1.0, for code scanning) and `github` (GitHub
 * Actions workflow commands, one annotation per finding). Everything else (counts, notes,
 * the render summary) stays on stderr.
 */
export const FINDINGS_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type FindingsFormat = (typeof FINDINGS_FORMATS)[number];

/** Writes `findings` in `format`; for the document formats, the whole document. */
export async function reportFindings(io: CliIo, format: FindingsFormat, findings: readonly Finding[]): Promise<void> {
  const shown = findings.length > PRINTED_FINDINGS ? findings.slice(0, PRINTED_FINDINGS) : findings;
  const omitted = findings.length - shown.length;
  switch (format) {
    case 'text':
      printFindings(findings, io.stderr);
      return;
    case 'github':
      if (shown.length) io.stdout(`${shown.map(githubCommand).join('\n')}\n`);
      if (omitted > 0) io.stderr(`temporal-auth: ${omitted} more finding(s) not shown; the first ${PRINTED_FINDINGS} are above\n`);
      return;
    case 'json':
      io.stdout(`${JSON.stringify({ findings: shown, errors: count(findings, 'error'), warnings: count(findings, 'warning'), omitted }, null, 2)}\n`);
      return;
    case 'sarif':
      io.stdout(`${JSON.stringify(await sarifLog(shown, omitted), null, 2)}\n`);
      return;
  }
}

const count = (findings: readonly Finding[], severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;

/**
 * A GitHub Actions workflow command (`::error file=...,line=...,col=...,title=...::message`):
 * the runner turns it into an annotation on the file and line. Its escaping: % and line breaks
 * everywhere, and : and , in a property (actions/toolkit, command.ts escapeData/escapeProperty).
 */
function githubCommand(f: Finding): string {
  const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const props = [`file=${property(f.file)}`, `line=${f.line}`, `col=${f.col}`, `title=${property(`temporal-auth ${f.rule}`)}`].join(',');
  return `::${f.severity} ${props}::${data(f.message)}`;
}

/** SARIF 2.1.0: one run of temporal-auth, each finding a result located in its file. */
async function sarifLog(findings: readonly Finding[], omitted: number): Promise<import('sarif').Log> {
  const { findingRules } = await import('../api/finding-rules.js');
  const known = findingRules();
  const ids = [...new Set(findings.map((f) => f.rule))];
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'temporal-auth',
            version: packageVersion(),
            rules: ids.map((id) => {
              const rule = known.get(id);
              return {
                id,
                shortDescription: { text: rule?.summary ?? id },
                defaultConfiguration: { level: rule?.severity ?? 'error' },
              };
            }),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ids.indexOf(f.rule),
          level: f.severity,
          message: { text: f.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: sarifUri(f.file) }, region: { startLine: f.line, startColumn: f.col } } }],
        })),
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: omitted > 0 ? [{ level: 'note', message: { text: `${omitted} more finding(s) not reported; the first ${PRINTED_FINDINGS} are above` } }] : [],
          },
        ],
      },
    ],
  };
}

/** A file as a SARIF artifact URI: relative paths stay relative (to the working folder), with / separators. */
function sarifUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  // Each segment percent-encoded: a relative reference's first segment may not hold a colon (RFC 3986, 4.2).
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}
