import { Command, Option } from 'commander';
import type { LoadedChart } from '../api/chart.js';
import { InputError } from '../api/errors.js';
import type { Finding } from '../api/findings.js';
import { validate } from '../api/spec.js';
import { EXIT } from './exit-codes.js';
import { FINDINGS_FORMATS, type FindingsFormat, reportFindings } from './findings.js';
import type { CliIo } from './io.js';
import { chartOption, loadChartOption } from './options.js';
import { DEFAULT_SPEC, resolveFrom } from './paths.js';
import { STDIN_SPEC, specInput } from './spec-input.js';

interface ValidateFlags {
  values?: string;
  chartVersion?: string;
  chart?: string;
  output: FindingsFormat;
  strict?: boolean;
}

export function validateCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('validate')
    .description('Check specs against the JSON Schema and the lint rules. One line per finding (the first 1,000) on stderr: file:line:col severity rule message; one line per spec with its counts.')
    .argument('[specs...]', `spec files (default ${DEFAULT_SPEC}; - reads one from stdin)`)
    .option('--values <file>', 'your own Helm values, checked for settings that would undo the auth wiring')
    .option('--chart-version <version>', "check against this chart version instead of the spec's")
    .addOption(chartOption('check against'))
    .addOption(
      new Option('-o, --output <format>', 'findings as text (lines on stderr), or json, sarif (SARIF 2.1.0) or github (workflow commands) on stdout: one document for all the specs')
        .choices(FINDINGS_FORMATS)
        .default('text'),
    )
    .option('--strict', 'fail (exit 1) on warnings too')
    .addHelpText(
      'after',
      '\nExit codes: 0 every spec clean or warnings only (with --strict: clean only), 1 errors in any (or a --chart that cannot be read,\nis not the temporal chart or has templates the tool cannot read).\n\nExamples:\n  temporal-auth validate examples/okta.yaml --values my-values.yaml\n  temporal-auth validate teams/*/temporal-auth.yaml -o sarif > temporal-auth.sarif\n',
    )
    .action(async (specs: string[], opts: ValidateFlags) => {
      const chart = await loadChartOption(io, opts.chart);
      if (!chart.ok) return setExit(EXIT.invalid);
      const names = specs.length > 0 ? specs : [DEFAULT_SPEC];
      if (names.filter((n) => n === '-').length > 1) {
        io.stderr('temporal-auth: - (stdin) may name one spec only\n');
        return setExit(EXIT.invalid);
      }
      // Every spec's findings, then one report: the document formats are one document for the call.
      const findings: Finding[] = [];
      const summaries: string[] = [];
      let failed = false;
      for (const spec of names) {
        const checked = await validateOne(io, spec, chart.chart, opts);
        findings.push(...checked.findings);
        summaries.push(checked.summary);
        failed ||= checked.failed;
      }
      await reportFindings(io, opts.output, findings);
      io.stderr(summaries.join(''));
      setExit(failed ? EXIT.invalid : EXIT.ok);
    });
}

/** One spec: its findings, its summary line (or the one line saying why it could not be read), and whether it fails the call. */
async function validateOne(io: CliIo, spec: string, chart: LoadedChart | undefined, opts: ValidateFlags): Promise<{ findings: readonly Finding[]; summary: string; failed: boolean }> {
  const name = spec === '-' ? STDIN_SPEC : spec;
  let result;
  try {
    result = await validate(await specInput(io, spec), {
      chartVersion: opts.chartVersion,
      chart,
      values: opts.values === undefined ? undefined : { file: resolveFrom(io, opts.values) },
    });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    if (err.code === 'spec-invalid' && err.findings.length > 0) {
      return { findings: err.findings, summary: '', failed: true };
    }
    return { findings: [], summary: `temporal-auth: ${err.code === 'chart-version-unknown' ? `--chart-version ${err.detail ?? err.message}` : err.message}\n`, failed: true };
  }
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  const failed = !result.valid || (opts.strict === true && warnings > 0);
  const summary = failed
    ? `${name}: ${errors} error(s), ${warnings} warning(s)${result.valid ? ' (--strict: warnings fail)' : ''}\n`
    : `${name}: valid${warnings ? ` with ${warnings} warning(s)` : ''}\n`;
  return { findings: result.findings, summary, failed };
}
