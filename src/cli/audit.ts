import { Command, Option } from 'commander';
import { type AuditReport, audit, auditTextView } from '../api/audit.js';
import { InputError } from '../api/errors.js';
import { printable, printableJson } from '../util/printable.js';
import { renderTemplate } from '../util/templates.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { loadModel } from './load-model.js';
import { resolveFrom } from './paths.js';

interface AuditFlags {
  output: string;
  spec?: string;
  namespace?: string;
}

export function auditCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('audit')
    .description("Read the custom-auth server's audit log: who was (or in shadow mode would have been) denied what, and the smallest spec change that allows it.")
    .argument('[file]', "the log: a file, or - (the default) for stdin; Temporal's own log lines are skipped, kubectl's --prefix and --timestamps stripped")
    .addOption(new Option('-o, --output <format>', 'text or json').choices(['text', 'json']).default('text'))
    .option(
      '--spec <file>',
      'the spec in force today: suggestions then say what changes relative to its grants (a new grant or a broader role), and name no change when the spec already allows the calls',
    )
    .option('-n, --namespace <namespace>', 'count only the decision lines of this namespace')
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 when the log was read, whether or not it holds denials (invalid audit lines are',
        'counted and the first few named on stderr); 1 bad input: a FILE that does not exist, is a',
        'directory or is not a regular file (pipe a FIFO to stdin), a bad --spec, bad flags.',
        '',
        'Examples:',
        '  kubectl logs -n temporal -l app.kubernetes.io/component=frontend --tail=-1 --prefix --since=24h | temporal-auth audit',
        '  temporal-auth audit frontend.log --spec temporal-auth.yaml',
        '  temporal-auth audit frontend.log -n payroll -o json',
        '',
      ].join('\n'),
    )
    .action(async (file: string | undefined, flags: AuditFlags) => setExit(await run(io, file, flags)));
}

async function run(io: CliIo, fileArg: string | undefined, flags: AuditFlags): Promise<number> {
  if (flags.spec === '-' && (fileArg === undefined || fileArg === '-')) {
    io.stderr('temporal-auth: --spec - and the log cannot both be read from stdin; name the log FILE, or the spec file\n');
    return EXIT.invalid;
  }
  const loaded = flags.spec === undefined ? undefined : await loadModel(io, flags.spec);
  if (flags.spec !== undefined && !loaded) return EXIT.invalid;
  const stdin = fileArg === undefined || fileArg === '-';
  if (stdin && io.stdinIsTTY) io.stderr('temporal-auth: reading audit lines from stdin (Ctrl+D ends); name a file or pipe kubectl logs in\n');
  let report: AuditReport;
  try {
    const source = stdin ? { stream: io.stdin(), name: '-' } : { file: resolveFrom(io, fileArg!) };
    report = await audit(source, { spec: loaded, namespace: flags.namespace });
  } catch (err) {
    if (!(err instanceof InputError) || err.code !== 'audit-log-unreadable') throw err;
    io.stderr(`temporal-auth: ${err.message}\n`);
    return EXIT.invalid;
  }
  const name = stdin ? '<stdin>' : printable(fileArg);
  for (const p of report.problems) io.stderr(`${name}:${p.line}: audit line ${printable(p.problem)}\n`);
  const skipped = report.lines.invalid + report.lines.tooLong;
  if (skipped > report.problems.length)
    io.stderr(`${name}: ${skipped} audit lines skipped in all (${report.lines.invalid} not what schemas/audit-line.schema.json says, ${report.lines.tooLong} too long)\n`);
  if (flags.output === 'json') io.stdout(`${printableJson(JSON.stringify(report, null, 2))}\n`);
  else io.stdout(await renderTemplate('audit-report', auditTextView(report)));
  return EXIT.ok;
}
